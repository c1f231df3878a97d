'use strict';
// Hypergrid dashboard, x axes at step resolution: the train step, samples seen and epochs as a fraction all come from
// the same step buckets, each trial's steps scaled by what one train batch is on that axis.

/** The x axes drawn from the step buckets (GET /api/series); the others (epoch, batch, time) from the epoch logs. */
const STEP_AXES = new Set(['step', 'samples', 'epochf']);
const stepAxis = () => STEP_AXES.has(view.x);

/**
 * What one train step is on the x axis for this trial: 1 (step), its batch_size (samples seen), or one over its
 * batches per epoch (epochs, from its train set's size); null when the trial does not say (it is not drawn).
 */
function stepScale(t) {
  const batch = typeof t.config?.batch_size === 'number' && t.config.batch_size > 0 ? t.config.batch_size : null;
  if (view.x === 'samples') return batch;
  if (view.x === 'epochf') return batch && t.trainSamples > 0 ? 1 / Math.ceil(t.trainSamples / batch) : null;
  return 1;
}

const scaleXs = (xs, k) => (k === 1 ? xs : xs.map(x => (x == null ? null : x * k)));

/** Asked with each step series on the samples axis: a program's own samples count, answered when its log has one. */
const samplesQuery = () => (view.x === 'samples' ? '&optional=samples' : '');

/** On the samples axis, the samples column a step series' log wrote (null: it has none, or another axis). */
const loggedSamples = body => (view.x === 'samples' ? body.samples ?? null : null);

/**
 * A step series' x values: on the samples axis, the samples its log wrote when it has the column (each bucket at its
 * rows' count: the last for a trial's train line, drawn at its last value, else the mean; a bucket without one is
 * left out); otherwise its steps scaled (null when the trial does not say its batch_size). Samples seen are counted at
 * the END of a row's batch, as a logged cumulative count is: a train row at step s (s train rows before it) has seen
 * (s + 1) × batch_size, so a bucket's last row (at) has seen (at + 1) batches, its rows on average the middle of its
 * first and last plus one; a val row after s train rows, s × batch_size.
 */
function stepXs(body, ph, k, pick = 'mean') {
  const logged = loggedSamples(body);
  if (logged) return logged[pick] ?? logged.mean;
  if (k == null) return null;
  if (ph !== 'train') return scaleXs(body.at, k);
  if (view.x !== 'samples') return scaleXs(body.step, k);
  return body.step.map((s, i) => { const at = body.at?.[i]; return at == null ? null : (pick === 'last' ? at + 1 : (s + at) / 2 + 1) * k; });
}

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
  samples: 'samples seen (train steps × batch size)', epochf: 'epoch (train steps ÷ batches per epoch)',
};

/** A dragged x range back in train steps: wide enough for every trial's scale. */
function stepsOf(lo, hi, trials) {
  const scales = trials.map(stepScale).filter(k => k != null);
  if (!scales.length) return null;
  return [Math.max(0, Math.floor(lo / Math.max(...scales))), Math.ceil(hi / Math.min(...scales)) + 1];
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
