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
  return logged && logged === series.length ? 'samples seen (logged)' : logged ? 'samples seen' : 'samples seen (train steps × batch size)';
}

/** The x axis's words, with its unit. */
const X_LABELS = {
  epoch: 'epoch', batch: 'batch (train batches done)', time: 'time (s)', step: 'train step (train batches done)',
  samples: 'samples seen (train steps × batch size)', epochf: 'epoch (train batches done ÷ batches per epoch)',
};

/**
 * A dragged x range as the zoom: its two ends as they are, in the axis's own units (steps, samples seen, epochs). The
 * server maps them to each trial's own steps by its own scale (from= and to= of GET /api/series, AxisRange.cs), so
 * trials of different batch sizes each show their rows of the dragged range; null for no range.
 */
const zoomOf = (lo, hi) => (Number.isFinite(lo) && Number.isFinite(hi) && lo < hi ? [Math.max(0, lo), hi] : null);

/** The zoom of a link's from= and to= (axis units), when both are numbers with from < to on an axis that zooms; else null. */
function linkZoom(from, to, x) {
  if (!ZOOM_AXES.has(x) || from == null || to == null || from === '' || to === '') return null;
  return zoomOf(Number(from), Number(to));
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
 * The x range of these lines ([lo, hi] of every x with a value), each end padded by MARK_X_PAD of the span where an
 * error bar (bars, with a spread) or a marked point (markPoints) sits at it; null when no end has one (the data's extent, uPlot's own).
 */
function markedXRange(series) {
  let lo = Infinity, hi = -Infinity;
  const marks = [];
  for (const s of series) {
    s.xs.forEach((x, i) => {
      if (x == null || s.ys[i] == null) return;
      lo = Math.min(lo, x); hi = Math.max(hi, x);
      if ((s.bars && s.bars.upper[i] != null && s.bars.lower[i] != null) || s.marks?.[i] != null) marks.push(x);
    });
  }
  const [padLo, padHi] = [marks.includes(lo), marks.includes(hi)];
  if (!(hi > lo) || !(padLo || padHi)) return null;
  const pad = (hi / 2 - lo / 2) * 2 * MARK_X_PAD; // halved first, as the figure does
  return [padLo ? lo - pad : lo, padHi ? hi + pad : hi];
}

/** The plot's x scale by step: the zoom exactly, else the lines' extent with its marked ends padded (markedXRange). */
function stepXScale(zoom, series) {
  if (zoom) return zoomScale(zoom);
  const range = markedXRange(series);
  return range ? { range: () => range } : {};
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
