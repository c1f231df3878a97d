'use strict';
// Hypergrid dashboard, results: the report of GET /api/report (sections of groups over seeds, tests, importance) as
// tables, parallel coordinates and a scatter with error bars. The numbers come from the server; the page only draws them.

const results = { report: null, asked: '', completeSeen: -1, why: '' };
const SVG = 'http://www.w3.org/2000/svg';

/** Trial numbers of each leaf as ranges (0-15,17): the page's selection in a URL, even with thousands of trials. */
function compactTrials(trials) {
  const byLeaf = new Map();
  for (const t of trials) {
    const leaf = leafOf(t);
    if (!byLeaf.has(leaf)) byLeaf.set(leaf, []);
    byLeaf.get(leaf).push(Number(t.trial.slice(t.trial.indexOf('_') + 1)));
  }
  return [...byLeaf].map(([leaf, ns]) => {
    ns.sort((a, b) => a - b);
    const ranges = [];
    for (let i = 0; i < ns.length; i++) {
      let j = i;
      while (j + 1 < ns.length && ns[j + 1] === ns[j] + 1) j++;
      ranges.push(j > i ? `${ns[i]}-${ns[j]}` : `${ns[i]}`);
      i = j;
    }
    return `${leaf}:${ranges.join(',')}`;
  }).join(';');
}

/** A result the report counts: complete, or complete by other code than the study holds now (its own group there). */
const isResult = t => t.state === 'complete' || t.state === 'other-code';

/** The question asked of the server: the metric, and the leaves and trials selected in the page. */
function reportQuery() {
  const p = new URLSearchParams({ metric: view.r.metric, reduce: view.r.reduce, scope: view.r.scope });
  if (view.r.atBest) p.set('at_best', view.r.atBest);
  const margin = document.getElementById('r-equivalence')?.value.trim();
  if (margin) p.set('equivalence', margin);
  if (view.leaves) for (const leaf of view.leaves) p.append('leaf', leaf);
  if (view.q || view.hide.size) p.set('trials', compactTrials(selected().filter(isResult)));
  return p.toString();
}

/** Asks again when the question or the selection changed or more trials completed. */
async function refreshResults(force = false) {
  fillMetricChoices();
  const complete = selected().filter(isResult).length;
  const q = reportQuery();
  if (!force && q === results.asked && complete === results.completeSeen) return;
  results.asked = q; results.completeSeen = complete;
  const note = document.getElementById('r-note');
  if (complete === 0) {
    results.report = null;
    note.textContent = results.why = store.trials.some(isResult) ? 'no complete trial in the selection' : 'no complete trial yet';
    renderResults(); return;
  }
  const res = await fetch('/api/report?' + q, { cache: 'no-store' });
  if (q !== results.asked) return; // a newer question was asked meanwhile
  if (!res.ok) { results.report = null; note.textContent = results.why = pageWords(await res.text()); renderResults(); return; }
  results.report = await res.json();
  results.why = ''; // an earlier reason (nothing complete yet) is not this answer's
  const left = Object.entries(results.report.excluded).map(([s, n]) => `${n} ${s}`).join(', ');
  note.textContent = `${complete} complete trial(s) of the selection` + (left ? `; left out: ${left}` : '');
  renderResults();
}

const resultKeys = groups => [...new Set(groups.flatMap(g => Object.keys(g.values)))];
const interval = (lo, hi) => lo != null && hi != null ? `[${num(lo)}, ${num(hi)}]` : '';
const pValue = p => p == null ? '' : p < 1e-4 ? '<0.0001' : num(p);
/** The figures after the metric, as the CLI's tables show them (ReportColumns in C#): heads and cells. */
const figureColumns = [
  ['95% CI (t)', g => interval(g.ci_low, g.ci_high)],
  ['95% CI (bootstrap)', g => interval(g.boot_low, g.boot_high)],
  ['IQM', g => num(g.iqm)],
  ['Δ', g => num(g.delta)],
  ['Δ 95% CI (bootstrap)', g => interval(g.diff_low, g.diff_high)],
  ['p', g => g.p == null ? '' : pValue(g.p) + (g.test === 'paired' ? ' (paired)' : g.test === 'welch' ? ' (Welch)' : '')],
  ['p Holm', g => pValue(g.p_holm)],
  ['p sign-flip', g => pValue(g.p_perm) + (g.perm_method === 'monte carlo' ? ' (MC)' : '')],
  ['P(improve)', g => num(g.poi, 2)],
  ['verdict', g => g.verdict ?? ''],
  ['seeds to decide', g => g.verdict !== 'undecided' ? '' : g.seeds_needed != null ? `${g.seeds_needed} (${g.seeds_decide})` : 'more than 1000'],
];
const groupCell = g => `${num(g.mean)}${g.std != null ? ' ± ' + num(g.std) : ''} (n=${g.n})`;

