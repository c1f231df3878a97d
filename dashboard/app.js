'use strict';
// Hypergrid dashboard: one page, no build step. Reads /api/trials and each trial's epoch log,
// draws one uPlot per metric, keeps the whole view in the URL hash so it can be shared.

const REFRESH_MS = 2000;
const KEYS = ['mode', 'dataset', 'model', 'trainer'];

const store = { trials: [], logs: new Map(), steps: new Map(), unplaced: new Map(), plots: [], metrics: new Set(), reported: new Set(), resultStates: new Set(), schema: [], firstDraw: null, timings: {} };
const mark = name => { store.timings[name] ??= Math.round(performance.now()); };

/**
 * A list as one URL value: items joined by commas, a comma or percent sign inside an item escaped (%2C, %25), so a
 * leaf promote --top K named adam@lr=0.003,hidden=256 stays one leaf; a list without them reads as it always did.
 */
const joinList = items => [...items].map(s => s.replace(/[%,]/g, c => (c === ',' ? '%2C' : '%25'))).join(',');
const splitList = text => text.split(',').filter(Boolean).map(s => s.replace(/%2C|%25/g, e => (e === '%2C' ? ',' : '%')));

const view = readView();

// ---- view state <-> URL ---------------------------------------------------------------
function readView() {
  const p = new URLSearchParams(location.hash.slice(1));
  const list = (k, d) => splitList(p.has(k) ? p.get(k) : d);
  return {
    leaves: p.has('leaves') ? new Set(list('leaves', '')) : null, // null: every leaf
    hide: new Set(list('hide', '')),                               // single trials switched off
    metrics: [...new Set(list('m', 'loss,acc'))],
    // Values out of range (a hand-edited or old link: sm=5, x=foo) are clamped to ones the page can draw.
    x: oneOf(p.get('x'), X_AXES, 'epoch'),
    // Whether x is the user's (a link's known axis, a pick in the select, a zoom dragged): else the page's default,
    // judged from the study (by step for a short one) and never written into the URL as if it were a choice.
    // A link's zoom (from=, to=) is a range of the axis it was drawn on: a choice of that axis too (epoch zooms).
    xChosen: X_AXES.includes(p.get('x')) || linkZoom(p.get('from'), p.get('to'), oneOf(p.get('x'), X_AXES, 'epoch')) !== null,
    phases: knownPhases(list('ph', 'train,val')),
    log: p.get('log') === '1',
    smooth: clampNumber(p.get('sm'), 0, 0.99, 0),
    group: p.get('g') === '1',
    band: oneOf(p.get('b'), BANDS, 'std'),
    q: p.get('q') || '',
    sort: p.get('sort') || '',
    desc: p.get('desc') === '1',
    // The zoom at step resolution, in the x axis's units (steps, samples seen or epochs, as the axis is drawn).
    zoom: linkZoom(p.get('from'), p.get('to'), oneOf(p.get('x'), X_AXES, 'epoch')),
    // The study's own values (leaves, metrics, keys, sections) are checked once it says what it has (view-check.js).
    r: { metric: p.get('rm') || 'val_acc', reduce: oneOf(p.get('rr'), REDUCES, 'final'), atBest: p.get('ra') || '', key: p.get('rk') || '',
      err: oneOf(p.get('re'), ERROR_BARS, 'std'), scope: oneOf(p.get('rs'), SCOPES, 'dataset'), section: p.get('rp') || '',
      labels: p.get('rl') === '1' },
  };
}

