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

/** The x axis's words, with its unit. */
const X_LABELS = {
  epoch: 'epoch', batch: 'batch (train batches done)', time: 'time (s)', step: 'train step (train batches done)',
  samples: 'samples seen (train steps × batch_size)', epochf: 'epoch (train steps ÷ batches per epoch)',
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
