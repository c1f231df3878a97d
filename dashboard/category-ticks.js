'use strict';
// Hypergrid dashboard, a categorical axis's labels (the Results' scatter x, the parallel coordinates' category axes):
// never drawn over each other, however many groups. Level while each fits between its neighbours; else turned 45
// degrees, and where even turned they would touch, every k-th written (hovering a point names it whole).

/** The line height of a tick label at this font size, px: what two labels need between them, across their text. */
const tickLine = px => px * 1.2;

/** Every how many ticks a label is written so labels `spacing` px apart keep `need` px between them (1: every one). */
function thinEvery(spacing, need) {
  return spacing > 0 && Number.isFinite(spacing) ? Math.max(1, Math.ceil(need / spacing - 1e-9)) : 1;
}

/**
 * How a horizontal categorical axis writes its labels, `spacing` px apart: { angle (0 or -45), every, texts (one per
 * tick, '' where not written; a turned one cut to `room` px), depth (px below the axis the labels take) }.
 */
function categoryTicks(labels, spacing, { px = 10, room = 90, width = textWidth } = {}) {
  const gap = 6, widest = Math.max(0, ...labels.map(l => width(l, px)));
  if (labels.length <= 1 || widest + gap <= spacing) return { angle: 0, every: 1, texts: [...labels], depth: px + 6 };
  const every = thinEvery(spacing * Math.SQRT1_2, tickLine(px));
  const texts = labels.map((l, i) => (i % every === 0 ? shorten(l, room, px, width) : ''));
  return { angle: -45, every, texts, depth: Math.max(0, ...texts.map(t => width(t, px))) * Math.SQRT1_2 + px };
}
