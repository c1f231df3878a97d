'use strict';
// Hypergrid dashboard, the Results' look: each group in its plots' colour, a labelled key for the parallel
// coordinates' colour scale, where the scatter's point labels go, and a single group shown as its values.

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
    groups.forEach((members, i) => { for (const t of members) resultColor.map.set(t.path, color(i)); });
    resultColor.key = key;
  }
  return resultColor.map.get(`${g.leaf}/${g.trials?.[0]}`) ?? '#6b7385';
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
  const [low, high] = distinctLabels([lo, hi], axisLabel);
  key.append(el('text', { x: x - 4, y: y + 8, 'text-anchor': 'end', class: 'r-tick' }, low));
  key.append(el('rect', { x, y, width, height: 9, fill: `url(#${id})`, stroke: '#9ca3af' }));
  key.append(el('text', { x: x + width + 4, y: y + 8, 'text-anchor': 'start', class: 'r-tick' }, high));
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
  document.getElementById('r-scatter-why').hidden = true;
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

/** A text's width in px as the Results' SVG draws it (the font of .r-plots text in style.css). */
function textWidth(text, px = 11) {
  const c = textWidth.ctx ??= document.createElement('canvas').getContext('2d');
  c.font = `${px}px system-ui, sans-serif`;
  return c.measureText(text).width;
}

/** A text cut to at most `max` px, an ellipsis saying so (width: how wide a text is drawn, textWidth on the page). */
function shorten(text, max, px = 11, width = textWidth) {
  if (width(text, px) <= max) return text;
  let lo = 0, hi = text.length;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (width(text.slice(0, mid) + '…', px) <= max) lo = mid; else hi = mid - 1; }
  return text.slice(0, lo) + '…';
}

/**
 * An axis's category labels in `room` px left of it (text anchored at its end): each that fits as it is; the others
 * lose what all of them start with (back to a separator, so "lr=" stays whole) for a leading "…", and
 * are then cut at their end if still too wide. "sgd@lr=0.1,bs=64" beside "sgd@lr=0.01,bs=16" in 60 px reads
 * "…0.1,bs=64": the part that tells them apart, never a label running off the SVG's left edge.
 */
function categoryLabels(labels, room, px = 10, width = textWidth) {
  // What the labels too wide to fit all start with (those that fit are not cut, so they need not share it).
  const wide = labels.filter(l => width(l, px) > room);
  let common = 0;
  if (wide.length > 1) {
    while (wide.every(l => common < l.length && l[common] === wide[0][common])) common++;
    while (common > 0 && !'@,=/ _-:;|'.includes(wide[0][common - 1])) common--;
  }
  return labels.map(l => {
    if (width(l, px) <= room) return l;
    const tail = common > 0 ? '…' + l.slice(common) : l;
    return shorten(tail, room, px, width);
  });
}

/**
 * The parallel coordinates' axis titles: centred on their axes in one row while none touches another, else in two
 * rows (every other axis); each cut (…) to the room its row leaves it inside the SVG. [{ text, row }]
 */
function axisTitles(texts, xs, W, width = textWidth) {
  const gap = 8;
  const room = (i, step) => 2 * Math.min(xs[i] - 2, W - xs[i] - 2,
    ...[xs[i - step], xs[i + step]].filter(v => v !== undefined).map(v => (Math.abs(v - xs[i]) - gap) / 2));
  const step = texts.every((t, i) => width(t) <= room(i, 1)) ? 1 : 2;
  return texts.map((t, i) => ({ text: shorten(t, room(i, step), 11, width), row: step === 1 ? 0 : i % 2 }));
}

/**
 * The scatter's point labels, best group first: right of the point, or left where the plot's right edge is near,
 * inside the plot's frame, cut (…) when long; a label that would overlap one placed before is left out (hovering a
 * point names it whole).
 */
function placeLabels(svg, points, box) {
  for (const l of labelPlacements(points, box)) svg.append(el('text', { x: l.x, y: l.y, 'text-anchor': l.anchor, class: 'r-label' }, l.text));
}

/**
 * Where placeLabels writes each label that it keeps ({ x, y, anchor, text }), by the rule above (width: textWidth on the
 * page): right of its point, else left; a side where the label would cover another point (radius 5) or a label placed
 * before is not taken, and a label with neither side free is left out.
 */
function labelPlacements(points, box, width = textWidth) {
  const px = 10, height = 12, radius = 5, placed = [], out = [];
  const overlaps = (r, q) => r.x < q.x + q.w && q.x < r.x + r.w && r.y < q.y + q.h && q.y < r.y + r.h;
  const dots = points.map(p => ({ x: p.x - radius, y: p.y - radius, w: 2 * radius, h: 2 * radius }));
  points.forEach((p, i) => {
    if (!p.text) return;
    const text = shorten(p.text, Math.min(150, (box.right - box.left) / 2), px, width);
    const w = width(text, px);
    const base = Math.min(box.bottom - 3, Math.max(box.top + height, p.y - 5));
    const free = right => {
      const x0 = right ? p.x + 7 : p.x - 7 - w;
      if (x0 < box.left + 2 || x0 + w > box.right - 2) return null;
      const r = { x: x0, y: base - height + 2, w, h: height };
      return placed.some(q => overlaps(r, q)) || dots.some((d, j) => j !== i && overlaps(r, d)) ? null : r;
    };
    const right = free(true), r = right ?? free(false);
    if (!r) return;
    placed.push(r);
    out.push({ x: right ? p.x + 7 : p.x - 7, y: base, anchor: right ? 'start' : 'end', text });
  });
  return out;
}
