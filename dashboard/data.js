'use strict';
// Hypergrid dashboard, data: the trial list and epoch logs from the server, shaped per phase for plotting.

// ---- data -------------------------------------------------------------------------------
const leafOf = t => KEYS.map(k => t[k]).join('/');
// A trial's path in a URL: each folder's name encoded (a leaf is named by its cfg file: adam@hidden=256, a name with '#' or '?').
const pathUrl = path => path.split('/').map(encodeURIComponent).join('/');

/** The trial list, or null when it is the one already shown (same ETag): nothing to parse or rebuild. */
async function fetchTrials() {
  // no-cache: the browser revalidates with the ETag, and an unchanged list comes back as a bodiless 304. The first
  // refresh takes the answer early.js asked for while the scripts loaded.
  const res = await fetch('/api/trials', { cache: 'no-cache' });
  if (!res.ok) throw new Error('GET /api/trials: ' + res.status);
  const etag = res.headers.get('etag');
  if (etag && etag === store.trialsEtag) return null;
  store.trialsEtag = etag;
  const body = await res.json();
  // The server's batch-log schema says which columns are metrics; time is an x axis, not a metric.
  store.schema = body.metrics.map(m => m.name).filter(name => !X_ONLY.has(name));
  // The states whose logs are results (complete, other-code: what the report ranks), as the server names them.
  store.resultStates = new Set(body.resultStates ?? []);
  return body.trials;
}

/** Columns that are x axes, not metrics to plot: time, and a program's count of samples seen. */
const X_ONLY = new Set(['time', 'samples']);
const NOT_METRICS = new Set(['epoch', 'mode', 'batch', 'n_batches', ...X_ONLY]);

/**
 * What the plots at epoch resolution draw from the epoch logs: the view's phases and metrics, and what its x axis
 * needs (time; for batch, the train rows' n_batches). Only these are asked for: a page drawing the train loss of 200
 * trials x 2,000 epochs loads one column of half the rows, not the whole tables.
 */
function epochNeeds() {
  const phases = new Set(view.phases), columns = new Set(view.metrics);
  if (view.x === 'time') columns.add('time');
  if (view.x === 'batch') { columns.add('n_batches'); phases.add('train'); }
  return { phases: [...phases], columns: [...columns] };
}

// Empty cells are NaN in float32 columns: they become gaps, as do a diverged trial's NaN and infinities (its state
// says diverged; a plot cannot scale to them).
const cellValue = v => (v == null || !Number.isFinite(v) ? null : v);

/**
 * The values of a column at the rows idx (null: every row), a NaN or an infinity as a gap (cellValue). A plain loop
 * over the Float32Array, no call per value: the page of 200 trials x 2,000 epochs copies 800,000 values here.
 */
function pickColumn(values, idx, gaps = true) {
  const n = idx ? idx.length : values.length, out = [];
  if (!gaps) {
    if (idx) for (let k = 0; k < n; k++) out.push(values[idx[k]]);
    else for (let k = 0; k < n; k++) out.push(values[k]);
    return out;
  }
  for (let k = 0; k < n; k++) {
    const v = values[idx ? idx[k] : k];
    out.push(v == null || !Number.isFinite(v) ? null : v);
  }
  return out;
}

/**
 * The rows of each phase of a mode column: phase -> row indices, or null for every row when the answer holds one
 * phase only (what a page drawing one phase asks: no index arrays to build and follow).
 */
function phaseRows(mode) {
  const first = mode[0];
  let one = true;
  for (let i = 1; i < mode.length && one; i++) one = mode[i] === first;
  if (one) return new Map(mode.length ? [[first, null]] : []);
  const rows = new Map();
  for (let i = 0; i < mode.length; i++) {
    let list = rows.get(mode[i]);
    if (!list) rows.set(mode[i], list = []);
    list.push(i);
  }
  return rows;
}