function renderResults() {
  const sections = results.report?.sections ?? [];
  const holder = document.getElementById('r-sections');
  holder.replaceChildren();
  // Keys come from cfg/ and metric names from logs: they enter the page as text, never as HTML.
  const sectionSel = document.getElementById('r-section');
  const names = sections.map(s => s.name);
  if (sectionSel.dataset.known !== names.join('\n')) {
    sectionSel.dataset.known = names.join('\n');
    sectionSel.replaceChildren(...names.map(n => new Option(n, n)));
  }
  if (names.length && linkChoiceGone('rp', view.r.section, names, names[0])) { view.r.section = names[0]; writeView(); }
  if (!names.includes(view.r.section)) view.r.section = names[0] ?? '';
  sectionSel.value = view.r.section;
  if (results.report?.caption) {
    const caption = document.createElement('p');
    caption.className = 'muted r-caption';
    caption.textContent = results.report.caption; // the server's words: what each figure is, as every format says it
    holder.append(caption);
  }
  for (const s of sections) holder.append(sectionTable(s));
  const shown = sections.find(s => s.name === view.r.section);
  const groups = shown?.groups ?? [];
  const keys = resultKeys(groups);
  const keySel = document.getElementById('r-key');
  const xKeys = scatterKeys(shown);
  if (keySel.dataset.known !== xKeys.join('\n')) {
    keySel.dataset.known = xKeys.join('\n');
    keySel.replaceChildren(...xKeys.map(k => new Option(k, k)));
  }
  if (xKeys.length && linkChoiceGone('rk', view.r.key, xKeys, xKeys[0])) { view.r.key = xKeys[0]; writeView(); }
  if (!xKeys.includes(view.r.key)) view.r.key = xKeys[0] ?? '';
  keySel.value = view.r.key;
  // No key to choose (one group, or groups told apart by their leaves alone): no empty box; the charts' place says why.
  keySel.closest('label').hidden = !scatterChoiceShown(groups, xKeys);
  // No group (nothing complete yet, or the server refused): no empty frames, the figure buttons off, why in words.
  const area = chartArea(groups, results.why);
  showChartArea(area);
  if (area.kind === 'none') return;
  drawBestSoFar(groups); // search.js; cleared when there is one group (nothing to follow)
  if (renderSingle(groups, keys)) return;
  // The charts draw the best RESULT_ROWS groups too (the table's rows): one element per group stays bounded.
  drawParallel(groups.slice(0, RESULT_ROWS), keys);
  drawScatter(groups.slice(0, RESULT_ROWS), shown?.labels, shown?.series);
}

/**
 * The keys the scatter's x may be, as the server answers them (section.scatter_keys: the numeric ones, else every key,
 * drawn by category, as `hypergrid plot results` does; ResultsFigure.ScatterKeys decides, the page only offers them).
 */
const scatterKeys = section => section?.scatter_keys ?? [];

/** Whether the scatter's x choice is shown: a scatter is drawn (two groups or more) and there is a key to choose. */
const scatterChoiceShown = (groups, xKeys) => groups.length > 1 && xKeys.length > 0;

/**
 * The scatter's y title: the metric and its error bars, or, when no group has a bar (one seed each), that n=1, as the
 * Results figure says it, rather than promising bars that are not drawn.
 */
