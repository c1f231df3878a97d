'use strict';
// Hypergrid dashboard: one page, no build step. Reads /api/trials and each trial's epoch log,
// draws one uPlot per metric, keeps the whole view in the URL hash so it can be shared.

const REFRESH_MS = 2000;
const KEYS = ['mode', 'dataset', 'model', 'trainer'];
const NOT_METRICS = new Set(['epoch', 'mode', 'batch', 'time', 'n_batches']);

const store = { trials: [], logs: new Map(), plots: [], metrics: new Set(), firstDraw: null, timings: {} };
const mark = name => { store.timings[name] ??= Math.round(performance.now()); };
const view = readView();

// ---- view state <-> URL ---------------------------------------------------------------
function readView() {
  const p = new URLSearchParams(location.hash.slice(1));
  const list = (k, d) => (p.has(k) ? p.get(k) : d).split(',').filter(Boolean);
  return {
    leaves: p.has('leaves') ? new Set(list('leaves', '')) : null, // null: every leaf
    hide: new Set(list('hide', '')),                               // single trials switched off
    metrics: list('m', 'loss,acc'),
    x: p.get('x') || 'epoch',
    phases: list('ph', 'train,val'),
    log: p.get('log') === '1',
    smooth: Number(p.get('sm') || 0),
    group: p.get('g') === '1',
    q: p.get('q') || '',
    sort: p.get('sort') || '',
    desc: p.get('desc') === '1',
  };
}

