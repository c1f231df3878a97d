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

/** The x axis's words, with its unit. */
const X_LABELS = {
  epoch: 'epoch', batch: 'batch (train batches done)', time: 'time (s)', step: 'train step (train batches done)',
  samples: 'samples seen (train steps × batch size)', epochf: 'epoch (train batches done ÷ batches per epoch)',
};

/**
 * A dragged x range back in train steps: over every line drawn by step, from the start of the bucket at or before the
 * range's left end to the end of the bucket at or after its right end (wherever the server placed them).
 */
function stepsOf(lo, hi, series) {
  let from = Infinity, to = -Infinity;
  for (const s of series) {
    if (!s.steps) continue;
    const at = s.xs.map((x, i) => [x, i]).filter(([x]) => x != null);
    if (!at.length) continue;
    const first = [...at].reverse().find(([x]) => x <= lo) ?? at[0];
    const last = at.find(([x]) => x >= hi) ?? at[at.length - 1];
    from = Math.min(from, s.steps[first[1]]);
    to = Math.max(to, s.steps[last[1]] + s.width);
  }
  return from < to ? [from, to] : null;
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