function writeView() {
  const p = new URLSearchParams();
  if (view.leaves) p.set('leaves', joinList(view.leaves));
  if (view.hide.size) p.set('hide', joinList(view.hide));
  p.set('m', joinList(view.metrics));
  if (view.xChosen) p.set('x', view.x);
  p.set('ph', joinList(view.phases));
  if (view.zoom && ZOOM_AXES.has(view.x)) { p.set('from', String(view.zoom[0])); p.set('to', String(view.zoom[1])); }
  if (view.log) p.set('log', '1');
  if (view.smooth) p.set('sm', String(view.smooth));
  if (view.group) p.set('g', '1');
  if (view.band !== 'std') p.set('b', view.band);
  if (view.q) p.set('q', view.q);
  if (view.sort) { p.set('sort', view.sort); if (view.desc) p.set('desc', '1'); }
  p.set('rm', view.r.metric); p.set('rr', view.r.reduce); p.set('re', view.r.err);
  if (view.r.atBest) p.set('ra', view.r.atBest);
  if (view.r.key) p.set('rk', view.r.key);
  if (view.r.scope !== 'dataset') p.set('rs', view.r.scope);
  if (view.r.section) p.set('rp', view.r.section);
  if (view.r.labels) p.set('rl', '1');
  history.replaceState(null, '', '#' + p.toString());
}

// ---- selection, varying hyperparameters, table ----------------------------------------------
/** The filter's test of one trial: text in its path, or key=value of its config (state=... of its state). Parsed once. */
function matcher(q) {
  const tokens = q.split(/\s+/).filter(Boolean).map(token => {
    const eq = token.indexOf('=');
    return eq < 0 ? { text: token } : { key: token.slice(0, eq), want: token.slice(eq + 1) };
  });
  return trial => tokens.every(({ text, key, want }) => {
    if (text !== undefined) return trial.path.includes(text);
    const have = key === 'state' ? trial.state : trial.config?.[key];
    return have !== undefined && fmt(have) === want;
  });
}

function selected() {
  const matches = matcher(view.q);
  return store.trials.filter(t => (!view.leaves || view.leaves.has(leafOf(t))) && !view.hide.has(t.path) && matches(t));
}

/** Config keys whose values differ within the selection (each stops at its first difference: 100,000 trials stay cheap). */
function varyingKeys(trials) {
  const keys = new Set();
  for (const t of trials) for (const k in t.config ?? {}) keys.add(k);
  return [...keys].filter(k => { const first = fmt(trials[0].config?.[k]); return trials.some(t => fmt(t.config?.[k]) !== first); });
}

const fmt = v => v === undefined ? '' : v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v);
const num = (v, d = 4) => v == null ? '' : Number(v).toFixed(d);
// Seeds of one config, trained by one code (a program's), as the report groups them: only other code than the study's
// sets a trial apart (a seed not yet run has no code, and keeps its seeds' group and colour whatever its state).
const groupKey = t => JSON.stringify([Object.entries(t.config ?? {}).filter(([k]) => k !== 'seed').sort(), t.state === 'other-code' ? t.code ?? null : null]);

/** The table's columns over a selection: trial, state, the keys that vary, the final metrics that any trial has. */
function tableColumns(trials) {
  const varying = trials.length ? varyingKeys(trials) : [];
  return [
    { key: 'trial', get: t => t.path }, { key: 'state', get: stateText },
    ...varying.map(k => ({ key: k, get: t => t.config?.[k] })),
    { key: 'val_loss', get: t => t.final?.val_loss, num: 4 }, { key: 'val_acc', get: t => t.final?.val_acc, num: 4 },
    { key: 'best_val_acc', get: t => t.final?.best_val_acc, num: 4 }, { key: 'time_s', get: t => t.seconds, num: 1 },
    { key: 'data', get: t => t.dataSource },
  // A column empty for every shown trial (the data source of programs' trials, val_acc of a log without acc) is left out.
  ].filter(c => c.key === 'trial' || c.key === 'state' || trials.some(t => { const v = c.get(t); return v != null && v !== ''; }));
}

/**
 * Every column a link may sort the table by: the study's config keys and the fixed columns, filled or not yet; the data
 * source only when a trial has one (programs' trials have none: the column is hidden, so it is no sort a link can keep).
 */
const sortableKeys = trials => [...new Set([...tableColumns([]).map(c => c.key), 'val_loss', 'val_acc', 'best_val_acc', 'time_s',
  ...(trials.some(t => t.dataSource != null && t.dataSource !== '') ? ['data'] : []), ...trials.flatMap(t => Object.keys(t.config ?? {}))])];

