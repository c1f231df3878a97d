'use strict';
// Hypergrid dashboard, data: the trial list and epoch logs from the server, shaped per phase for plotting.

// ---- data -------------------------------------------------------------------------------
const leafOf = t => KEYS.map(k => t[k]).join('/');

async function fetchTrials() {
  const res = await fetch('/api/trials', { cache: 'no-store' });
  if (!res.ok) throw new Error('GET /api/trials: ' + res.status);
  return (await res.json()).trials;
}

function parseCsv(text) {
  const lines = text.split('\n');
  const header = lines[0].split(',');
  const cols = Object.fromEntries(header.map(h => [h, []]));
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const cells = line.split(',');
    if (cells.length < header.length) continue; // a trailing partial line
    for (let c = 0; c < header.length; c++) {
      const h = header[c];
      cols[h].push(h === 'mode' ? cells[c] : cells[c] === '' ? null : Number(cells[c]));
    }
  }
  return cols;
}

/** Batch rows to epoch means, for the fallback when the server cannot give an epoch log. */
function aggregate(cols) {
  const out = Object.fromEntries(Object.keys(cols).filter(k => k !== 'batch').map(k => [k, []]));
  out.n_batches = [];
  const index = new Map();
  cols.mode.forEach((mode, i) => {
    const key = cols.epoch[i] + '|' + mode;
    if (!index.has(key)) { index.set(key, { epoch: cols.epoch[i], mode, sums: {}, counts: {}, n: 0 }); }
    const g = index.get(key);
    g.n++;
    for (const k of Object.keys(out)) {
      const v = cols[k]?.[i];
      if (k === 'mode' || k === 'epoch' || v == null) continue;
      g.sums[k] = k === 'time' ? Math.max(g.sums[k] ?? v, v) : (g.sums[k] ?? 0) + v;
      g.counts[k] = (g.counts[k] ?? 0) + 1;
    }
  });
  for (const g of index.values()) {
    out.epoch.push(g.epoch); out.mode.push(g.mode); out.n_batches.push(g.n);
    for (const k of Object.keys(out)) {
      if (k === 'epoch' || k === 'mode' || k === 'n_batches') continue;
      out[k].push(g.counts[k] ? (k === 'time' ? g.sums[k] : g.sums[k] / g.counts[k]) : null);
    }
  }
  return out;
}

/** Per phase: x by epoch, by cumulative training batches, and by time; and every metric. */
function byPhase(cols) {
  const phases = {};
  let batches = 0;
  const trainBatchesAt = new Map();
  // Empty cells are null in CSV and JSON, NaN in float32 columns: both become gaps.
  const value = v => (v == null || Number.isNaN(v) ? null : v);
  const metrics = Object.keys(cols).filter(k => !NOT_METRICS.has(k));
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

/** Reads the float32 answer of /api/epochs?format=f32: a JSON header, then each column as a Float32Array. */
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

/** Many trials' epoch logs in one request (float32 columns); what it cannot give is fetched one by one. */
async function loadLogs(trials) {
  const todo = trials.filter(t => t.log && needsLoad(t));
  for (let i = 0; i < todo.length; i += 250) {
    const chunk = todo.slice(i, i + 250);
    let got = {};
    try {
      const res = await fetch('/api/epochs?format=f32', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trials: chunk.map(t => t.path) }) });
      if (res.ok) got = decodeF32(await res.arrayBuffer());
    } catch { /* fall back below */ }
    const missing = [];
    for (const t of chunk) got[t.path] ? remember(t, got[t.path]) : missing.push(t);
    await Promise.all(Array.from({ length: 6 }, async () => { while (missing.length) await loadLog(missing.shift()); }));
  }
}

async function loadLog(trial) {
  let text = null;
  const res = await fetch(`/api/logs/${trial.path}/epoch_log.csv`, { cache: 'no-store' });
  if (res.ok) text = await res.text();
  let cols = text ? parseCsv(text) : null;
  if (!cols && trial.log) {
    const raw = await fetch(`/api/logs/${trial.path}/${trial.log}`, { cache: 'no-store' });
    if (raw.ok) cols = aggregate(parseCsv(await raw.text()));
  }
  if (!cols) { store.logs.set(trial.path, { state: trial.state, phases: {} }); return; }
  remember(trial, cols);
}