function scatterYTitle(metric, err, groups) {
  const bars = groups.some(g => err === 'ci' ? g.ci_low != null && g.ci_high != null : g.std != null);
  return bars ? `${metric} (${err === 'ci' ? '95% CI' : '± std'})` : `${metric} (one seed each, n=1: no error bars)`;
}

/** Whether a section's table needs a leaf column: its rows are named by the keys that differ, unless those do not tell them apart. */
function needsLeafColumn(groups, keys = resultKeys(groups)) {
  // Each row's values as JSON ([value] or 0 for a missing key): no value a config holds reads as another or as missing.
  const named = new Set(groups.map(g => JSON.stringify(keys.map(k => (k in g.values ? [fmt(g.values[k])] : 0)))));
  return keys.length === 0 || named.size < groups.length;
}

/** One section: its name, why it has no p-values when it has none, and its groups best first. */
function sectionTable(s) {
  const box = document.createElement('div');
  box.className = 'r-section';
  box.dataset.section = s.name;
  const h = document.createElement('h3');
  h.textContent = `${s.name} `;
  const count = document.createElement('span');
  count.className = 'muted';
  count.textContent = `${s.groups.length} group(s)`;
  h.append(count);
  box.append(h);
  if (s.note) {
    const note = document.createElement('p');
    note.className = 'muted r-untested';
    note.textContent = s.note; // the server's words, as every report format says them
    box.append(note);
  }
  if (s.adaptive_seeds) {
    const rounds = document.createElement('p');
    rounds.className = 'muted r-adaptive';
    rounds.textContent = s.adaptive_seeds; // the rounds as the server says them: seeds spent, why each group stopped
    box.append(rounds);
  }
  const keys = resultKeys(s.groups);
  // Rows are named by the keys that differ between groups (the server's values); the leaf only when they do not tell rows apart.
  const leafColumn = needsLeafColumn(s.groups, keys);
  const table = document.createElement('table');
  table.className = 'r-table';
  const headRow = table.createTHead().insertRow();
  for (const c of [...(leafColumn ? ['leaf'] : []), ...keys, results.report.metric, ...figureColumns.map(f => f[0])]) {
    const th = document.createElement('th');
    th.textContent = c;
    headRow.append(th);
  }
  const body = table.createTBody();
  // Best first, and at most RESULT_ROWS of them: a section of 30,000 groups keeps the page's size bounded.
  for (const g of s.groups.slice(0, RESULT_ROWS)) {
    const row = body.insertRow();
    row.className = (g.best ? 'best' : '') + (g.indistinguishable ? ' indistinguishable' : '');
    if (g.verdict) row.dataset.verdict = g.verdict;
    if (g.adaptive) row.dataset.adaptive = g.adaptive.state;
    const cells = [...(leafColumn ? [g.leaf] : []), ...keys.map(k => fmt(g.values[k])), groupCell(g), ...figureColumns.map(f => f[1](g))];
    cells.forEach((c, i) => { const td = row.insertCell(); td.textContent = c; if (i === keys.length + (leafColumn ? 1 : 0)) td.className = 'metric'; });
    // The group's colour, as its lines have in the plots and its point in the scatter.
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = resultColor(g);
    row.cells[0].prepend(sw);
    row.title = `${g.leaf}: click to plot this group (mean ± std over seeds)`;
    row.onclick = () => showGroup(g);
  }
  box.append(table);
  if (s.groups.length > RESULT_ROWS) {
    const more = document.createElement('p');
    more.className = 'muted r-more';
    more.textContent = `the best ${RESULT_ROWS} of ${s.groups.length.toLocaleString('en')} groups; hypergrid report lists them all`;
    box.append(more);
  }
  return box;
}

/** The most groups a section's table lists. */
const RESULT_ROWS = 200;

/** Plots one group's trials with bands: its leaf only, the leaf's other trials hidden, grouping on; the plots come into view. */
function showGroup(g) {
  view.leaves = new Set([g.leaf]);
  const mine = new Set(g.trials.map(t => `${g.leaf}/${t}`));
  view.hide = new Set(store.trials.filter(t => leafOf(t) === g.leaf && !mine.has(t.path)).map(t => t.path));
  view.group = true;
  document.getElementById('group').checked = true;
  writeView(); renderBrowser(); redraw(true);
  document.getElementById('controls').scrollIntoView({ block: 'start' });
}