const collator = new Intl.Collator(undefined, { numeric: true });

/** The selection in the table's order (the view's sort column; missing values last), each value read once. */
function sortRows(trials, columns = tableColumns(trials)) {
  const sortCol = columns.find(c => c.key === view.sort);
  if (!sortCol) return trials;
  const keyed = trials.map(t => { const v = sortCol.get(t); return { t, v: v == null ? null : typeof v === 'number' ? v : fmt(v) }; });
  keyed.sort((a, b) => {
    const x = a.v, y = b.v;
    if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1; // missing values last, either way round
    const r = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return view.desc ? -r : r;
  });
  return keyed.map(k => k.t);
}

function renderTable(trials, colors, columns = tableColumns(trials), rows = sortRows(trials, columns)) {
  const thead = document.querySelector('#table thead');
  thead.replaceChildren();
  const tr = thead.insertRow();
  for (const c of columns) {
    const th = document.createElement('th');
    th.textContent = c.key;
    if (c.key === view.sort) th.className = view.desc ? 'sorted-desc' : 'sorted-asc';
    // Above PLOT_LIMIT the plots draw the table's first rows: a new order is a new choice of lines.
    th.onclick = () => {
      view.desc = view.sort === c.key ? !view.desc : false; view.sort = c.key; writeView();
      if (trials.length > PLOT_LIMIT) redraw(true); else renderTable(trials, colors);
    };
    tr.appendChild(th);
  }
  // Only the rows in view (and a margin) exist in the page: 10,000 trials scroll like 50.
  tableRows = { rows, columns, colors };
  renderRows();
  document.getElementById('count').textContent = `${trials.length} of ${store.trials.length} trials`;
}

let tableRows = { rows: [], columns: [], colors: new Map() };
let rowHeight = 22;

function renderRows() {
  const { rows, columns, colors } = tableRows;
  const wrap = document.getElementById('table-wrap');
  const tbody = document.querySelector('#table tbody');
  const margin = 20;
  const first = Math.max(0, Math.floor(wrap.scrollTop / rowHeight) - margin);
  const last = Math.min(rows.length, first + Math.ceil((wrap.clientHeight || 600) / rowHeight) + 2 * margin);
  tbody.replaceChildren();
  // A row without cells has no height in Chromium: the spacer's height lives on one cell across the table.
  const spacer = px => {
    const tr = tbody.insertRow();
    tr.className = 'spacer';
    const td = tr.insertCell();
    td.colSpan = columns.length;
    td.style.height = px + 'px';
  };
  if (first > 0) spacer(first * rowHeight);
  for (const t of rows.slice(first, last)) {
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
      if (c.key === 'state') { td.className = 'state-' + t.state; if (t.error || t.note) td.title = t.error || t.note; }
    }
  }
  if (last < rows.length) spacer((rows.length - last) * rowHeight);
  const sample = tbody.querySelector('tr:not(.spacer)');
  if (sample && sample.offsetHeight) rowHeight = sample.offsetHeight;
}

/** A trial's state as status prints it: a pending trial with a checkpoint says where it resumes. */
function stateText(t) {
  // A paused trial says where it stopped and how it ranked at its search rung (value and cut-off).
  if (t.state === 'paused' && t.note) return t.note;
  // A result whose code files changed since it ran: kept, shown, never pooled with today's (the note names the files).
  if (t.state === 'other-code') return 'trained by other code';
  // A running trial given GPUs says which, as the status line does.
  if (t.state === 'running' && t.gpus?.length) return `running on ${t.gpus.length === 1 ? 'gpu' : 'gpus'} ${t.gpus.join(',')}`;
  return t.resumesAt ? `${t.state} (resumes at ${t.resumesAt})` : t.state;
}

/** Above this many lines a plot is a smear: the page offers bands per group of seeds instead. */
const MANY_LINES = 200;