function writeView() {
  const p = new URLSearchParams();
  if (view.leaves) p.set('leaves', [...view.leaves].join(','));
  if (view.hide.size) p.set('hide', [...view.hide].join(','));
  p.set('m', view.metrics.join(','));
  p.set('x', view.x);
  p.set('ph', view.phases.join(','));
  if (view.log) p.set('log', '1');
  if (view.smooth) p.set('sm', String(view.smooth));
  if (view.group) p.set('g', '1');
  if (view.q) p.set('q', view.q);
  if (view.sort) { p.set('sort', view.sort); if (view.desc) p.set('desc', '1'); }
  history.replaceState(null, '', '#' + p.toString());
}

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
  cols.mode.forEach((mode, i) => {
    if (mode === 'train') { batches += cols.n_batches?.[i] ?? 1; trainBatchesAt.set(cols.epoch[i], batches); }
  });
  cols.mode.forEach((mode, i) => {
    const p = phases[mode] ??= { epoch: [], batch: [], time: [], m: {} };
    p.epoch.push(cols.epoch[i]);
    p.batch.push(trainBatchesAt.get(cols.epoch[i]) ?? batches);
    p.time.push(cols.time?.[i] ?? null);
    for (const k of Object.keys(cols)) {
      if (NOT_METRICS.has(k)) continue;
      (p.m[k] ??= []).push(cols[k][i]);
    }
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

/** Many trials' epoch logs in one request (columns as JSON); what it cannot give is fetched one by one. */
async function loadLogs(trials) {
  const todo = trials.filter(t => t.log && needsLoad(t));
  for (let i = 0; i < todo.length; i += 250) {
    const chunk = todo.slice(i, i + 250);
    let got = {};
    try {
      const res = await fetch('/api/epochs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ trials: chunk.map(t => t.path) }) });
      if (res.ok) got = await res.json();
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

// ---- selection, varying hyperparameters, table ----------------------------------------------
function matches(trial, q) {
  return q.split(/\s+/).filter(Boolean).every(token => {
    const eq = token.indexOf('=');
    if (eq < 0) return trial.path.includes(token);
    const key = token.slice(0, eq), want = token.slice(eq + 1);
    const have = key === 'state' ? trial.state : trial.config?.[key];
    return have !== undefined && fmt(have) === want;
  });
}

function selected() {
  return store.trials.filter(t => (!view.leaves || view.leaves.has(leafOf(t))) && !view.hide.has(t.path) && matches(t, view.q));
}

function varyingKeys(trials) {
  const keys = new Set(trials.flatMap(t => Object.keys(t.config ?? {})));
  return [...keys].filter(k => new Set(trials.map(t => fmt(t.config?.[k]))).size > 1);
}

const fmt = v => v === undefined ? '' : v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v);
const num = (v, d = 4) => v == null ? '' : Number(v).toFixed(d);
const color = i => `hsl(${(i * 137.508) % 360} 70% 42%)`;
const groupKey = t => JSON.stringify(Object.entries(t.config ?? {}).filter(([k]) => k !== 'seed').sort());

function renderTable(trials, colors) {
  const varying = varyingKeys(trials);
  const columns = [
    { key: 'trial', get: t => t.path }, { key: 'state', get: t => t.state },
    ...varying.map(k => ({ key: k, get: t => t.config?.[k] })),
    { key: 'val_loss', get: t => t.final?.val_loss, num: 4 }, { key: 'val_acc', get: t => t.final?.val_acc, num: 4 },
    { key: 'best_val_acc', get: t => t.final?.best_val_acc, num: 4 }, { key: 'time_s', get: t => t.seconds, num: 1 },
    { key: 'data', get: t => t.dataSource },
  ];
  const sortCol = columns.find(c => c.key === view.sort);
  const rows = [...trials];
  if (sortCol) {
    rows.sort((a, b) => {
      const x = sortCol.get(a), y = sortCol.get(b);
      const r = x == null ? 1 : y == null ? -1 : typeof x === 'number' && typeof y === 'number' ? x - y : fmt(x).localeCompare(fmt(y), undefined, { numeric: true });
      return view.desc ? -r : r;
    });
  }
  const thead = document.querySelector('#table thead');
  thead.innerHTML = '';
  const tr = thead.insertRow();
  for (const c of columns) {
    const th = document.createElement('th');
    th.textContent = c.key;
    if (c.key === view.sort) th.className = view.desc ? 'sorted-desc' : 'sorted-asc';
    th.onclick = () => { view.desc = view.sort === c.key ? !view.desc : false; view.sort = c.key; writeView(); renderTable(trials, colors); };
    tr.appendChild(th);
  }
  const tbody = document.querySelector('#table tbody');
  tbody.innerHTML = '';
  for (const t of rows) {
    const row = tbody.insertRow();
    for (const c of columns) {
      const td = row.insertCell();
      const v = c.get(t);
      if (c.key === 'trial') {
        const sw = document.createElement('span');
        sw.className = 'swatch';
        sw.style.background = colors.get(t.path);
        td.append(sw, t.path);
      } else td.textContent = c.num ? num(v, c.num) : fmt(v);
      if (c.num) td.className = 'num';
      if (c.key === 'state') { td.className = 'state-' + t.state; if (t.error) td.title = t.error; }
    }
  }
  document.getElementById('count').textContent = `${trials.length} of ${store.trials.length} trials`;
}

function renderBrowser() {
  const nav = document.getElementById('browser');
  const open = new Set([...nav.querySelectorAll('details[open]')].map(d => d.dataset.leaf));
  nav.innerHTML = '';
  const leaves = new Map();
  for (const t of store.trials) { const l = leafOf(t); if (!leaves.has(l)) leaves.set(l, []); leaves.get(l).push(t); }
  for (const [leaf, trials] of leaves) {
    const details = document.createElement('details');
    details.dataset.leaf = leaf;
    if (open.has(leaf)) details.open = true;
    const summary = document.createElement('summary');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = !view.leaves || view.leaves.has(leaf);
    box.onclick = e => e.stopPropagation();
    box.onchange = () => {
      const all = [...leaves.keys()];
      const set = view.leaves ? new Set(view.leaves) : new Set(all);
      box.checked ? set.add(leaf) : set.delete(leaf);
      view.leaves = set.size === all.length ? null : set;
      writeView(); redraw(true);
    };
    const counts = {};
    for (const t of trials) counts[t.state] = (counts[t.state] ?? 0) + 1;
    summary.append(box, ` ${leaf} `);
    const c = document.createElement('span');
    c.className = 'muted';
    c.textContent = Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ');
    summary.append(c);
    details.append(summary);
    for (const t of trials) {
      const row = document.createElement('span');
      row.className = 'trial state-' + t.state + (view.hide.has(t.path) ? ' hidden' : '');
      row.textContent = `${t.trial} ${t.state}`;
      row.onclick = () => {
        view.hide.has(t.path) ? view.hide.delete(t.path) : view.hide.add(t.path);
        row.classList.toggle('hidden');
        writeView(); redraw(true);
      };
      row.title = ['click to show or hide', t.dataSource && `data: ${t.dataSource} (${t.trainSamples} train / ${t.valSamples} val)`, t.error].filter(Boolean).join('\n');
      details.append(row);
    }
    nav.append(details);
  }
  const running = store.trials.filter(t => t.state === 'running').length;
  document.getElementById('summary').textContent = `${store.trials.length} trials` + (running ? `, ${running} running` : '');
}

// ---- plots ---------------------------------------------------------------------------------
function smooth(ys, w) {
  if (!w) return ys;
  let s = null;
  return ys.map(y => (y == null ? null : (s = s == null ? y : w * s + (1 - w) * y)));
}

/** Trial paths without the folders every selected trial shares: legends stay readable. */
function shortNames(trials) {
  const parts = trials.map(t => t.path.split('/'));
  let common = 0;
  while (parts.length && common < 4 && parts.every(p => p[common] === parts[0][common])) common++;
  return new Map(trials.map((t, i) => [t.path, parts[i].slice(common).join('/')]));
}

/** Series of one metric: a line per trial and phase, or mean ± std per group of seeds. */
function seriesFor(metric, trials, colors) {
  const out = [];
  const names = shortNames(trials);
  if (!view.group) {
    for (const t of trials) {
      const phases = store.logs.get(t.path)?.phases ?? {};
      for (const ph of view.phases) {
        const p = phases[ph];
        if (!p?.m[metric]?.some(v => v != null)) continue;
        out.push({ label: `${names.get(t.path)} ${ph}`, color: colors.get(t.path), dash: ph !== 'train', xs: p[view.x], ys: smooth(p.m[metric], view.smooth) });
      }
    }
    return out;
  }
  const groups = new Map();
  for (const t of trials) { const k = groupKey(t); if (!groups.has(k)) groups.set(k, []); groups.get(k).push(t); }
  let gi = 0;
  for (const members of groups.values()) {
    const c = color(gi); // one colour per group, spread around the wheel
    const name = members.length > 1 ? `${leafOf(members[0])} seeds ${members.map(m => m.config?.seed).join(',')}` : names.get(members[0].path);
    for (const ph of view.phases) {
      const byX = new Map();
      for (const t of members) {
        const p = store.logs.get(t.path)?.phases?.[ph];
        if (!p?.m[metric]) continue;
        const ys = smooth(p.m[metric], view.smooth);
        // Align by epoch; x is the mean of the members' x at that epoch (equal for epoch and batch).
        p.epoch.forEach((e, i) => {
          if (ys[i] == null) return;
          const cell = byX.get(e) ?? { xs: [], ys: [] };
          cell.xs.push(p[view.x][i]); cell.ys.push(ys[i]);
          byX.set(e, cell);
        });
      }
      if (!byX.size) continue;
      const cells = [...byX.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
      const mean = a => a.reduce((s, v) => s + v, 0) / a.length;
      const xs = cells.map(c => mean(c.xs)), ms = cells.map(c => mean(c.ys));
      const sd = cells.map((c, i) => Math.sqrt(c.ys.reduce((s, v) => s + (v - ms[i]) ** 2, 0) / Math.max(1, c.ys.length - 1)));
      const n = Math.max(...cells.map(c => c.ys.length));
      out.push({ label: `${name} ${ph} (n=${n})`, color: c, dash: ph !== 'train', xs, ys: ms,
        band: { upper: ms.map((m, i) => m + sd[i]), lower: ms.map((m, i) => m - sd[i]) } });
    }
    gi++;
  }
  return out;
}

/** Aligns per-series x arrays into uPlot's one-x-column data, with bands as extra series. */
function toPlotData(series) {
  const tables = [];
  const meta = [];
  for (const s of series) {
    const order = s.xs.map((x, i) => i).filter(i => s.xs[i] != null).sort((a, b) => s.xs[a] - s.xs[b]);
    const uniq = order.filter((i, k) => k === 0 || s.xs[i] !== s.xs[order[k - 1]]);
    const xs = uniq.map(i => s.xs[i]);
    const pick = arr => uniq.map(i => (view.log && arr[i] != null && arr[i] <= 0 ? null : arr[i]));
    tables.push(s.band ? [xs, pick(s.ys), pick(s.band.upper), pick(s.band.lower)] : [xs, pick(s.ys)]);
    meta.push(s);
  }
  return { data: tables.length ? uPlot.join(tables) : [[]], meta };
}

function buildPlot(metric, series, el) {
  const { data, meta } = toPlotData(series);
  const uSeries = [{ label: view.x }];
  const bands = [];
  for (const s of meta) {
    uSeries.push({ label: s.label, stroke: s.color, width: 1.5, dash: s.dash ? [6, 4] : undefined, spanGaps: true, points: { show: false } });
    if (s.band) {
      const upper = uSeries.length;
      uSeries.push({ label: `${s.label} +std`, stroke: 'transparent', points: { show: false }, spanGaps: true });
      uSeries.push({ label: `${s.label} -std`, stroke: 'transparent', points: { show: false }, spanGaps: true });
      bands.push({ series: [upper, upper + 1], fill: s.color.replace('42%)', '42% / 0.18)') });
    }
  }
  const opts = {
    title: metric,
    width: Math.max(360, el.clientWidth - 10),
    height: 280,
    scales: { x: { time: false }, y: view.log ? { distr: 3 } : {} },
    axes: [
      // Epochs and batches are counts: no ticks between them.
      { label: view.x === 'time' ? 'time (s)' : view.x, incrs: view.x === 'time' ? undefined : [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 1e5, 2e5, 5e5, 1e6] },
      { label: metric, size: 64, values: (u, splits) => splits.map(tick) },
    ],
    series: uSeries,
    bands,
    cursor: { drag: { x: true, y: false } },
    legend: { live: true },
  };
  const plot = new uPlot(opts, data, el);
  // The ± std series exist only to bound the bands: keep them out of the legend.
  const rows = plot.root.querySelectorAll('.u-legend .u-series');
  uSeries.forEach((s, i) => { if (s.stroke === 'transparent' && rows[i]) rows[i].style.display = 'none'; });
  return plot;
}

/** Tick labels that stay distinct for tiny and huge values alike. */
function tick(v) {
  if (v == null) return '';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(1) : String(Number(v.toPrecision(4)));
}

function signature(metric, series) {
  return [metric, view.x, view.log, view.group, ...series.map(s => s.label)].join('|');
}

function drawPlots(trials, colors) {
  const holder = document.getElementById('plots');
  const wanted = view.metrics.filter(m => store.metrics.has(m));
  const next = [];
  for (const metric of wanted) {
    const series = seriesFor(metric, trials, colors);
    const sig = signature(metric, series);
    const old = store.plots.find(p => p.metric === metric);
    if (old && old.sig === sig) {
      old.plot.setData(toPlotData(series).data);
      next.push(old);
      continue;
    }
    if (old) { old.plot.destroy(); old.el.remove(); }
    const el = document.createElement('div');
    el.className = 'plot';
    el.dataset.metric = metric;
    holder.append(el);
    next.push({ metric, sig, el, plot: buildPlot(metric, series, el), series });
  }
  for (const p of store.plots) if (!next.includes(p)) { p.plot.destroy(); p.el.remove(); }
  for (const p of next) { holder.append(p.el); p.series = seriesFor(p.metric, trials, colors); }
  store.plots = next;
}

function renderControls() {
  const metrics = document.getElementById('metrics');
  const known = [...store.metrics].sort();
  if (metrics.dataset.known !== known.join(',')) {
    metrics.dataset.known = known.join(',');
    metrics.innerHTML = '';
    for (const m of known) {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox'; box.value = m; box.checked = view.metrics.includes(m);
      box.onchange = () => {
        view.metrics = [...metrics.querySelectorAll('input:checked')].map(b => b.value);
        writeView(); redraw(false);
      };
      label.append(box, m);
      metrics.append(label);
    }
  }
  const phases = document.getElementById('phases');
  if (!phases.childElementCount) {
    for (const ph of ['train', 'val', 'test']) {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox'; box.value = ph; box.checked = view.phases.includes(ph);
      box.onchange = () => { view.phases = [...phases.querySelectorAll('input:checked')].map(b => b.value); writeView(); redraw(false); };
      label.append(box, ph);
      phases.append(label);
    }
  }
}

// ---- refresh loop ------------------------------------------------------------------------------
let busy = false, again = null;
async function redraw(reloadLogs) {
  // A change made while a draw is in flight is drawn right after it, never dropped.
  if (busy) { again = Boolean(again) || reloadLogs; return; }
  busy = true;
  try {
    const trials = selected();
    const colors = new Map(trials.map((t, i) => [t.path, color(i)]));
    if (reloadLogs) await loadLogs(trials);
    mark('logs');
    renderControls();
    drawPlots(trials, colors);
    mark('plots');
    renderTable(trials, colors);
    mark('table');
    if (store.firstDraw == null) { store.firstDraw = performance.now(); document.body.dataset.ready = '1'; }
  } finally {
    busy = false;
    if (again !== null) { const reload = again; again = null; redraw(reload); }
  }
}

async function refresh() {
  try {
    store.trials = await fetchTrials();
    mark('trials');
    renderBrowser();
    await redraw(true);
    document.getElementById('live').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (e) {
    document.getElementById('live').textContent = 'refresh failed: ' + e.message;
  }
}

function exportCsv() {
  const lines = ['metric,series,x,y'];
  for (const p of store.plots) {
    for (const s of p.series) {
      s.xs.forEach((x, i) => { if (s.ys[i] != null) lines.push(`${p.metric},"${s.label}",${x},${s.ys[i]}`); });
    }
  }
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
  a.download = 'hypergrid-export.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function wire() {
  const x = document.getElementById('x');
  x.value = view.x;
  x.onchange = () => { view.x = x.value; writeView(); redraw(false); };
  const log = document.getElementById('log');
  log.checked = view.log;
  log.onchange = () => { view.log = log.checked; writeView(); redraw(false); };
  const sm = document.getElementById('smooth');
  sm.value = view.smooth;
  document.getElementById('smooth-value').textContent = view.smooth;
  sm.oninput = () => { view.smooth = Number(sm.value); document.getElementById('smooth-value').textContent = sm.value; writeView(); redraw(false); };
  const group = document.getElementById('group');
  group.checked = view.group;
  group.onchange = () => { view.group = group.checked; writeView(); redraw(false); };
  const filter = document.getElementById('filter');
  filter.value = view.q;
  filter.oninput = () => { view.q = filter.value; writeView(); redraw(true); };
  document.getElementById('export').onclick = exportCsv;
  window.addEventListener('resize', () => { for (const p of store.plots) p.plot.setSize({ width: Math.max(360, p.el.clientWidth - 10), height: 280 }); });
}

window.hypergrid = { store, view, refresh };
wire();
refresh().then(() => setInterval(refresh, REFRESH_MS));
