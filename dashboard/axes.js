'use strict';
// Hypergrid dashboard, x axes at step resolution: the train step, samples seen and epochs as a fraction all come from
// the same step buckets, placed on the axis by the server (x= of GET /api/series and /api/series-group) by the rule
// the figure files use too (src/Hypergrid.Dashboard/Series/StepX.cs): the page draws the places it is given.

/** The x axes drawn from the step buckets (GET /api/series); the others (epoch, batch, time) from the epoch logs. */
const STEP_AXES = new Set(['step', 'samples', 'epochf']);
const stepAxis = () => STEP_AXES.has(view.x);

/**
 * The x axes a drag zooms and a link's from= and to= range: those drawn by step (the server answers the rows of the
 * range) and the epoch axis (the page holds the epoch logs: inZoom keeps the range's epochs), as the figures draw them.
 */
const ZOOM_AXES = new Set([...STEP_AXES, 'epoch']);
const zoomable = () => ZOOM_AXES.has(view.x);

/**
 * By epoch, a zoom's epochs only, [from, to) as the figure files and the axes drawn by step take a range: the other
 * points (and their band) are gaps. On the other axes the series are as given (the server answered the range's rows).
 */
function inZoom(series) {
  if (view.x !== 'epoch' || !view.zoom) return series;
  const [lo, hi] = view.zoom;
  const keep = (arr, xs) => arr.map((v, i) => (xs[i] != null && xs[i] >= lo && xs[i] < hi ? v : null));
  return series.map(s => ({ ...s, ys: keep(s.ys, s.xs), ...(s.band ? { band: { upper: keep(s.band.upper, s.xs), lower: keep(s.band.lower, s.xs) } } : {}) }));
}

/** Asked with each step series: the axis the server places its buckets on. */
const xQuery = () => `&x=${view.x}`;

/**
 * A step series' x values as the server placed them: each bucket's last row for a line through its last values (a
 * trial's train line), else the mean of its rows' places; null when the trial cannot be placed on this axis (no
 * batch_size for samples seen, no batches per epoch yet): it is not drawn.
 */
const stepXs = (body, pick = 'mean') => body.x?.[pick] ?? null;

/** Whether a step series is at its log's own samples counts. */
const loggedX = body => Boolean(body.x?.logged);

/**
 * The x axis's words for a plot's lines: on the samples axis, whether they are the logs' own counts (every line),
 * computed (none) or both (plain "samples seen").
 */
function xLabel(series) {
  if (view.x !== 'samples') return X_LABELS[view.x];
  const logged = series.filter(s => s.logged).length;
  return X_LABELS[logged && logged === series.length ? 'samples_logged' : logged ? 'samples_mixed' : 'samples'];
}

/**
 * What the page says above its plots of the x axis (the figures' note under their legend): on the samples axis, where
 * a plot's lines are placed both ways (its label the bare samples_mixed), how each is placed; else ''. plotsSeries: one
 * list of lines per plot.
 */
function xNote(plotsSeries) {
  if (view.x !== 'samples') return '';
  for (const series of plotsSeries) if (xLabel(series) === X_LABELS.samples_mixed) return X_LABELS.samples_note;
  return '';
}

/**
 * The x axes' words, with their units: the one table the figure files label their axes from (AxisLabels.cs; also
 * answered by GET /api/axis-labels), copied so the first draw waits for no request; axes.test.mjs holds the copy equal
 * to the table, so a plot and its downloaded figure say the same words.
 */
const X_LABELS = {
  epoch: 'epoch', batch: 'batch (train batches done)', time: 'time (s)', step: 'train step (train batches done)',
  samples: 'samples seen (train steps × batch size)', samples_logged: 'samples seen (logged)', samples_mixed: 'samples seen',
  samples_note: 'samples seen: logged by the program where its log has a samples column, else train steps × batch size',
  epochf: 'epoch (train batches done ÷ batches per epoch)',
};

/**
 * The largest x the server takes on an axis (SeriesQuery.MaxOn): a step number on the step axis, else a double's exact
 * integers. A zoom past it is refused by the server, so the page never asks it.
 */
const zoomMax = axis => (axis === 'step' ? 2147483647 : 9007199254740992);

/**
 * A dragged x range as the zoom: its two ends in the axis's own units (steps, samples seen, epochs), a start before 0
 * at 0. The server maps them to each trial's steps by its own scale (from= and to= of GET /api/series, AxisRange.cs),
 * so trials of different batch sizes each show their rows of the dragged range; null for no range, or an end past what
 * the axis holds (zoomMax: the server would refuse it).
 */
const zoomOf = (lo, hi, axis = 'step') =>
  (Number.isFinite(lo) && Number.isFinite(hi) && lo < hi && hi > 0 && hi <= zoomMax(axis) ? [Math.max(0, lo), hi] : null);