/** Per phase of one answer: x by epoch (by cumulative training batches when n_batches was asked for, by time); its metrics. */
function byPhase(cols, asked) {
  const phases = {};
  // Every column of the epoch log is a metric but its keys and x axes: a program's own columns (val_top5, bleu) too.
  const metrics = Object.keys(cols).filter(k => !NOT_METRICS.has(k));
  const rows = phaseRows(cols.mode);
  let trainBatchesAt = null, batches = 0;
  if (asked.has('n_batches')) {
    trainBatchesAt = new Map();
    const train = rows.has('train') ? rows.get('train') ?? cols.epoch.map((_, i) => i) : [];
    for (const i of train) { batches += cellValue(cols.n_batches?.[i]) ?? 1; trainBatchesAt.set(cols.epoch[i], batches); }
  }
  for (const [mode, idx] of rows) {
    const epoch = pickColumn(cols.epoch, idx, false);
    const p = phases[mode] = { epoch, m: {} };
    if (trainBatchesAt) p.batch = epoch.map(e => trainBatchesAt.get(e) ?? batches);
    if (cols.time) p.time = pickColumn(cols.time, idx);
    for (const k of metrics) p.m[k] = pickColumn(cols[k], idx);
  }
  return phases;
}

/** The phase x column pairs of the needs that a trial's cache lacks (all of them when it must be asked afresh). */
function missingColumns(trial, needs) {
  const cached = store.logs.get(trial.path);
  const fresh = !cached || cached.state !== trial.state || trial.state === 'running';
  const out = [];
  for (const ph of needs.phases) for (const c of needs.columns) if (fresh || !cached.have.has(ph + '|' + c)) out.push([ph, c]);
  return { fresh, pairs: out };
}

/**
 * Keeps an answer's phases and columns: afresh, or merged into what was loaded before (a complete trial's rows of a
 * phase never change, so a column asked later lines up with the earlier ones; if not, the phase is replaced).
 */
function remember(trial, cols, filled, asked, fresh) {
  for (const k of filled) if (!NOT_METRICS.has(k)) store.metrics.add(k);
  const got = cols ? byPhase(cols, new Set(asked.columns)) : {};
  const old = fresh ? null : store.logs.get(trial.path);
  const entry = old ?? { state: trial.state, phases: {}, have: new Set() };
  for (const [ph, p] of Object.entries(got)) {
    const before = entry.phases[ph];
    if (!before || before.epoch.length !== p.epoch.length) {
      entry.phases[ph] = p;
      for (const k of [...entry.have]) if (k.startsWith(ph + '|') && !asked.columns.includes(k.slice(ph.length + 1))) entry.have.delete(k);
      continue;
    }
    Object.assign(before.m, p.m);
    if (p.batch) before.batch = p.batch;
    if (p.time) before.time = p.time;
  }
  for (const ph of asked.phases) for (const c of asked.columns) entry.have.add(ph + '|' + c);
  store.logs.set(trial.path, entry);
}

/** Reads the float32 answer of POST /api/epochs: a JSON header, then each column as a Float32Array (the phases by name). */
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
    // Rows of one phase come without a mode column: their phase is the one that modes names.
    if (!cols.mode) cols.mode = new Array(t.rows).fill(t.modes[0]);
    // reported: the Results metrics this trial could be ranked by (each phase's columns with a value in its rows).
    out[t.path] = { cols, filled: t.filled ?? [], reported: t.reported ?? [] };
  }
  return { trials: out };
}

/**
 * Many trials' epoch logs in one request (float32 columns), only the phases and columns the view draws and the
 * cache lacks. The server always answers from the batch log, so the page never aggregates: a trial it leaves out has
 * no usable log yet.
 */
