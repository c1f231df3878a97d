'use strict';
// Hypergrid dashboard, the scatter's point labels: what tells a point apart from the others, never its x key (its place
// on the axis says it), named as the figure files name lines (src/Hypergrid.Dashboard/Figures/LegendNames.cs); a label
// too long for its room loses what it shares with the other points first, not the tail that tells it apart.

/**
 * Per report group, its label as units: groups of one leaf by the keys whose values differ between them; groups of
 * several leaves by the leaf's parts that differ (model/trainer; mode and dataset only when those do not tell the
 * leaves apart) and then by the keys that differ between the groups of that same leaf (a key a leaf fixes is implied
 * by its name). The x key is left out, as a leaf part too; a key a group lacks is left out of its label. A label left
 * with nothing is the group's x value (lr=0.1), else its leaf. [{ units, leafFirst }]
 */
function pointLabels(groups, xKey) {
  const value = (g, k) => (g.values?.[k] === undefined ? undefined : fmt(g.values[k]));
  const differing = gs => resultKeys(gs).filter(k => k !== xKey && new Set(gs.map(g => value(g, k) ?? '\u0000')).size > 1);
  const pairs = (g, keys) => keys.filter(k => value(g, k) !== undefined).map(k => `${k}=${value(g, k)}`);
  let labels;
  if (new Set(groups.map(g => g.leaf)).size <= 1) {
    const keys = differing(groups);
    labels = groups.map(g => ({ units: pairs(g, keys), leafFirst: false }));
  } else {
    const parts = groups.map(g => g.leaf.split('/'));
    const distinct = at => new Set(parts.map(p => at.map(i => p[i]).join('/'))).size;
    let at = [0, 1, 2, 3].filter(i => new Set(parts.map(p => p[i])).size > 1);
    const modelTrainer = at.filter(i => i >= 2);
    if (modelTrainer.length && distinct(modelTrainer) === distinct(at)) at = modelTrainer;
    at = at.filter(i => KEYS[i] !== xKey);
    const siblings = new Map();
    for (const g of groups) { if (!siblings.has(g.leaf)) siblings.set(g.leaf, []); siblings.get(g.leaf).push(g); }
    const keysOf = new Map([...siblings].map(([leaf, gs]) => [leaf, differing(gs).filter(k => !KEYS.includes(k))]));
    labels = groups.map((g, i) => {
      const leaf = at.map(j => parts[i][j]).join('/'), units = pairs(g, keysOf.get(g.leaf));
      return leaf ? { units: [leaf, ...units], leafFirst: true } : { units, leafFirst: false };
    });
  }
  return labels.map((l, i) => {
    if (l.units.length) return l;
    const x = xKey ? value(groups[i], xKey) : undefined;
    return { units: [x === undefined ? groups[i].leaf : `${xKey}=${x}`], leafFirst: false };
  });
}

/** A label's text: the leaf part, a space, the keys' values joined by commas; a dropped run of units is one "…". */
function labelText(label, dropped = new Set()) {
  let text = '', after = '';
  label.units.forEach((u, i) => {
    if (dropped.has(i)) { if (!text.endsWith('…')) text += (text ? ' ' : '') + '…'; after = ' '; return; }
    text += (text ? after : '') + u;
    after = label.leafFirst && i === 0 ? ' ' : ', ';
  });
  return text;
}

/** How many labels hold each unit: what points share (a leaf of many points, a key value of many). */
function unitShares(labels) {
  const counts = new Map();
  for (const l of labels) for (const u of new Set(l.units)) counts.set(u, (counts.get(u) ?? 0) + 1);
  return counts;
}

/**
 * A label in at most `max` px: while too wide, the unit most labels share (the first of equals) is dropped for "…",
 * down to one unit, which is then cut at its end (width: textWidth on the page).
 */
function fitLabel(label, shares, max, px = 10, width = textWidth) {
  const dropped = new Set();
  while (width(labelText(label, dropped), px) > max && dropped.size < label.units.length - 1) {
    let most = -1;
    label.units.forEach((u, i) => { if (!dropped.has(i) && (most < 0 || shares.get(u) > shares.get(label.units[most]))) most = i; });
    dropped.add(most);
  }
  return shorten(labelText(label, dropped), max, px, width);
}
