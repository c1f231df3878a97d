'use strict';
// Hypergrid dashboard, names: what a legend calls each group of seeds, as the server names it (POST /api/names, by the
// figure files' rule: src/Hypergrid.Dashboard/Figures/LegendNames.cs). The page only shows the names it is given, so
// its key and cursor legend read as a figure of the same selection does.

/**
 * Asks for the names of the groups of these trials (the selection, as the figure buttons send it) when grouped and
 * not yet asked for this selection of this trial list; a failed request leaves the names of before (the next refresh
 * asks again).
 */
async function loadNames(trials) {
  if (!view.group) return;
  const key = `${store.trialsEtag}|${trials.map(t => t.path).join(',')}`;
  if (store.names?.key === key) return;
  try {
    const res = await fetch('/api/names', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ trials: trials.map(t => t.path), group: true }) });
    if (!res.ok) return;
    const body = await res.json();
    const byTrial = new Map();
    for (const line of body.lines) for (const path of line.trials) byTrial.set(path, line.name);
    store.names = { key, title: body.title ?? null, byTrial };
  } catch { /* the next refresh asks again */ }
}

/** Each trial's line name when grouped by all but seed (every member of a group: its group's name), and the title. */
const groupNames = () => store.names ?? { title: null, byTrial: new Map() };
