'use strict';
// Hypergrid dashboard, a grouped plot's key: each group's colour and name (by the keys that differ between the groups
// shown, names.js), always in view under the plot; the hover legend (plots.js) still reads values under the cursor.

/** The most groups the key names; the rest are counted. */
const GROUP_LEGEND_ROWS = 8;

/** The plot's groups in the order of their lines, one entry per group (its train and val lines share it). */
function legendGroups(series) {
  const seen = new Map();
  for (const s of series) if (s.group !== undefined && !seen.has(s.group)) seen.set(s.group, s.color);
  return [...seen].map(([name, color]) => ({ name, color }));
}

/** Writes (or removes, ungrouped) the key of one plot's element: names as text, never HTML. */
function renderGroupLegend(el, series, title) {
  let box = el.querySelector('.group-legend');
  const groups = view.group ? legendGroups(series) : [];
  if (!groups.length) { box?.remove(); return; }
  if (!box) {
    box = document.createElement('div');
    box.className = 'group-legend';
    el.querySelector('.legend')?.before(box);
  }
  const entries = groups.slice(0, GROUP_LEGEND_ROWS).map(g => {
    const entry = document.createElement('span');
    entry.className = 'group-entry';
    entry.dataset.color = g.color;
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = g.color;
    const name = document.createElement('span');
    name.className = 'group-name';
    name.textContent = g.name;
    name.title = g.name;
    entry.append(sw, name);
    return entry;
  });
  const parts = [];
  if (title) { const t = document.createElement('span'); t.className = 'group-title muted'; t.textContent = title + ':'; parts.push(t); }
  parts.push(...entries);
  if (groups.length > GROUP_LEGEND_ROWS) {
    const more = document.createElement('span');
    more.className = 'group-more muted';
    more.textContent = `and ${groups.length - GROUP_LEGEND_ROWS} more`;
    parts.push(more);
  }
  box.replaceChildren(...parts);
}