async function loadLogs(trials) {
  const needs = epochNeeds();
  // Trials asked afresh get every need; the others only what they lack (a metric ticked later), in one request each.
  const fresh = [], stale = [];
  for (const t of trials.filter(t => t.log)) {
    const m = missingColumns(t, needs);
    if (m.pairs.length) (m.fresh ? fresh : stale).push({ t, pairs: m.pairs });
  }
  // A phase's batch x comes from the train rows' n_batches in the same answer: a phase ticked later on the batch axis
  // is asked with the train rows, or it would be drawn at batch 0.
  const union = todo => {
    const phases = new Set(todo.flatMap(x => x.pairs.map(p => p[0]))), columns = new Set(todo.flatMap(x => x.pairs.map(p => p[1])));
    if (columns.has('n_batches')) phases.add('train');
    return { phases: [...phases], columns: [...columns] };
  };
  for (const [todo, isFresh] of [[fresh, true], [stale, false]]) {
    if (!todo.length) continue;
    const asked = isFresh ? needs : union(todo);
    for (let i = 0; i < todo.length; i += 250) {
      const chunk = todo.slice(i, i + 250).map(x => x.t);
      let got = null;
      try {
        const res = await fetch('/api/epochs', { method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ trials: chunk.map(t => t.path), columns: asked.columns, phases: asked.phases }) });
        if (res.ok) {
          const answer = decodeF32(await res.arrayBuffer());
          got = answer.trials;
          // What the Results may rank by: the metrics of results alone (a running trial's log is none, as for the report).
          for (const t of chunk) if (store.resultStates?.has(t.state)) for (const m of got[t.path]?.reported ?? []) store.reported.add(m);
        }
      } catch { /* this refresh shows what it has; the next one asks again */ }
      if (!got) { store.retry = true; continue; }
      for (const t of chunk) remember(t, got[t.path]?.cols, got[t.path]?.filled ?? [], asked, isFresh);
    }
  }
}

/** Buckets of an earlier answer up to the tail's first step, then the tail's (same width, so the buckets line up). */
function extend(prev, tail, metrics) {
  const keep = prev.step.indexOf(tail.from);
  const cut = keep < 0 ? prev.step.length : keep;
  const out = { ...tail, from: prev.from, raw: prev.raw && tail.raw, step: prev.step.slice(0, cut).concat(tail.step) };
  for (const m of metrics) {
    if (!prev[m] || !tail[m]) continue;
    out[m] = Object.fromEntries(Object.keys(tail[m]).map(r => [r, prev[m][r].slice(0, cut).concat(tail[m][r])]));
  }
  // The buckets' places on the x axis, as the server gave them; unplaced unless both answers are (the next refresh asks afresh).
  out.x = prev.x?.mean && tail.x?.mean
    ? { ...tail.x, mean: prev.x.mean.slice(0, cut).concat(tail.x.mean), last: prev.x.last.slice(0, cut).concat(tail.x.last) } : null;
  return out;
}

/**
 * How the answer for a running trial's new rows (asked from its last bucket) joins the line the page holds: 'extend'
 * when both were placed by one scale (the answer's x.scale: what one train step is on the axis) from the same log;
 * 'afresh' when the scale changed, so the line's earlier buckets sit by a stale rule and the whole series is asked
 * again (by epochs as a fraction a running trial is placed by its train set ÷ batch_size until its first epoch ends,
 * then by its log's own rows per epoch: a loader that drops the last short batch, 10,000 samples in batches of 64, has
 * 156 where 157 were reckoned, and an extended line would kink at the join), or when its log shrank (restarted).
 */
function stepJoin(prev, tail) {
  if (tail.rows < prev.rows) return 'afresh';
  return prev.x?.scale === tail.x?.scale && prev.x?.logged === tail.x?.logged ? 'extend' : 'afresh';
}

/** The step buckets a plot asks for: about one per two pixels of its width, over the zoomed range (all until zoomed). */
function stepWindow() {
  return { points: stepPoints(document.getElementById('plots').clientWidth), range: stepRangeQuery(view.zoom) };
}

/** How many step buckets a plot this wide asks for: one per two pixels, at least 200. */
const stepPoints = width => Math.max(200, Math.round(width / 2));

