'use strict';
// Hypergrid dashboard, names: what a legend calls each line (a group of seeds, or a trial), by the keys whose values
// differ between the lines shown, close to the figure files' rule (src/Hypergrid.Dashboard/Figures/LegendNames.cs; not yet the same: there lines of
// several leaves are named by the leaf's parts that differ). The leaf's keys are app.js's KEYS.

/** A key's value in a trial's config as the page writes it; undefined when the trial lacks the key. */
const keyValue = (t, k) => (t.config?.[k] === undefined ? undefined : fmt(t.config[k]));

/** Whether every leaf among the lines holds one value of the key: then the leaf's name says it. */
function impliedByLeaf(reps, k) {
  const seen = new Map();
  for (const t of reps) {
    const leaf = leafOf(t), v = keyValue(t, k) ?? '\u0000';
    if (seen.has(leaf) && seen.get(leaf) !== v) return false;
    seen.set(leaf, v);
  }
  return true;
}

/**
 * Per line (given by one trial of it), its name, and the key named once as a title when only one key differs: the
 * keys whose values differ between the lines (seed left out when lines are groups of seeds), without those the leaf
 * implies while the leaves differ (a key only one leaf has, a leaf's batch_size), each name without the keys its line
 * lacks; the code when it differs. No differing key: the trials' folder names (one line: no name).
 */
function lineNames(reps, withSeed) {
  const all = [...new Set(reps.flatMap(t => Object.keys(t.config ?? {})))].filter(k => withSeed || k !== 'seed');
  let keys = all.filter(k => new Set(reps.map(t => keyValue(t, k) ?? '\u0000')).size > 1);
  if (new Set(reps.map(leafOf)).size > 1) keys = keys.filter(k => KEYS.includes(k) || !impliedByLeaf(reps, k));
  const value = (t, k) => (k === 'code' ? t.code ?? 'none' : keyValue(t, k));
  if (new Set(reps.map(t => t.code ?? null)).size > 1) keys.push('code');
  if (!keys.length) return { title: null, names: reps.length === 1 ? [''] : reps.map(t => t.path.split('/').pop()) };
  if (keys.length === 1) return { title: keys[0], names: reps.map(t => value(t, keys[0]) ?? '—') };
  const names = reps.map(t => {
    const parts = keys.filter(k => value(t, k) !== undefined).map(k => `${k}=${value(t, k)}`);
    return parts.length ? parts.join(', ') : keys.map(k => `${k}=—`).join(', ');
  });
  return { title: null, names };
}

/** Each trial's line name when grouped by all but seed (every member of a group: its group's name), and the title. */
function groupNames(trials) {
  const groups = [...seedGroups(trials).values()];
  const { title, names } = lineNames(groups.map(g => g[0]), false);
  const byTrial = new Map();
  groups.forEach((members, i) => { for (const t of members) byTrial.set(t.path, names[i]); });
  return { title, byTrial };
}