/**
 * The most trials whose curves are loaded and drawn: a selection of 100,000 draws the table's first 1,000 (sort the
 * table, filter or tick leaves to choose which), so the page stays usable at any size. Grouped, whole groups are drawn.
 */
const PLOT_LIMIT = 1000;

/** The trials the plots draw: the whole selection up to PLOT_LIMIT, else the first rows of the table (whole groups). */
function plotted(trials, rows) {
  if (trials.length <= PLOT_LIMIT) return trials;
  if (!view.group) return rows.slice(0, PLOT_LIMIT);
  const groups = seedGroups(rows), out = [];
  for (const members of groups.values()) {
    if (out.length >= PLOT_LIMIT) break;
    out.push(...members);
  }
  return out;
}

/** Says when the plots draw only the table's first rows, and how to choose others. */
function renderLimit(trials, drawn) {
  const el = document.getElementById('plot-limit');
  el.hidden = drawn.length >= trials.length;
  el.textContent = el.hidden ? '' : `The plots draw the first ${drawn.length.toLocaleString('en')} of ${trials.length.toLocaleString('en')} selected trials, ` +
    'in the order of the table below: sort it, filter or tick fewer leaves to choose which.';
}

function renderNotice(trials) {
  const notice = document.getElementById('notice');
  const many = !view.group && trials.length > MANY_LINES;
  notice.hidden = !many;
  if (!many) return;
  notice.replaceChildren();
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'group by all but seed';
  button.onclick = () => { view.group = true; document.getElementById('group').checked = true; writeView(); redraw(stepAxis()); };
  notice.append(`${trials.length} trials selected: one line each. `, button, ' draws mean ± std bands per group instead.');
}

/**
 * The browser's leaves, each with its trials in the order they came: by mode, then by leaf (ordinal, so sgd comes
 * before sgd@50%); the trial list's own order interleaved the modes.
 */
function browserLeaves(trials) {
  const leaves = new Map();
  for (const t of trials) { const l = leafOf(t); if (!leaves.has(l)) leaves.set(l, []); leaves.get(l).push(t); }
  const byMode = (a, b) => (a.split('/')[0] < b.split('/')[0] ? -1 : a.split('/')[0] > b.split('/')[0] ? 1 : a < b ? -1 : a > b ? 1 : 0);
  return new Map([...leaves].sort(([a], [b]) => byMode(a, b)));
}

function renderBrowser() {
  const nav = document.getElementById('browser');
  // Rebuilt on every refresh: open leaves, and where their lists and the browser were scrolled to, are kept.
  const open = new Map([...nav.querySelectorAll('details[open]')].map(d => [d.dataset.leaf, d.querySelector('.rows')?.scrollTop ?? 0]));
  const navScroll = nav.scrollTop;
  nav.replaceChildren();
  const leaves = browserLeaves(store.trials);
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
    // Rows exist only for an open leaf and only where its list is scrolled to: a leaf of 10,000 trials costs a screenful.
    const list = document.createElement('div');
    list.className = 'rows';
    details.append(list);
    const fill = () => { if (details.open) fillRows(list, trials); };
    details.addEventListener('toggle', fill);
    list.addEventListener('scroll', fill, { passive: true });
    fill();
    if (open.has(leaf)) { list.scrollTop = open.get(leaf); fill(); }
    nav.append(details);
  }
  nav.scrollTop = navScroll;
  const running = store.trials.filter(t => t.state === 'running').length;
  document.getElementById('summary').textContent = `${store.trials.length} trials` + (running ? `, ${running} running` : '');
}

/** Height of one trial row in the browser (nav .trial in style.css). */
const BROWSER_ROW = 18;

function fillRows(box, trials) {
  box.style.height = Math.min(trials.length * BROWSER_ROW, 400) + 'px';
  const first = Math.max(0, Math.floor(box.scrollTop / BROWSER_ROW) - 10);
  const last = Math.min(trials.length, Math.ceil((box.scrollTop + 400) / BROWSER_ROW) + 10);
  const pad = h => { const d = document.createElement('div'); d.style.height = h + 'px'; return d; };
  box.replaceChildren(pad(first * BROWSER_ROW), ...trials.slice(first, last).map(browserRow), pad((trials.length - last) * BROWSER_ROW));
}