/** The zoom of a link's from= and to= (axis units), when both are numbers with from < to on an axis that zooms; else null. */
function linkZoom(from, to, x) {
  if (!ZOOM_AXES.has(x) || from == null || to == null || from === '' || to === '') return null;
  return zoomOf(Number(from), Number(to), x);
}

/**
 * A dragged range's ends rounded to the decimals one pixel of the axis shows (perPixel: the axis's units per pixel),
 * so the URL carries from=570, not from=569.5113350125945; never fewer digits than keep the ends apart.
 */
function roundZoom(lo, hi, perPixel) {
  if (!(perPixel > 0) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [lo, hi];
  const digits = Math.min(15, Math.max(0, Math.ceil(-Math.log10(perPixel))));
  const round = v => Number(v.toFixed(digits));
  return round(lo) < round(hi) ? [round(lo), round(hi)] : [lo, hi];
}

/** The plot's x scale: the zoom exactly, whatever rows the answer holds (the data's extent only when not zoomed). */
const zoomScale = zoom => (zoom ? { range: () => [zoom[0], zoom[1]] } : {});

/**
 * How far past an end of x a plot reaches where a mark sits at that end (a val pass's error bar at the very last step,
 * a Results point), as a share of the span: the mark and its caps whole, not half cut by the frame. The figure files pad
 * by the same rule and share (FigureLayout.PointsXPad); an end without a mark runs to the frame.
 */
const MARK_X_PAD = 0.05;

/**
 * [lo, hi] of every x with a value in these lines, and whether an error bar (with a spread) or a marked point
 * (markPoints) sits at each end.
 */
function xExtent(series) {
  let lo = Infinity, hi = -Infinity;
  const marks = [];
  for (const s of series) {
    s.xs.forEach((x, i) => {
      if (x == null || s.ys[i] == null) return;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      if ((s.bars && s.bars.upper[i] != null && s.bars.lower[i] != null) || s.marks?.[i] != null) marks.push(x);
    });
  }
  return { lo, hi, padLo: marks.includes(lo), padHi: marks.includes(hi) };
}

/**
 * The x range of these lines ([lo, hi] of every x with a value), each end padded by MARK_X_PAD of the span where an
 * error bar (bars, with a spread) or a marked point (markPoints) sits at it; null when no end has one (the data's
 * extent, uPlot's own).
 */
const markedXRange = series => paddedRange(xExtent(series));

/** An extent (xExtent) with its marked ends padded by MARK_X_PAD of the span; null when no end has a mark. */
function paddedRange({ lo, hi, padLo, padHi }) {
  if (!(hi > lo) || !(padLo || padHi)) return null;
  const pad = (hi / 2 - lo / 2) * 2 * MARK_X_PAD; // halved first, as the figure does
  return [padLo ? lo - pad : lo, padHi ? hi + pad : hi];
}

/**
 * The x range every plot of the view shares (docs/dashboard.md: one x for all, as TensorBoard and W&B draw a run's
 * charts): from the least to the greatest x of any plot's range (its marked ends padded, markedXRange), so acc (its val
 * passes from step 62) and loss (from 0) line up under one another; null when the lines have no x or a single one.
 */
function sharedXRange(plotsSeries) {
  let lo = Infinity, hi = -Infinity;
  for (const series of plotsSeries) {
    const e = xExtent(series); // one pass over the lines' points per plot, not one for the extent and one for the pads
    const [a, b] = paddedRange(e) ?? [e.lo, e.hi];
    if (a < lo) lo = a;
    if (b > hi) hi = b;
  }
  return lo < hi ? [lo, hi] : null;
}

/**
 * The plot's x scale: the zoom exactly (by step, samples or epochf); else the range the view's plots share
 * (store.xRange, worked out at each draw), else its own lines' with their marked ends padded (markedXRange). The lines
 * are read when uPlot asks (u.hgSeries, set before each setData of a live refresh), not when the plot was built: a
 * running trial's line grows and its last val pass moves.
 */
function stepXScale(zoom, series) {
  if (zoom) return zoomScale(zoom);
  return { range: (u, min, max) => store.xRange ?? markedXRange(u?.hgSeries ?? series) ?? (max > min ? [min, max] : [min - 1, max + 1]) };
}

// ---- the URL's values, clamped ------------------------------------------------------------------
/** A value from the URL as one of the known ones, else the default: a hand-edited or old link never breaks the page. */
const oneOf = (v, known, d) => (known.includes(v) ? v : d);

/** A number from the URL within [lo, hi] (a non-number is the default). */
function clampNumber(v, lo, hi, d) {
  const n = Number(v);
  return v == null || v === '' || !Number.isFinite(n) ? d : Math.min(hi, Math.max(lo, n));
}

/** The phases the page draws (its checkboxes); a URL's others are left out, and none left means the default. */
const PHASES = ['train', 'val', 'test'];
function knownPhases(asked) {
  const known = asked.filter(p => PHASES.includes(p));
  return known.length ? [...new Set(known)] : ['train', 'val'];
}
