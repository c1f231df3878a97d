'use strict';
// Hypergrid dashboard, x axes at step resolution: the train step, samples seen and epochs as a fraction all come from
// the same step buckets, placed on the axis by the server (x= of GET /api/series and /api/series-group) by the rule
// the figure files use too (src/Hypergrid.Dashboard/Series/StepX.cs): the page draws the places it is given.

/** The x axes drawn from the step buckets (GET /api/series); the others (epoch, batch, time) from the epoch logs. */
const STEP_AXES = new Set(['step', 'samples', 'epochf']);
const stepAxis = () => STEP_AXES.has(view.x);

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
  return logged && logged === series.length ? 'samples seen (logged)' : logged ? 'samples seen' : 'samples seen (train steps × batch size)';
}

/**
 * The x axis's words, with its unit: on the axes a figure draws, the figures' own (FigureBuilder.XLabel, their one
 * owner; axes.test.mjs reads them from it), so a plot and its downloaded figure say the same.
 */
const X_LABELS = {
  epoch: 'epoch', batch: 'batch (train batches done)', time: 'time (s)', step: 'train step (batches)',
  samples: 'samples seen (train steps × batch size)', epochf: 'epoch (train batches done ÷ batches per epoch)',
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

/** The zoom of a link's from= and to= (axis units), when both are numbers with from < to on an axis drawn by step; else null. */
function linkZoom(from, to, x) {
  if (!STEP_AXES.has(x) || from == null || to == null || from === '' || to === '') return null;
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
 * The x range every plot of the view shares (docs/dashboard.md: one x for all, as TensorBoard and W&B draw a run's
 * charts): from the least to the greatest x of any line of any plot, so acc (its val passes from step 62) and loss
 * (from 0) line up under one another; null when the lines have no x or a single one (each plot pads its own).
 */
function sharedXRange(plotsSeries) {
  let lo = Infinity, hi = -Infinity;
  for (const series of plotsSeries) for (const s of series) {
    s.xs.forEach((x, i) => { if (x != null && s.ys[i] != null) { if (x < lo) lo = x; if (x > hi) hi = x; } });
  }
  return lo < hi ? [lo, hi] : null;
}

/** The x scale of a plot not zoomed: the view's shared range (store.xRange) when there is one, else its own data's. */
const sharedScale = () => ({ range: (u, lo, hi) => store.xRange ?? [lo, hi] });

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