function browserRow(t) {
  const row = document.createElement('span');
  row.className = 'trial state-' + t.state + (view.hide.has(t.path) ? ' hidden' : '');
  row.textContent = `${t.trial} ${stateText(t)}`;
  row.onclick = () => {
    view.hide.has(t.path) ? view.hide.delete(t.path) : view.hide.add(t.path);
    row.classList.toggle('hidden');
    writeView(); redraw(true);
  };
  row.title = ['click to show or hide', t.note, t.dataSource && `data: ${t.dataSource} (${t.trainSamples} train / ${t.valSamples} val)`, t.error].filter(Boolean).join('\n');
  return row;
}

// ---- refresh loop ------------------------------------------------------------------------------
let busy = false, again = null;
async function redraw(reloadLogs) {
  // A change made while a draw is in flight is drawn right after it, never dropped.
  if (busy) { again = Boolean(again) || reloadLogs; return; }
  busy = true;
  try {
    const trials = selected();
    const colors = trialColors(trials); // one colour per group (or trial), in the plots, the table and Results
    // The table first: it needs no log, so a filter or a sort shows its rows while the curves load.
    const columns = tableColumns(trials);
    // A link's sort by a column the study does not show: said, and the table unsorted (a column a later selection hides is kept).
    // Judged once the study has trials, against every column its trials fill (not this selection's: a filter or a study
    // with nothing finished yet would lose a sort by val_acc for good).
    if (store.trials.length && linkChoiceGone('sort', view.sort, sortableKeys(store.trials), 'unsorted')) { view.sort = ''; view.desc = false; writeView(); }
    const rows = sortRows(trials, columns);
    renderTable(trials, colors, columns, rows);
    mark('table');
    // Results follow the table at once when a trial completes (asked again only if the complete count or the question
    // changed), not after the curves' logs load: a live run showed "no complete trial yet" under a table with one for
    // 8 s. Not on the first draw (never asked yet), whose logs should not wait behind the report.
    // A failed ask (the server gone for a moment) is asked again by the next call (completeSeen reset), not thrown here.
    if (results.asked) refreshResults().catch(() => { results.completeSeen = -1; });
    const drawn = plotted(trials, rows);
    store.drawn = drawn; // the figure buttons draw these, as the plots do
    // At step resolution the plots need only the step buckets: they are drawn first, and the epoch logs (the metric
    // list, the epoch view) follow, so a first visit does not wait for every log to be aggregated as well.
    const stepFirst = reloadLogs && stepAxis();
    const named = loadNames(trials); // grouped: the groups' names, asked while the curves load
    if (stepFirst) await loadSteps(drawn);
    else if (reloadLogs) await loadLogs(drawn);
    await named;
    if (checkLinkMetrics()) redraw(true); // a link's metrics no log has: drawn again with those the page kept
    mark('logs');
    renderControls();
    renderNotice(trials);
    renderLimit(trials, drawn);
    drawPlots(drawn, colors);
    mark('plots');
    // Ready as a user sees it: a task after the frame that painted the plots and the table (bench page measures this).
    if (store.firstDraw == null) {
      store.firstDraw = 0;
      const ready = () => { store.firstDraw = performance.now(); mark('painted'); document.body.dataset.ready = '1'; };
      // A hidden page (a background tab) gets no frames: it is ready when its work is done.
      if (document.visibilityState === 'hidden') setTimeout(ready, 0);
      else requestAnimationFrame(() => setTimeout(ready, 0));
    }
    if (stepFirst) {
      // The epoch logs name metrics the buckets did not: their plots are drawn now, not at the next change of the list.
      const known = store.metrics.size;
      await loadLogs(drawn);
      if (checkLinkMetrics()) redraw(true);
      renderControls();
      if (store.metrics.size !== known) drawPlots(drawn, colors);
    }
    refreshResults(); // the Results follow the selection (asked again only when it changed)
  } finally {
    busy = false;
    if (again !== null) { const reload = again; again = null; redraw(reload); }
  }
}