/** The zoom as query parameters, in the axis's units as dragged ('' until zoomed): the server maps it to each trial's steps. */
const stepRangeQuery = range => (range ? `&from=${range[0]}&to=${range[1]}` : '');

/**
 * The step from which a series already loaded is asked again: a running trial seen before (and not zoomed) is asked
 * only its last two buckets (the last possibly partial) and the new rows, at the width it has, until it holds twice the
 * points it was drawn with; then (and when zoomed, or not loaded) it is asked afresh: null. Two, not one: whether the
 * bucket before the last stands alone (its error bar, the answer's `lone`) depends on the last, which may have gained
 * rows; the server judges the tail's first bucket by the one before it, which is whole and unchanged.
 */
function stepTail(prev, points, range) {
  return !range && prev?.step?.length && prev.step.length <= 2 * points ? prev.step[Math.max(0, prev.step.length - 2)] : null;
}

/** An /api/series answer: its JSON, ANSWERED_NONE for a 400, null when there was none (a network error, a 404, a 5xx). */
const askSeries = url => fetch(url, { cache: 'no-store' }).then(r => (r.ok ? r.json() : r.status === 400 ? ANSWERED_NONE : null)).catch(() => null);

/** What a 400 answers: this log cannot answer the question (a metric it lacks); no line, and not asked again. */
const ANSWERED_NONE = Object.freeze({});

/**
 * Whether a line loaded while its trial was in state `before` may be extended by the rows after its last bucket now
 * that it is in state `now`: only while it runs on, its one log growing. A trial that completed, failed or paused
 * has its finished log, and one that runs again a new attempt's: another file, asked whole (its rows may differ from
 * the line's, and a new attempt may already have more rows than the old one had, so no count can tell them apart).
 */
const stepsGrow = (before, now) => before === 'running' && now === 'running';

/**
 * The ticked metrics as a series query asks them: each one optional (metrics= empty, optional= them), so a trial whose
 * log lacks one (a built-in trial and a program's bleu, ticked together) answers the others instead of a 400 that left
 * all its lines out at step resolution.
 */
const metricsQuery = metrics => `metrics=&optional=${metrics.join(',')}`;

/**
 * Step resolution: per trial and phase, GET /api/series buckets of the visible x range (all of it until the user
 * zooms; the zoom in the axis's units) at about the plot's width in points. Each bucket carries the true min and max of its rows, so no spike hides.
 */
async function loadSteps(trials) {
  const metrics = view.metrics.filter(m => store.schema.includes(m) || store.metrics.has(m));
  if (!metrics.length) return;
  if (view.group) return loadGroupSteps(trials, metrics);
  const { points, range } = stepWindow();
  // Same question as last time: only running trials (whose logs grow) and trials not yet loaded are asked again.
  const key = `${metrics.join(',')}|${points}|${range}|${view.phases.join(',')}|${xQuery()}`;
  const fresh = key !== store.stepsKey;
  store.stepsKey = key;
  if (fresh) store.unplaced.clear();
  const jobs = [];
  const base = `${metricsQuery(metrics)}${xQuery()}`;
  const ask = askSeries;
  const phases = view.phases.filter(p => p === 'train' || p === 'val');
  if (!phases.length) return;
  // A trial that stopped running since the last look is asked once more, for the rows it wrote last.
  for (const t of trials.filter(t => t.log && (fresh || t.state === 'running' || store.steps.get(t.path)?.state !== t.state))) {
    const held = store.steps.get(t.path);
    const growing = !fresh && stepsGrow(held?.state, t.state);
    jobs.push(Promise.all(phases.map(async phase => {
      const prev = fresh ? null : held?.[phase];
      const tail = growing ? stepTail(prev, points, range) : null;
      const whole = `/api/series/${pathUrl(t.path)}?phase=${phase}&${base}&points=${points}${range}`;
      // fromstep: the tail starts at a bucket's first step (in steps whatever the axis), so the buckets line up.
      let body = await ask(tail === null ? whole : `/api/series/${pathUrl(t.path)}?phase=${phase}&${base}&fromstep=${tail}&width=${prev.width}`);
      const joins = tail !== null && body?.x?.mean ? stepJoin(prev, body) : 'replace';
      // The line's earlier buckets cannot be kept: the whole series is asked again, in this refresh.
      if (joins === 'afresh') body = await ask(whole);
      const entry = store.steps.get(t.path) ?? {};
      store.steps.set(t.path, entry);
      // No answer (the server busy, the log between files as the trial ends): the line it had stays, asked again next time.
      if (body === null) { if (fresh) delete entry[phase]; return false; }
      // An answer not placed on the x axis (no batches per epoch yet) is not kept: the next refresh asks afresh.
      if (body?.x?.missing) store.unplaced.set(t.path, body.x.missing); else if (body?.x?.mean) store.unplaced.delete(t.path);
      if (!body?.x?.mean) delete entry[phase];
      else entry[phase] = joins === 'extend' ? extend(prev, body, [...metrics, 'samples']) : body;
      for (const m of metrics) if (body?.[m]?.last.some(v => v != null)) store.metrics.add(m);
      return true;
    })).then(answered => {
      // The state its lines were loaded in, once every phase was answered; else none, so the next refresh asks again.
      const entry = store.steps.get(t.path);
      if (answered.every(Boolean)) entry.state = t.state;
      else { delete entry.state; store.retry = true; }
    }));
  }
  await Promise.all(jobs);
}

