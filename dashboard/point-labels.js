'use strict';
// Hypergrid dashboard, the scatter's point labels: what tells a point apart from the others, never its x key (its place
// on the axis says it). The server names them (GET /api/report's section.labels, per x key: the Results figure's legend
// names by src/Hypergrid.Dashboard/Figures/LegendNames.cs), so the page and the figure file say the same; the page only
// fits them: a label too long for its room loses what it shares with the other points first, not the tail that tells
// it apart.

/**
 * Per report group, its label as units from the server's names ({leaf, keys} each: the leaf's parts that tell it apart,
 * '' when none, then its "key=value"s): the leaf first, then the keys. A group the answer does not name (an older server)
 * is labelled by its leaf. [{ units, leafFirst }]
 */
function pointLabels(groups, names) {
  return groups.map((g, i) => {
    const n = names?.[i] ?? { leaf: g.leaf, keys: [] };
    return n.leaf ? { units: [n.leaf, ...n.keys], leafFirst: true } : { units: [...n.keys], leafFirst: false };
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