// ---- axes -------------------------------------------------------------------------------------
/**
 * Round steps between lo and hi, about n of them. Counted, never added up: a step below the values' float resolution
 * (two means one float apart) would leave v += step where it was, forever.
 */
function niceTicks(lo, hi, n = 5) {
  if (hi === lo) return [lo];
  const raw = (hi - lo) / n, mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= raw);
  const out = [], first = Math.ceil(lo / step);
  for (let i = 0; i <= 2 * n + 1; i++) {
    const v = (first + i) * step;
    if (!(v <= hi + step * 1e-9)) break;
    const tick = Number(v.toPrecision(12));
    if (tick !== out[out.length - 1]) out.push(tick);
  }
  return out;
}

/**
 * An axis over values: numbers linear (log when positive and spanning two decades or more), anything else as evenly
 * spaced categories. A missing value (the key absent from a group) has no position: the plots draw it apart.
 */
function axisOf(values) {
  const present = values.filter(v => v !== undefined);
  const missing = present.length < values.length;
  const nums = present.filter(v => typeof v === 'number');
  if (nums.length === present.length && nums.length > 0) {
    const lo = Math.min(...nums), hi = Math.max(...nums);
    const log = lo > 0 && hi / lo >= 100;
    const f = log ? Math.log10 : v => v;
    const pos = v => v === undefined ? null : hi === lo ? 0.5 : (f(v) - f(lo)) / (f(hi) - f(lo));
    const ticks = log
      ? Array.from({ length: Math.floor(Math.log10(hi)) - Math.ceil(Math.log10(lo)) + 1 }, (_, i) => 10 ** (Math.ceil(Math.log10(lo)) + i))
      : niceTicks(lo, hi);
    const shown = [...new Set(ticks.length >= 2 ? ticks : [lo, hi])], labels = distinctLabels(shown, axisLabel);
    return { kind: log ? 'log' : 'linear', missing, pos, ticks: shown.map((v, i) => ({ at: pos(v), label: labels[i] })) };
  }
  const cats = [...new Set(present.map(fmt))];
  const pos = v => v === undefined ? null : cats.length === 1 ? 0.5 : cats.indexOf(fmt(v)) / (cats.length - 1);
  return { kind: 'categorical', missing, pos, ticks: cats.map(c => ({ at: pos(c), label: c })) };
}

/** How far the scatter reaches past its first and last point, as a share of their span each side: a point at each end (axes.js MARK_X_PAD). */
const SCATTER_PAD = MARK_X_PAD;

/**
 * Where a place on an axis (0 to 1, as axisOf gives it) sits in the scatter's frame: numbers padded by `pad` each
 * side (SCATTER_PAD; twice that when series are dodged, as the figure's FigureLayout.XPad), categories by half a step,
 * as the Results figure pads its x, so no point or error bar sits on the frame.
 */
function scatterAt(axis, p, pad = SCATTER_PAD) {
  if (p === null) return null;
  if (axis.kind !== 'categorical') return (p + pad) / (1 + 2 * pad);
  const n = axis.ticks.length;
  return n > 1 ? (p * (n - 1) + 0.5) / n : p;
}

/** An axis value as a reader writes it: 0.0001, 0.25, 1e-7 (p significant digits at most, 4; distinctLabels asks more). */
const axisLabel = (v, p = 4) => String(Number(v.toPrecision(p)));

const axisTitle = (name, axis) => name + (axis.kind === 'log' ? ' (log)' : axis.kind === 'categorical' ? ' (categories)' : '');