async function refresh() {
  try {
    const trials = await fetchTrials();
    const changed = trials !== null;
    if (changed) store.trials = trials;
    checkLinkStudy(); // a link's leaves and hidden trials, once the study has trials
    mark('trials');
    // A short study (three epochs or fewer) shows its shape batch by batch: the default axis is judged again at each
    // refresh until the study says enough to judge it (a page opened before the study started), unless the user chose x.
    // The logs it needs are asked now; the leaves' list needs none: drawn while they come, not after them.
    const judged = judgeDefaultAxis();
    if (changed) renderBrowser();
    if (await judged) store.retry = true;
    // The same list and nothing running: nothing on the page can have changed (100,000 trials cost no redraw).
    if (changed || store.firstDraw == null || store.retry || store.trials.some(t => t.state === 'running')) {
      store.retry = false;
      await redraw(true);
      await refreshResults();
    }
    document.getElementById('live').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (e) {
    document.getElementById('live').textContent = 'refresh failed: ' + e.message;
  }
}

/** A selection the page may open by step: some trials, and no more than one line each is drawn for. */
const fewLines = trials => trials.length > 0 && trials.length <= MANY_LINES;

/** The most epochs a study may have and still open by step: two or three points by epoch show no shape. */
const SHORT_EPOCHS = 3;

/**
 * The default x axis, judged once the selection says enough (axisJudgement); until then (no trial yet, a running trial
 * with no plan) judged again at each refresh. Never once the user chose x (view.xChosen). Returns whether x changed.
 */
async function judgeDefaultAxis() {
  if (view.xChosen || store.axisJudged) return false;
  const trials = selected();
  // The logs are loaded only for a selection that may be short (the plots use them next), and only those not loaded
  // yet: a running trial's log is asked afresh by the redraw that follows, so asking it here too fetched it twice at
  // every refresh while the axis was undecided (review 5); the next refresh judges by what that redraw loaded.
  const unseen = trials.filter(t => t.log && !store.logs.has(t.path));
  if (fewLines(trials) && unseen.length) await loadLogs(unseen);
  const axis = axisJudgement(trials, store.logs);
  if (axis === null || view.xChosen) return false;
  store.axisJudged = true;
  if (axis === view.x) return false;
  view.x = axis;
  view.zoom = null;
  const select = document.getElementById('x');
  if (select) select.value = axis;
  return true;
}

/**
 * The short-study rule: by the highest epoch the trials' logs hold, and for a trial not yet complete the epochs its
 * config plans too (a long study seen in its first epochs is not short). Unknown (no row, no plan): not short.
 */
const shortStudy = (trials, logs) => axisJudgement(trials, logs) === 'step';

/** States of a trial that will write more rows: its log does not yet say how many epochs it has. */
const UNFINISHED = new Set(['running', 'pending', 'paused']);

/**
 * The axis a selection opens on: 'step' for a short study (three epochs or fewer, by its logs and, for a trial not yet
 * complete, its config's plan), 'epoch' for a longer one or more trials than are drawn one line each (that many step
 * series would be thousands of requests), null while the page cannot tell: no trial yet, or an unfinished trial with
 * no plan (epochs: in its config) whose log has not passed three epochs.
 */
function axisJudgement(trials, logs) {
  if (!trials.length) return null;
  if (!fewLines(trials)) return 'epoch';
  let last = 0, known = true;
  for (const t of trials) {
    // A log past SHORT_EPOCHS settles it: 200 trials of 2,000 epochs are not read to their ends.
    for (const p of Object.values(logs.get(t.path)?.phases ?? {})) for (const e of p.epoch) if (e > last && (last = e) > SHORT_EPOCHS) return 'epoch';
    const plan = typeof t.config?.epochs === 'number' ? t.config.epochs : null;
    if (t.state !== 'complete' && plan !== null && plan > last) last = plan;
    if (plan === null && UNFINISHED.has(t.state)) known = false;
  }
  if (last > SHORT_EPOCHS) return 'epoch';
  return known && last > 0 ? 'step' : null;
}

/**
 * One CSV cell that a spreadsheet opens as text: a cell that would start a formula (= + - @, tab, carriage return) and
 * is not a plain number gets a leading apostrophe; commas, quotes and line breaks are quoted. Metric and trial names
 * come from cfg/ and the programs' logs.
 */
function csvCell(value) {
  let cell = String(value);
  if (/^[=+\-@\t\r]/.test(cell) && !/^[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|Infinity)$/.test(cell)) cell = "'" + cell;
  return /[",\r\n]/.test(cell) ? '"' + cell.replaceAll('"', '""') + '"' : cell;
}

function exportCsv() {
  const lines = ['metric,series,x,y'];
  for (const p of store.plots) {
    for (const s of p.series) {
      s.xs.forEach((x, i) => { if (s.ys[i] != null) lines.push([p.metric, s.label, x, s.ys[i]].map(csvCell).join(',')); });
    }
  }
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
  a.download = 'hypergrid-export.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** A row of checkboxes, one per value, whose ticked values go to view[key]. */
function checkboxes(holder, values, key) {
  holder.replaceChildren();
  for (const v of values) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox'; box.value = v; box.checked = view[key].includes(v);
    // A metric or phase ticked later may need columns not loaded yet: the draw asks for what it lacks.
    box.onchange = () => { view[key] = [...holder.querySelectorAll('input:checked')].map(b => b.value); writeView(); redraw(true); };
    label.append(box, v);
    holder.append(label);
  }
}

function renderControls() {
  const metrics = document.getElementById('metrics');
  // samples (a program's count of samples seen) is an x axis, not a metric to plot.
  const known = [...store.metrics].filter(m => !X_ONLY.has(m)).sort();
  // Rebuilt only when a new metric shows up, so a refresh never steals a click.
  if (metrics.dataset.known !== known.join(',')) {
    metrics.dataset.known = known.join(',');
    checkboxes(metrics, known, 'metrics');
  }
  const phases = document.getElementById('phases');
  if (!phases.childElementCount) checkboxes(phases, PHASES, 'phases');
}

/** A checkbox bound to a boolean of the view. */
function toggle(id, key) {
  const box = document.getElementById(id);
  box.checked = view[key];
  box.onchange = () => { view[key] = box.checked; writeView(); redraw(false); };
}

function wire() {
  const x = document.getElementById('x');
  x.value = view.x;
  x.onchange = () => { view.x = x.value; view.xChosen = true; view.zoom = null; writeView(); redraw(true); };
  toggle('log', 'log');
  const sm = document.getElementById('smooth');
  sm.value = view.smooth;
  document.getElementById('smooth-value').textContent = view.smooth;
  sm.oninput = () => { view.smooth = Number(sm.value); document.getElementById('smooth-value').textContent = sm.value; writeView(); redraw(false); };
  const group = document.getElementById('group');
  group.checked = view.group;
  // At step resolution a group's buckets come from the server: grouping asks for them.
  group.onchange = () => { view.group = group.checked; writeView(); redraw(stepAxis()); };
  const band = document.getElementById('band');
  band.value = view.band;
  band.onchange = () => { view.band = band.value; writeView(); redraw(false); };
  const filter = document.getElementById('filter');
  filter.value = view.q;
  // Typing redraws once it pauses, not per key: a study of 100,000 trials filters once per word.
  let typing = null;
  filter.oninput = () => {
    clearTimeout(typing);
    typing = setTimeout(() => { view.q = filter.value; writeView(); redraw(true); }, 150);
  };
  document.getElementById('export').onclick = exportCsv;
  document.getElementById('table-wrap').addEventListener('scroll', () => requestAnimationFrame(renderRows));
  window.addEventListener('resize', fitPlots);
}
