'use strict';
// Hypergrid dashboard, results: the report of GET /api/report (groups over seeds, tests, importance) as a table,
// parallel coordinates and a scatter with error bars. The numbers come from the server; the page only draws them.

const results = { report: null, asked: '', completeSeen: -1 };

function reportQuery() {
  const p = new URLSearchParams({ metric: view.r.metric, reduce: view.r.reduce });
  if (view.r.atBest) p.set('at_best', view.r.atBest);
  return p.toString();
}

/** Asks again when the question changed or more trials completed; a report reads every complete trial's epoch log. */
async function refreshResults(force = false) {
  fillMetricChoices();
  const complete = store.trials.filter(t => t.state === 'complete').length;
  const q = reportQuery();
  if (!force && q === results.asked && complete === results.completeSeen) return;
  results.asked = q; results.completeSeen = complete;
  const note = document.getElementById('r-note');
  if (complete === 0) { results.report = null; note.textContent = 'no complete trial yet'; renderResults(); return; }
  const res = await fetch('/api/report?' + q, { cache: 'no-store' });
  if (!res.ok) { results.report = null; note.textContent = await res.text(); renderResults(); return; }
  results.report = await res.json();
  const left = Object.entries(results.report.excluded).map(([s, n]) => `${n} ${s}`).join(', ');
  note.textContent = left ? `left out: ${left}` : '';
  renderResults();
}

const resultKeys = groups => [...new Set(groups.flatMap(g => Object.keys(g.values)))];

function renderResults() {
  const groups = results.report?.groups ?? [];
  const keys = resultKeys(groups);
  const keySel = document.getElementById('r-key');
  const numericKeys = keys.filter(k => groups.some(g => typeof g.values[k] === 'number'));
  if (keySel.dataset.known !== numericKeys.join(',')) {
    keySel.dataset.known = numericKeys.join(',');
    // Keys come from cfg/ and metric names from logs: they enter the page as text, never as HTML.
    keySel.replaceChildren(...numericKeys.map(k => new Option(k, k)));
  }
  if (!numericKeys.includes(view.r.key)) view.r.key = numericKeys[0] ?? '';
  keySel.value = view.r.key;
  const head = document.querySelector('#r-table thead'), body = document.querySelector('#r-table tbody');
  const headRow = document.createElement('tr');
  for (const h of ['leaf', ...keys, results.report?.metric ?? '', '95% CI', 'Δ', 'p', 'test']) {
    const th = document.createElement('th');
    th.textContent = h;
    headRow.append(th);
  }
  head.replaceChildren(headRow);
  body.replaceChildren();
  for (const g of groups) {
    const row = body.insertRow();
    row.className = (g.best ? 'best' : '') + (g.tie ? ' tie' : '');
    const cells = [g.leaf, ...keys.map(k => fmt(g.values[k])), `${num(g.mean)}${g.std != null ? ' ± ' + num(g.std) : ''} (n=${g.n})`,
      g.ci_low != null ? `[${num(g.ci_low)}, ${num(g.ci_high)}]` : '', num(g.delta), g.p == null ? '' : g.p < 1e-4 ? '<0.0001' : num(g.p), g.test ?? ''];
    cells.forEach((c, i) => { const td = row.insertCell(); td.textContent = c; if (i === keys.length + 1) td.className = 'metric'; });
    row.title = 'click to plot this group (mean ± std over seeds)';
    row.onclick = () => showGroup(g);
  }
  drawParallel(groups, keys);
  drawScatter(groups);
}

/** Plots one group's trials with bands: its leaf only, the leaf's other trials hidden, grouping on. */
function showGroup(g) {
  view.leaves = new Set([g.leaf]);
  const mine = new Set(g.trials.map(t => `${g.leaf}/${t}`));
  view.hide = new Set(store.trials.filter(t => leafOf(t) === g.leaf && !mine.has(t.path)).map(t => t.path));
  view.group = true;
  document.getElementById('group').checked = true;
  writeView(); renderBrowser(); redraw(true);
}

/** An axis over values: numbers linear (log when they span two decades or more), anything else as evenly spaced categories. */
function axisOf(values) {
  const nums = values.filter(v => typeof v === 'number');
  if (nums.length === values.length && nums.length > 0) {
    const lo = Math.min(...nums), hi = Math.max(...nums);
    const log = lo > 0 && hi / lo >= 100;
    const f = log ? Math.log10 : v => v;
    return { log, pos: v => hi === lo ? 0.5 : (f(v) - f(lo)) / (f(hi) - f(lo)), label: v => String(v) };
  }
  const cats = [...new Set(values.map(fmt))];
  return { log: false, pos: v => cats.length === 1 ? 0.5 : cats.indexOf(fmt(v)) / (cats.length - 1), label: fmt };
}

// Low values blue, high values red, whatever the goal: the table says which end is better.
const heat = t => `hsl(${240 - 240 * t} 75% 45%)`;