function el(name, attrs = {}, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

// Low values blue, high values red, whatever the goal: the table says which end is better.
const heat = t => `hsl(${240 - 240 * t} 75% 45%)`;

/** What hovering a group names: its leaf, its values, its number. */
function describeGroup(g, keys) {
  const values = keys.map(k => `${k}=${g.values[k] === undefined ? 'missing' : fmt(g.values[k])}`).join(', ');
  return `${g.leaf}${values ? ' · ' + values : ''} · ${results.report.metric} ${groupCell(g)}${g.best ? ' · best' : ''}`;
}

/** Marks one group in both plots and says what it is. */
function highlight(g, keys) {
  for (const e of document.querySelectorAll('#results .r-mark')) e.classList.toggle('r-hot', g !== null && e.dataset.group === String(g.index));
  document.getElementById('r-hover').textContent = g ? describeGroup(g, keys) : '';
}

/**
 * The parallel coordinates' width and left margin (px) in a row `row` px wide: what the row leaves beside the scatter
 * (520 px and its gap and borders) when both fit, else the whole row (the scatter wraps under it), 720 at least; a left
 * margin that holds the first axis's widest label (60 at least, a third of the width at most, where labels are cut).
 */
function parallelLayout(row, firstWidest) {
  const beside = 548, r = Math.floor(row || 0);
  const W = Math.max(720, r >= 720 + beside ? r - beside : r - 4);
  return { W, left: Math.min(Math.max(60, Math.ceil(firstWidest) + 14), Math.floor(W / 3)) };
}

function drawParallel(groups, keys) {
  const svg = document.getElementById('r-parallel');
  svg.replaceChildren();
  if (!groups.length) return;
  const metric = results.report.metric;
  const axes = [...keys.map(k => ({ name: k, get: g => g.values[k] })), { name: metric, get: g => g.mean }];
  // The colour key in a row of its own at the top, the axis titles under it (in two rows when they would touch).
  const scales = axes.map(a => axisOf(groups.map(a.get)));
  // As wide as the row leaves beside the scatter, the first axis's labels given the room they need.
  const firstWidest = Math.max(0, ...scales[0].ticks.map(t => textWidth(t.label, 10)));
  const { W, left } = parallelLayout(svg.parentElement?.clientWidth ?? 0, firstWidest);
  svg.setAttribute('viewBox', `0 0 ${W} 300`);
  svg.setAttribute('width', String(W));
  const H = 300, right = 60, top = 62, bottom = 44, h = H - top - bottom;
  const missingY = H - 16; // below every axis: a missing value never reads as the axis minimum
  const xs = axes.map((_, i) => left + (axes.length === 1 ? (W - left - right) / 2 : (i * (W - left - right)) / (axes.length - 1)));
  const titles = axisTitles(axes.map((a, i) => axisTitle(a.name, scales[i])), xs, W);
  const m = scales[scales.length - 1];
  const Y = (scale, v) => { const p = scale.pos(v); return p === null ? missingY : top + h - p * h; };
  // The axes are appended after the lines: their labels (haloed in style.css) are read over the lines, not under them.
  const axisGroups = axes.map((a, i) => {
    const s = scales[i];
    const g = el('g', { class: 'r-axis', 'data-axis': a.name, 'data-kind': s.kind });
    g.append(el('line', { x1: xs[i], x2: xs[i], y1: top, y2: top + h, stroke: '#9ca3af' }));
    g.append(el('text', { x: xs[i], y: top - 8 - 13 * titles[i].row, 'text-anchor': 'middle', class: 'r-axis-title' }, titles[i].text));
    if (titles[i].text !== axisTitle(a.name, s)) g.append(el('title', {}, axisTitle(a.name, s))); // a cut title whole, on hover
    // Categories closer than a line apart: every k-th named (each still ticked; hovering a line names its values).
    const every = s.kind === 'categorical' && s.ticks.length > 1 ? thinEvery(h / (s.ticks.length - 1), tickLine(10)) : 1;
    // Labels end 6 px left of their axis: the first axis has the SVG's margin, the others the gap to the axis before.
    const room = (i === 0 ? xs[0] : xs[i] - xs[i - 1] - 4) - 8;
    const texts = s.kind === 'categorical' ? categoryLabels(s.ticks.map(t => t.label), room) : s.ticks.map(t => t.label);
    s.ticks.forEach((t, k) => {
      const y = top + h - t.at * h;
      g.append(el('line', { x1: xs[i] - 4, x2: xs[i], y1: y, y2: y, stroke: '#9ca3af' }));
      if (k % every !== 0) return;
      // On a solid box of its own width: a halo rings each glyph, and a line still crossed "0.1" between them.
      const w = textWidth(texts[k], 10);
      g.append(el('rect', { x: xs[i] - 6 - w - 2, y: y + 3 - 10, width: w + 4, height: 13, rx: 2, class: 'r-tick-box' }));
      // A cut label keeps its whole text in data-full (hovering a line names its values whole).
      g.append(el('text', { x: xs[i] - 6, y: y + 3, 'text-anchor': 'end', class: 'r-tick', 'data-full': t.label }, texts[k]));
    });
    if (s.missing) g.append(el('text', { x: xs[i], y: missingY + 12, 'text-anchor': 'middle', class: 'r-missing' }, 'missing'));
    return g;
  });
  const metricValues = groups.map(g => g.mean).filter(v => typeof v === 'number');
  if (metricValues.length) heatKey(svg, metric, Math.min(...metricValues), Math.max(...metricValues), W - 200, 14, 120);
  groups.forEach((grp, index) => {
    grp.index = index;
    const points = axes.map((a, i) => `${xs[i]},${Y(scales[i], a.get(grp))}`).join(' ');
    const line = el('polyline', { points, fill: 'none', stroke: heat(m.pos(grp.mean)), 'stroke-width': grp.best ? 3 : 1.5, class: 'r-mark', 'data-group': index });
    line.append(el('title', {}, describeGroup(grp, keys)));
    line.addEventListener('mouseenter', () => highlight(grp, keys));
    line.addEventListener('mouseleave', () => highlight(null, keys));
    line.addEventListener('click', () => showGroup(grp));
    svg.append(line);
    axes.forEach((a, i) => { if (scales[i].pos(a.get(grp)) === null) svg.append(el('circle', { cx: xs[i], cy: missingY, r: 3, fill: '#b91c1c', class: 'r-missing-mark' })); });
  });
  svg.append(...axisGroups);
}

function drawScatter(groups, labelsByKey, seriesByKey) {
  const svg = document.getElementById('r-scatter');
  svg.replaceChildren();
  const key = view.r.key;
  // Nothing to put on x (the groups' values name no key): no empty frame, a line saying why.
  const why = document.getElementById('r-scatter-why');
  const drawn = groups.length > 0 && Boolean(key);
  svg.style.display = drawn ? '' : 'none';
  why.hidden = drawn || !groups.length;
  why.textContent = drawn || !groups.length ? '' : 'no scatter: the groups differ by no key of their configs (only by their leaves), so there is nothing to put on its x axis';
  if (!drawn) return;
  const keys = resultKeys(groups);
  // The server's series of this key (ResultsSeries): a colour per series, joined, dodged apart at a shared x.
  const series = scatterSeries(seriesByKey && Object.hasOwn(seriesByKey, key) ? seriesByKey[key] : null, groups.length);
  const pad = series.step > 0 ? 2 * SCATTER_PAD : SCATTER_PAD;
  const err = g => view.r.err === 'ci' ? (g.ci_low != null ? [g.ci_low, g.ci_high] : [g.mean, g.mean]) : [g.mean - (g.std ?? 0), g.mean + (g.std ?? 0)];
  const xAxis = axisOf(groups.map(g => g.values[key]));
  const [lo, hi] = scatterYRange(Math.min(...groups.map(g => err(g)[0])), Math.max(...groups.map(g => err(g)[1])));
  const W = 520, left = 64, right = 16, top = 24, w = W - left - right - (xAxis.missing ? 40 : 0), h = 220;
  // Categories too many to sit level are turned and, where still touching, thinned; the SVG grows to hold them.
  const ticks = xAxis.kind === 'categorical'
    ? categoryTicks(xAxis.ticks.map(t => t.label), xAxis.ticks.length > 1 ? w / xAxis.ticks.length : w)
    : { angle: 0, texts: xAxis.ticks.map(t => t.label), depth: 16 };
  // A key of the series under the x title (one entry each, in their colour), as the figure's legend.
  const keyItems = seriesKey(seriesByKey && Object.hasOwn(seriesByKey, key) ? seriesByKey[key] : null, labelsByKey && Object.hasOwn(labelsByKey, key) ? labelsByKey[key] : null);
  const keyPlaces = seriesKeyPlaces(keyItems.map(k => k.text), W - 24);
  const keyH = keyItems.length ? 16 * (Math.max(...keyPlaces.map(p => p.row)) + 1) + 10 : 0;
  const bottom = 40 + ticks.depth + keyH, H = top + h + bottom;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('height', String(H));
  const missingX = left + w + 28; // right of the axis: a group without the key is drawn apart and said to be missing
  const X = g => { const p = scatterAt(xAxis, xAxis.pos(g.values[key]), pad); return p === null ? missingX : left + p * w; };
  const at = i => X(groups[i]) + series.dodge[i] * series.step;
  const fill = i => series.slot[i] === null ? resultColor(groups[i]) : color(series.slot[i]);
  const Y = v => top + h - (hi === lo ? 0.5 : (v - lo) / (hi - lo)) * h;
  const frame = el('g', { class: 'r-axis', 'data-axis': key, 'data-kind': xAxis.kind });
  frame.append(el('rect', { x: left, y: top, width: w, height: h, fill: 'none', stroke: '#9ca3af' }));
  xAxis.ticks.forEach((t, i) => {
    const x = left + scatterAt(xAxis, t.at, pad) * w, text = ticks.texts[i];
    frame.append(el('line', { x1: x, x2: x, y1: top + h, y2: top + h + 4, stroke: '#9ca3af' }));
    if (!text) return;
    if (ticks.angle === 0) frame.append(el('text', { x, y: top + h + 16, 'text-anchor': 'middle', class: 'r-tick' }, text));
    else frame.append(el('text', { x, y: top + h + 12, 'text-anchor': 'end', class: 'r-tick', transform: `rotate(${ticks.angle} ${x} ${top + h + 12})` }, text));
  });
  frame.append(el('text', { x: left + w / 2, y: H - 8 - keyH, 'text-anchor': 'middle', class: 'r-axis-title' }, axisTitle(key, xAxis)));
  const keyBox = el('g', { class: 'r-series-key' });
  keyItems.forEach((k, i) => {
    const x = 12 + keyPlaces[i].x, y = H - keyH + 12 + 16 * keyPlaces[i].row;
    keyBox.append(el('circle', { cx: x + 4, cy: y - 4, r: 4, fill: color(k.color) }));
    keyBox.append(el('text', { x: x + 14, y, class: 'r-tick' }, k.text)); // a name from cfg/: text, never markup
  });
  frame.append(keyBox);
  if (xAxis.missing) frame.append(el('text', { x: missingX, y: top + h + 16, 'text-anchor': 'middle', class: 'r-missing' }, 'missing'));
  svg.append(frame);
  const yFrame = el('g', { class: 'r-axis', 'data-axis': results.report.metric, 'data-kind': 'linear' });
  const yTicks = niceTicks(lo, hi), yLabels = distinctLabels(yTicks, axisLabel);
  yTicks.forEach((v, i) => {
    yFrame.append(el('line', { x1: left - 4, x2: left, y1: Y(v), y2: Y(v), stroke: '#9ca3af' }));
    yFrame.append(el('text', { x: left - 6, y: Y(v) + 3, 'text-anchor': 'end', class: 'r-tick' }, yLabels[i]));
  });
  yFrame.append(el('text', { x: 12, y: top + h / 2, 'text-anchor': 'middle', class: 'r-axis-title', transform: `rotate(-90 12 ${top + h / 2})` },
    scatterYTitle(results.report.metric, view.r.err, groups)));
  svg.append(yFrame);
  // A series' line under its points, in its colour.
  for (const line of series.lines) {
    svg.append(el('polyline', { points: line.groups.map(i => `${at(i)},${Y(groups[i].mean)}`).join(' '), fill: 'none', stroke: color(line.color), 'stroke-width': 1.2, class: 'r-series' }));
  }
  // Caps no wider than a dodge step allows, so the bars of series at one x stay apart.
  const cap = series.step > 0 ? Math.min(4, series.step * 0.4) : 4;
  groups.forEach((g, index) => {
    g.index = index;
    const [a, b] = err(g), x = at(index);
    const mark = el('g', { class: 'r-mark', 'data-group': index });
    mark.append(el('path', { d: `M${x},${Y(a)}V${Y(b)}M${x - cap},${Y(a)}h${2 * cap}M${x - cap},${Y(b)}h${2 * cap}`, stroke: series.slot[index] === null ? '#374151' : fill(index), fill: 'none' }));
    // The series' colour (the figure's), else the group's colour in the plots and the table; the best ringed in black.
    mark.append(el('circle', { cx: x, cy: Y(g.mean), r: g.best ? 5 : 4, fill: fill(index), stroke: g.best ? '#000' : 'none', 'stroke-width': 1.5 }));
    mark.append(el('title', {}, describeGroup(g, keys)));
    mark.addEventListener('mouseenter', () => highlight(g, keys));
    mark.addEventListener('mouseleave', () => highlight(null, keys));
    mark.addEventListener('click', () => showGroup(g));
    svg.append(mark);
  });
  if (view.r.labels) {
    // What tells each point apart, its x key left out, as the server names it; too long, it loses what it shares first.
    const labels = pointLabels(groups, labelsByKey && Object.hasOwn(labelsByKey, key) ? labelsByKey[key] : null), shares = unitShares(labels), room = Math.min(150, w / 2);
    placeLabels(svg, groups.map((g, i) => ({ x: at(i), y: Y(g.mean), text: fitLabel(labels[i], shares, room) })), { left, top, right: left + w, bottom: top + h });
  }
}

/**
 * The metrics the Results may rank by: each phase's schema metrics (from /api/trials), then the logs' own columns the
 * schema does not name (a program's bleu), sorted; never an x axis (time, samples). Once a result's log is loaded
 * (reported: the phase_metric names with a value in the logs of trials in a result state, complete or other-code, from
 * POST /api/epochs), only those: a Python program's study is not offered val_grad_norm or val_lr, which no log of it
 * holds, nor a metric only a running trial has logged so far; the report would refuse both. Before any: the schema's.
 */
function resultMetricNames(schema, logged, reported = new Set()) {
  const own = [...logged].filter(m => !schema.includes(m) && !X_ONLY.has(m)).sort();
  const all = ['val', 'train'].flatMap(p => [...schema, ...own].map(m => `${p}_${m}`));
  return reported.size ? all.filter(n => reported.has(n)) : ['val', 'train'].flatMap(p => schema.map(m => `${p}_${m}`));
}

/** The metric choices, filled once the schema is known and again when a log brings a metric of its own. */
function fillMetricChoices() {
  const metricSel = document.getElementById('r-metric'), atBest = document.getElementById('r-atbest');
  if (!store.schema.length) return;
  const names = resultMetricNames(store.schema, store.metrics, store.reported);
  if (metricSel.dataset.known === names.join('\n')) return;
  metricSel.dataset.known = names.join('\n');
  metricSel.replaceChildren(...names.map(n => new Option(n, n)));
  atBest.replaceChildren(new Option('(off)', ''), ...names.map(n => new Option(n, n)));
  metricSel.value = view.r.metric;
  atBest.value = view.r.atBest;
}

function wireResults() {
  wireResultsFigure();
  const bind = (id, key, then) => {
    const e = document.getElementById(id);
    e.value = view.r[key];
    e.onchange = () => { view.r[key] = e.value; writeView(); then(); };
  };
  bind('r-metric', 'metric', () => refreshResults(true));
  bind('r-reduce', 'reduce', () => refreshResults(true));
  bind('r-atbest', 'atBest', () => refreshResults(true));
  bind('r-scope', 'scope', () => refreshResults(true));
  bind('r-section', 'section', renderResults);
  bind('r-key', 'key', renderResults);
  bind('r-err', 'err', renderResults);
  const labels = document.getElementById('r-labels');
  labels.checked = view.r.labels;
  labels.onchange = () => { view.r.labels = labels.checked; writeView(); renderResults(); };
  // The equivalence margin asks the server again (its verdicts change); the box is the page's only statistics control.
  document.getElementById('r-equivalence')?.addEventListener('change', () => refreshResults(true));
}