/**
 * Step resolution grouped by all but seed: per group and phase, GET /api/series-group computes on the server, per
 * bucket, the seeds' mean and std and the true min and max over all their rows. Asked again while a member runs.
 */
async function loadGroupSteps(trials, metrics) {
  const { points, range } = stepWindow();
  const key = `${metrics.join(',')}|${points}|${range}|${view.phases.join(',')}|${xQuery()}`;
  const fresh = key !== store.groupStepsKey;
  store.groupStepsKey = key;
  if (fresh) { store.groupSteps = new Map(); store.unplaced.clear(); }
  const jobs = [];
  for (const [gk, members] of seedGroups(trials.filter(t => t.log))) {
    const states = members.map(t => t.state).join(',');
    const prev = store.groupSteps.get(gk);
    if (prev && prev.states === states && !members.some(t => t.state === 'running')) continue;
    const entry = { states, members };
    const who = members.map(t => `trial=${encodeURIComponent(t.path)}`).join('&');
    const phases = view.phases.filter(p => p === 'train' || p === 'val');
    jobs.push(Promise.all(phases.map(async phase => {
      const body = await askSeries(`/api/series-group?${who}&phase=${phase}&${metricsQuery(metrics)}${xQuery()}&points=${points}${range}`);
      // No answer: the band it had stays (same question), and the group is asked again at the next refresh.
      if (body === null) { if (prev?.[phase]) entry[phase] = prev[phase]; return false; }
      if (body !== ANSWERED_NONE) entry[phase] = body;
      // A group the server could not place on this axis: its seeds are named by what they lack.
      for (const t of members) if (body?.x?.missing) store.unplaced.set(t.path, body.x.missing); else if (body?.x) store.unplaced.delete(t.path);
      // The metric list knows it from the buckets, so the first draw has its plot (the epoch logs come after).
      for (const m of metrics) if (body?.[m]?.mean.some(v => v != null)) store.metrics.add(m);
      return true;
    })).then(answered => { if (!answered.every(Boolean)) { entry.states = null; store.retry = true; } }));
    store.groupSteps.set(gk, entry);
  }
  await Promise.all(jobs);
}

/** Trials that differ only by seed, in the order first seen. */
function seedGroups(trials) {
  const groups = new Map();
  for (const t of trials) { const k = groupKey(t); if (!groups.has(k)) groups.set(k, []); groups.get(k).push(t); }
  return groups;
}
