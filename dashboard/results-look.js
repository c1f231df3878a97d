'use strict';
// Hypergrid dashboard, the Results' look: each group in its plots' colour, a labelled key for the parallel
// coordinates' colour scale, labels for the scatter's points, and a single group shown as its values.

/**
 * A report group's colour: the colour its seed group has in the plots and the table when grouped by all but seed
 * (groups numbered in the order first seen among the selected trials). The map is built once per selection, not per
 * group: a report of 3,000 groups costs one pass over the trials.
 */
function resultColor(g) {
  const key = [store.trials.length, store.trialsEtag, [...(view.leaves ?? [])].join(','), [...view.hide].join(','), view.q].join('|');
  if (resultColor.key !== key) {
    const groups = [...seedGroups(selected()).values()];
    resultColor.map = new Map();
    groups.forEach((members, i) => { for (const t of members) resultColor.map.set(t.path, color(i, groups.length)); });
    resultColor.key = key;
  }
  return resultColor.map.get(`${g.leaf}/${g.trials?.[0]}`) ?? '#6b7385';
}

/** A short name for a point's label: the values of the keys that differ, else its leaf. */
function groupLabel(g, keys) {
  const parts = keys.filter(k => g.values[k] !== undefined).map(k => `${k}=${fmt(g.values[k])}`);
  return parts.length ? parts.join(', ') : g.leaf;
}

/** The parallel coordinates' colour key: the metric's scale from low (blue) to high (red), its ends labelled. */
function heatKey(svg, metric, lo, hi, x, y, width) {
  const id = 'r-heat-gradient';
  const defs = el('defs');
  const grad = el('linearGradient', { id, x1: 0, x2: 1, y1: 0, y2: 0 });
  for (const t of [0, 0.25, 0.5, 0.75, 1]) grad.append(el('stop', { offset: t, 'stop-color': heat(t) }));
  defs.append(grad);
  const key = el('g', { class: 'r-key', 'data-low': lo, 'data-high': hi });
  key.append(defs);
  key.append(el('text', { x: x - 4, y: y + 8, 'text-anchor': 'end', class: 'r-tick' }, axisLabel(lo)));
  key.append(el('rect', { x, y, width, height: 9, fill: `url(#${id})`, stroke: '#9ca3af' }));
  key.append(el('text', { x: x + width + 4, y: y + 8, 'text-anchor': 'start', class: 'r-tick' }, axisLabel(hi)));
  key.append(el('text', { x: x + width / 2, y: y - 3, 'text-anchor': 'middle', class: 'r-tick' }, `colour: ${metric}`));
  svg.append(key);
}

/**
 * With one group there is nothing to compare: its values and its metric in words (the plots' place says why), the
 * two charts hidden rather than drawn empty. Returns whether it did so.
 */
function renderSingle(groups, keys) {
  const box = document.getElementById('r-single');
  const one = groups.length === 1;
  box.hidden = !one;
  for (const id of ['r-parallel', 'r-scatter']) document.getElementById(id).style.display = one ? 'none' : '';
  if (!one) { box.replaceChildren(); return false; }
  const g = groups[0];
  const all = Object.keys(g.values);
  const sw = document.createElement('span');
  sw.className = 'swatch';
  sw.style.background = resultColor(g);
  const text = document.createElement('span');
  text.textContent = `one group: ${describeGroup(g, all.length ? all : keys)} · over seeds ${(g.seeds ?? []).join(', ')}` +
    ' (the parallel coordinates and the scatter compare two groups or more)';
  box.replaceChildren(sw, text);
  return true;
}
