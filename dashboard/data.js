'use strict';
// Hypergrid dashboard, data: the trial list and epoch logs from the server, shaped per phase for plotting.

// ---- data -------------------------------------------------------------------------------
const leafOf = t => KEYS.map(k => t[k]).join('/');

/** The trial list, or null when it is the one already shown (same ETag): nothing to parse or rebuild. */
async function fetchTrials() {
  // no-cache: the browser revalidates with the ETag, and an unchanged list comes back as a bodiless 304.
  const res = await fetch('/api/trials', { cache: 'no-cache' });
  if (!res.ok) throw new Error('GET /api/trials: ' + res.status);
  const etag = res.headers.get('etag');
  if (etag && etag === store.trialsEtag) return null;
  store.trialsEtag = etag;
  const body = await res.json();
  // The server's batch-log schema says which columns are metrics; time is an x axis, not a metric.
  store.schema = body.metrics.map(m => m.name).filter(name => name !== 'time');
  return body.trials;
}

/** Per phase: x by epoch, by cumulative training batches, and by time; and every metric. */
function byPhase(cols) {
  const phases = {};
  let batches = 0;
  const trainBatchesAt = new Map();
  // Empty cells are null in CSV and JSON, NaN in float32 columns: both become gaps.
  const value = v => (v == null || Number.isNaN(v) ? null : v);
  const metrics = store.schema.filter(k => k in cols);
  cols.mode.forEach((mode, i) => {
    if (mode === 'train') { batches += value(cols.n_batches?.[i]) ?? 1; trainBatchesAt.set(cols.epoch[i], batches); }
  });
  cols.mode.forEach((mode, i) => {
    const p = phases[mode] ??= { epoch: [], batch: [], time: [], m: Object.fromEntries(metrics.map(k => [k, []])) };
    p.epoch.push(cols.epoch[i]);
    p.batch.push(trainBatchesAt.get(cols.epoch[i]) ?? batches);
    p.time.push(value(cols.time?.[i]));
    for (const k of metrics) p.m[k].push(value(cols[k][i]));
  });
  return phases;
}

const needsLoad = trial => {
  const cached = store.logs.get(trial.path);
  return !cached || cached.state !== trial.state || trial.state === 'running';
};

function remember(trial, cols) {
  const phases = byPhase(cols);
  for (const p of Object.values(phases)) for (const k of Object.keys(p.m)) if (p.m[k].some(v => v != null)) store.metrics.add(k);
  store.logs.set(trial.path, { state: trial.state, phases });
}

/** Reads the float32 answer of POST /api/epochs: a JSON header, then each column as a Float32Array. */
function decodeF32(buffer) {
  const length = new DataView(buffer).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, length)));
  let offset = 4 + length + (4 - length % 4) % 4;
  const out = {};
  for (const t of header.trials) {
    const cols = {};
    for (const name of t.columns) {
      const values = new Float32Array(buffer, offset, t.rows);
      offset += t.rows * 4;
      cols[name] = name === 'mode' ? Array.from(values, i => t.modes[i]) : values;
    }
    out[t.path] = cols;
  }
  return out;
}

/**
 * Many trials' epoch logs in one request (float32 columns). The server always answers from the batch log,
 * so the page never aggregates: a trial it leaves out has no usable log yet.
 */
async function loadLogs(trials) {
  const todo = trials.filter(t => t.log && needsLoad(t));
  for (let i = 0; i < todo.length; i += 250) {
    const chunk = todo.slice(i, i + 250);
    let got = {};
    try {
      const res = await fetch('/api/epochs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trials: chunk.map(t => t.path) }) });
      if (res.ok) got = decodeF32(await res.arrayBuffer());
    } catch { /* this refresh shows what it has; the next one asks again */ }
    for (const t of chunk) got[t.path] ? remember(t, got[t.path]) : store.logs.set(t.path, { state: t.state, phases: {} });
  }
}

/**
 * Step resolution: per trial and phase, GET /api/series buckets of the visible step range (all of it until the user
 * zooms) at about the plot's width in points. Each bucket carries the true min and max of its rows, so no spike hides.
 */
async function loadSteps(trials) {
  const metrics = view.metrics.filter(m => store.schema.includes(m));
  if (!metrics.length) return;
  const points = Math.max(200, Math.round(document.getElementById('plots').clientWidth / 2));
  const range = store.stepRange ? `&from=${store.stepRange[0]}&to=${store.stepRange[1]}` : '';
  // Same question as last time: only running trials (whose logs grow) and trials not yet loaded are asked again.
  const key = `${metrics.join(',')}|${points}|${range}|${view.phases.join(',')}`;
  const fresh = key !== store.stepsKey;
  store.stepsKey = key;
  const jobs = [];
  for (const t of trials.filter(t => t.log && (fresh || t.state === 'running' || !store.steps.has(t.path)))) {
    for (const phase of view.phases.filter(p => p === 'train' || p === 'val')) {
      jobs.push(fetch(`/api/series/${t.path}?phase=${phase}&metrics=${metrics.join(',')}&points=${points}${range}`, { cache: 'no-store' })
        .then(r => (r.ok ? r.json() : null)).then(body => {
          const entry = store.steps.get(t.path) ?? {};
          if (body) entry[phase] = body; else delete entry[phase];
          store.steps.set(t.path, entry);
        }).catch(() => {}));
    }
  }
  await Promise.all(jobs);
}