function drawParallel(groups, keys) {
  const canvas = document.getElementById('r-parallel'), ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (!groups.length) return;
  const metric = results.report.metric;
  const axes = [...keys.map(k => ({ name: k, get: g => g.values[k] })), { name: metric, get: g => g.mean }];
  const pad = 40, w = canvas.width - 2 * pad, h = canvas.height - 2 * pad;
  const xs = axes.map((_, i) => pad + (axes.length === 1 ? w / 2 : (i * w) / (axes.length - 1)));
  const scales = axes.map(a => axisOf(groups.map(a.get)));
  const m = scales[scales.length - 1];
  ctx.font = '11px sans-serif';
  axes.forEach((a, i) => {
    ctx.strokeStyle = '#9ca3af'; ctx.beginPath(); ctx.moveTo(xs[i], pad); ctx.lineTo(xs[i], pad + h); ctx.stroke();
    ctx.fillStyle = '#111'; ctx.textAlign = 'center'; ctx.fillText(a.name + (scales[i].log ? ' (log)' : ''), xs[i], pad - 14);
  });
  for (const g of groups) {
    ctx.strokeStyle = heat(m.pos(g.mean)); ctx.lineWidth = g.best ? 3 : 1.5; ctx.beginPath();
    axes.forEach((a, i) => { const y = pad + h - scales[i].pos(a.get(g)) * h; i ? ctx.lineTo(xs[i], y) : ctx.moveTo(xs[i], y); });
    ctx.stroke();
  }
  ctx.lineWidth = 1;
}

function drawScatter(groups) {
  const canvas = document.getElementById('r-scatter'), ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const key = view.r.key;
  const pts = groups.filter(g => typeof g.values[key] === 'number');
  if (!pts.length) return;
  const err = g => view.r.err === 'ci' ? (g.ci_low != null ? [g.ci_low, g.ci_high] : [g.mean, g.mean]) : [g.mean - (g.std ?? 0), g.mean + (g.std ?? 0)];
  const xAxis = axisOf(pts.map(g => g.values[key]));
  const lo = Math.min(...pts.map(g => err(g)[0])), hi = Math.max(...pts.map(g => err(g)[1]));
  const pad = 40, w = canvas.width - 2 * pad, h = canvas.height - 2 * pad;
  const X = g => pad + xAxis.pos(g.values[key]) * w, Y = v => pad + h - (hi === lo ? 0.5 : (v - lo) / (hi - lo)) * h;
  ctx.strokeStyle = '#9ca3af'; ctx.strokeRect(pad, pad, w, h);
  ctx.fillStyle = '#111'; ctx.font = '11px sans-serif'; ctx.textAlign = 'center';
  ctx.fillText(`${key}${xAxis.log ? ' (log)' : ''}`, pad + w / 2, canvas.height - 8);
  ctx.fillText(`${results.report.metric} (${view.r.err === 'ci' ? '95% CI' : '± std'})  ${num(lo)} – ${num(hi)}`, pad + w / 2, pad - 14);
  for (const g of pts) {
    const [a, b] = err(g), x = X(g);
    ctx.strokeStyle = '#374151'; ctx.beginPath(); ctx.moveTo(x, Y(a)); ctx.lineTo(x, Y(b)); ctx.moveTo(x - 4, Y(a)); ctx.lineTo(x + 4, Y(a)); ctx.moveTo(x - 4, Y(b)); ctx.lineTo(x + 4, Y(b)); ctx.stroke();
    ctx.fillStyle = g.best ? '#15803d' : '#1d4ed8'; ctx.beginPath(); ctx.arc(x, Y(g.mean), g.best ? 5 : 4, 0, 2 * Math.PI); ctx.fill();
  }
}

/** The metric choices are the server's schema (from /api/trials) in each phase, filled once it is known. */
function fillMetricChoices() {
  const metricSel = document.getElementById('r-metric'), atBest = document.getElementById('r-atbest');
  if (metricSel.options.length || !store.schema.length) return;
  const names = ['val', 'train'].flatMap(p => store.schema.map(m => `${p}_${m}`));
  metricSel.replaceChildren(...names.map(n => new Option(n, n)));
  atBest.append(...names.map(n => new Option(n, n)));
  metricSel.value = view.r.metric;
  atBest.value = view.r.atBest;
}

function wireResults() {
  const bind = (id, key, then) => {
    const el = document.getElementById(id);
    el.value = view.r[key];
    el.onchange = () => { view.r[key] = el.value; writeView(); then(); };
  };
  bind('r-metric', 'metric', () => refreshResults(true));
  bind('r-reduce', 'reduce', () => refreshResults(true));
  bind('r-atbest', 'atBest', () => refreshResults(true));
  bind('r-key', 'key', renderResults);
  bind('r-err', 'err', renderResults);
}
