'use strict';
// Hypergrid dashboard, plots: one uPlot per metric, lines per trial or mean ± std bands per seed group.

// ---- plots ---------------------------------------------------------------------------------
function smooth(ys, w) {
  if (!w) return ys;
  let s = null;
  return ys.map(y => (y == null ? null : (s = s == null ? y : w * s + (1 - w) * y)));
}

/**
 * A step line's band and its lone buckets' error bars, as the server answers them: `lone` (each bucket of /api/series
 * and /api/series-group, LoneBuckets' rule on the server) marks a bucket with rows whose neighbours have none (a val
 * pass: its rows at one step, the next pass an epoch of empty buckets away); its spread is an error bar at its step, and
 * the band joins only the other buckets. The page decides none of it (the figure files draw the same answer): it only
 * leaves out a bar of no length (one seed, one row), as they do. Returns the band without the lone buckets, and the bars
 * (null elsewhere); each undefined when empty.
 */
function bandAndBars(band, lone) {
  const alone = i => lone?.[i] === true;
  const upper = band.upper.map((v, i) => (alone(i) ? null : v)), lower = band.lower.map((v, i) => (alone(i) ? null : v));
  // A bar without length would read as a spread of zero measured: not drawn.
  const bar = i => alone(i) && band.upper[i] != null && band.lower[i] != null && band.upper[i] !== band.lower[i];
  const bars = { upper: band.upper.map((v, i) => (bar(i) ? v : null)), lower: band.lower.map((v, i) => (bar(i) ? v : null)) };
  return { band: upper.some(v => v != null) ? { upper, lower } : undefined, bars: bars.upper.some(v => v != null) ? bars : undefined };
}

/**
 * A line's marks: its values where a marker is drawn, null elsewhere (undefined when none). A point no line reaches
 * is marked, by the rule the figure files draw by (PointMarks.cs): each bucket the server answers lone (a val pass by
 * step; its spread, if any, is also an error bar) and a line's only point (a val pass of one row, a running trial's
 * first pass), which uPlot's line alone would not show.
 */
function markPoints(ys, lone) {
  const drawn = ys.filter(v => v != null).length;
  const marks = ys.map((v, i) => (v != null && (drawn === 1 || lone?.[i] === true) ? v : null));
  return marks.some(v => v != null) ? marks : undefined;
}

/** Trial paths without the folders every selected trial shares: legends stay readable. */
function shortNames(trials) {
  const parts = trials.map(t => t.path.split('/'));
  let common = 0;
  while (parts.length && common < 4 && parts.every(p => p[common] === parts[0][common])) common++;
  return new Map(trials.map((t, i) => [t.path, parts[i].slice(common).join('/')]));
}

/** A paused trial's line ends where it stopped at its search rung, and its name says so. */
const pausedMark = t => (t.state === 'paused' ? ' (paused at a search rung)' : t.state === 'other-code' ? ' (trained by other code)' : '');

/**
 * A group's line: named by the keys that differ between the groups shown (names.js, as the figure files name them);
 * a group alone by its leaf and seeds, or the one trial's short name.
 */
function groupName(members, names, named) {
  const name = named.byTrial.get(members[0].path);
  if (name) return { key: name, line: named.title ? `${named.title}=${name}` : name };
  const alone = members.length > 1 ? `${leafOf(members[0])} seeds ${members.map(m => m.config?.seed).join(',')}` : names.get(members[0].path);
  return { key: alone, line: alone };
}

/** Series of one metric: a line per trial and phase, or mean ± std per group of seeds; each with its marks (markPoints). */
function seriesFor(metric, trials, colors) {
  // On a log y axis a value at or below 0 is no point (plotColumns makes it a gap): marked by what is drawn, as the
  // figure files mark only the points they draw (PointMarks.Of).
  const drawn = ys => (view.log ? ys.map(v => (v != null && v > 0 ? v : null)) : ys);
  return inZoom(lineSeries(metric, trials, colors)).map(s => ({ ...s, marks: markPoints(drawn(s.ys), s.lone) }));
}

function lineSeries(metric, trials, colors) {
  const out = [];
  const names = shortNames(trials);
  const named = view.group ? groupNames() : null;
  // At step resolution x is the train step (train batches done): a val pass sits where it ran, so train and val align.
  if (stepAxis() && view.group) {
    // Per bucket, from the server: the seeds' mean with a ±std band, or the true min–max over all seeds' rows.
    for (const entry of store.groupSteps?.values() ?? []) {
      const c = colors.get(entry.members[0].path);
      const name = groupName(entry.members, names, named);
      for (const ph of view.phases) {
        const body = entry[ph], m = body?.[metric];
        if (!m || !m.mean.some(v => v != null)) continue;
        const xs = stepXs(body);
        if (!xs) continue;
        const band = view.band === 'range' ? { upper: m.max, lower: m.min }
          : { upper: m.mean.map((v, i) => v == null ? null : v + (m.std[i] ?? 0)), lower: m.mean.map((v, i) => v == null ? null : v - (m.std[i] ?? 0)) };
        out.push({ label: `${name.line} ${ph} (n=${Math.max(...m.n)})`, group: name.key, color: c, dash: ph !== 'train', xs, ys: smooth(m.mean, view.smooth),
          ...bandAndBars(band, m.lone), lone: m.lone, logged: loggedX(body), steps: body.step, width: body.width });
      }
    }
    return out;
  }
  if (stepAxis()) {
    // Per bucket: the line through the last values, and a light band from the true min to the true max.
    for (const t of trials) {
      for (const ph of view.phases) {
        const body = store.steps.get(t.path)?.[ph];
        const m = body?.[metric];
        if (!m || !m.last.some(v => v != null)) continue;
        const xs = stepXs(body, ph === 'train' ? 'last' : 'mean');
        if (!xs) continue;
        out.push({ label: `${names.get(t.path)} ${ph}${pausedMark(t)}`, color: colors.get(t.path), dash: ph !== 'train', xs, ys: smooth(ph === 'train' ? m.last : m.mean, view.smooth),
          ...(body.raw ? {} : bandAndBars({ upper: m.max, lower: m.min }, m.lone)), lone: m.lone, logged: loggedX(body), steps: body.step, width: body.width });
      }
    }
    return out;
  }
  if (!view.group) {
    for (const t of trials) {
      const phases = store.logs.get(t.path)?.phases ?? {};
      for (const ph of view.phases) {
        const p = phases[ph];
        if (!p?.m[metric]?.some(v => v != null)) continue;
        out.push({ label: `${names.get(t.path)} ${ph}${pausedMark(t)}`, color: colors.get(t.path), dash: ph !== 'train', xs: p[view.x], ys: smooth(p.m[metric], view.smooth) });
      }
    }
    return out;
  }
  const groups = seedGroups(trials);
  for (const members of groups.values()) {
    const c = colors.get(members[0].path); // the group's colour, as in the table and Results
    const name = groupName(members, names, named);
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
      // The cells are the epochs with a value, no gap between them: a point is lone (LoneBuckets' rule, as the figure
      // judges a line by epoch) only when it is the line's one point, its spread an error bar, as in the figure.
      out.push({ label: `${name.line} ${ph} (n=${n})`, group: name.key, color: c, dash: ph !== 'train', xs, ys: ms,
        ...bandAndBars({ upper: ms.map((m, i) => m + sd[i]), lower: ms.map((m, i) => m - sd[i]) }, cells.length === 1 ? [true] : undefined) });
    }
  }
  return out;
}

/** Whether every x is a number greater than the one before. */
function rising(xs) {
  for (let i = 0; i < xs.length; i++) if (xs[i] == null || (i > 0 && !(xs[i] > xs[i - 1]))) return false;
  return true;
}

/**
 * One line's columns as uPlot takes them, [xs, ys], then its band's upper and lower and its error bars when it has them: x rising (sorted, a
 * missing or repeated x dropped, the first row of a repeat kept); on a log y axis a value of 0 or less is a gap.
 */
function plotColumns(s, log) {
  const positive = arr => arr.map(v => (v != null && v <= 0 ? null : v));
  // The line, then its band's upper and lower, then its lone buckets' error bars (bandAndBars), then its marks
  // (markPoints), each when it has them.
  const columns = [s.ys, ...(s.band ? [s.band.upper, s.band.lower] : []), ...(s.bars ? [s.bars.upper, s.bars.lower] : []), ...(s.marks ? [s.marks] : [])];
  // The common case, x already rising (an epoch log's rows): taken as it is, not sorted again.
  if (rising(s.xs)) {
    const pick = log ? positive : arr => arr;
    return [s.xs, ...columns.map(pick)];
  }
  const order = s.xs.map((x, i) => i).filter(i => s.xs[i] != null).sort((a, b) => s.xs[a] - s.xs[b]);
  const uniq = order.filter((i, k) => k === 0 || s.xs[i] !== s.xs[order[k - 1]]);
  const xs = uniq.map(i => s.xs[i]);
  const pick = arr => uniq.map(i => (log && arr[i] != null && arr[i] <= 0 ? null : arr[i]));
  return [xs, ...columns.map(pick)];
}

/** Aligns per-series x arrays into uPlot's one-x-column data, with bands as extra series. */
function toPlotData(series) {
  const tables = series.map(s => plotColumns(s, view.log));
  return { data: tables.length ? uPlot.join(tables) : [[]], meta: series };
}

function buildPlot(metric, series, el) {
  const { data, meta } = toPlotData(series);
  const uSeries = [{ label: view.x }];
  const bands = [], bars = [], marks = [];
  for (const s of meta) {
    // A line of one point (a trial in its first epoch, by epoch) is no line: markPoints gave it a dot (drawMarks).
    uSeries.push({ label: s.label, stroke: s.color, width: 1.5, dash: s.dash ? [6, 4] : undefined, spanGaps: true, points: { show: false } });
    if (s.band) {
      const upper = uSeries.length;
      // A band's gaps stay gaps (bandAndBars left a lone bucket's spread out of it), so it never spans an empty stretch.
      uSeries.push({ label: `${s.label} +std`, stroke: 'transparent', points: { show: false }, spanGaps: !s.bars });
      uSeries.push({ label: `${s.label} -std`, stroke: 'transparent', points: { show: false }, spanGaps: !s.bars });
      bands.push({ series: [upper, upper + 1], fill: fade(s.color) });
    }
    if (s.bars) {
      // Not drawn as lines: drawBars strokes them; as series they count in the y axis' range.
      bars.push({ upper: uSeries.length, color: s.color });
      uSeries.push({ label: `${s.label} bar+`, stroke: 'transparent', points: { show: false }, spanGaps: true });
      uSeries.push({ label: `${s.label} bar-`, stroke: 'transparent', points: { show: false }, spanGaps: true });
    }
    if (s.marks) {
      // Drawn by drawMarks (a dot at each, in the line's colour; hollow on a dashed, val, line, as the figure files draw
      // it, so a one-epoch study's train and val points differ); transparent, so not a line of the legend.
      marks.push({ at: uSeries.length, color: s.color, hollow: !!s.dash });
      uSeries.push({ label: `${s.label} mark`, stroke: 'transparent', points: { show: false }, spanGaps: true });
    }
  }
  const opts = {
    title: metric,
    width: plotWidth(el),
    height: 280,
    // Zoomed: the dragged range exactly, not the extent of the rows that fell in it. Not zoomed: the range every plot of
    // the view shares (sharedXRange), so their x positions line up, an end with an error bar padded.
    scales: { x: { time: false, ...stepXScale(zoomable() ? view.zoom : null, series) }, y: view.log ? { distr: 3 } : {} },
    axes: [
      // Epochs and batches are counts: no ticks between them.
      { label: xLabel(series), incrs: view.x === 'time' || view.x === 'epochf' ? undefined : [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 1e5, 2e5, 5e5, 1e6] },
      { label: metric, size: 64, values: (u, splits) => tickLabels(splits) },
    ],
    series: uSeries,
    bands,
    // The nearest line to the cursor is drawn strong and the others faded; the legend below lists the lines under it.
    cursor: { drag: { x: true, y: false }, focus: { prox: 24 } },
    focus: { alpha: 0.3 },
    legend: { show: false },
    hooks: {
      ...(zoomable() ? { setSelect: [u => zoomSteps(u)] } : {}),
      ...(bars.length || marks.length ? { draw: [u => { if (bars.length) drawBars(u, bars); if (marks.length) drawMarks(u, marks); }] } : {}),
      setCursor: [u => renderLegend(u, legend)],
    },
  };
  const legend = document.createElement('div');
  legend.className = 'legend';
  const plot = new uPlot(opts, data, el);
  el.append(legend);
  legend.pinned = null;
  legend.idx = null;
  renderLegend(plot, legend);
  if (zoomable()) plot.over.addEventListener('dblclick', () => { view.zoom = null; writeView(); redraw(true); });
  return plot;
}

/**
 * Each marked point (markPoints) as a dot in its line's colour, 3.5 px across the plot's pixels, clipped to the plot;
 * a hollow one (a val line's) as a ring, so a train dot under it still shows.
 */
function drawMarks(u, marks) {
  const { ctx } = u, { left, top, width, height } = u.bbox, r = 3.5 * devicePixelRatio;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  for (const { at, color, hollow } of marks) {
    if (hollow) { ctx.strokeStyle = color; ctx.lineWidth = 1.5 * devicePixelRatio; } else ctx.fillStyle = color;
    ctx.beginPath();
    u.data[0].forEach((x, i) => {
      const y = u.data[at][i];
      if (x == null || y == null) return;
      const px = u.valToPos(x, 'x', true), py = u.valToPos(y, 'y', true);
      ctx.moveTo(px + r, py);
      ctx.arc(px, py, r, 0, 2 * Math.PI);
    });
    if (hollow) ctx.stroke(); else ctx.fill();
  }
  ctx.restore();
}

/** Each lone bucket's spread (bandAndBars) as an error bar at its x: a vertical stroke with caps, in the line's colour, faded. */
function drawBars(u, bars) {
  const { ctx } = u, { left, top, width, height } = u.bbox, cap = 3 * devicePixelRatio;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.lineWidth = devicePixelRatio;
  for (const { upper, color } of bars) {
    ctx.strokeStyle = color + '99';
    ctx.beginPath();
    u.data[0].forEach((x, i) => {
      const hi = u.data[upper][i], lo = u.data[upper + 1][i];
      if (x == null || hi == null || lo == null) return;
      const px = u.valToPos(x, 'x', true), y1 = u.valToPos(hi, 'y', true), y0 = u.valToPos(lo, 'y', true);
      ctx.moveTo(px, y0); ctx.lineTo(px, y1);
      ctx.moveTo(px - cap, y0); ctx.lineTo(px + cap, y0);
      ctx.moveTo(px - cap, y1); ctx.lineTo(px + cap, y1);
    });
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * A plot's width in pixels: its box's, so the plots fit a narrow window (640 px: they were at least 360 px and cut
 * off) and follow it when it is resized; 200 px at the least, where a plot still reads.
 */
const plotWidth = el => Math.max(200, (el.clientWidth || 0) - 10);

/**
 * Each plot at its box's width, its group key counted anew (legendShown): after a resize, and after plots came or
 * went, since the plots' columns share the window's width (one plot more narrows the others).
 */
function fitPlots() {
  let title;
  for (const p of store.plots) {
    const width = plotWidth(p.el);
    if (p.plot.width === width) continue;
    p.plot.setSize({ width, height: 280 });
    if (title === undefined) title = view.group ? groupNames().title : null;
    renderGroupLegend(p.el, p.series, title);
  }
}

/** How many lines the legend lists at most: the plot stays the main thing on screen, whatever the number of lines. */
const LEGEND_ROWS = 8;

/**
 * The lines under the cursor, nearest first, with their values at the cursor's x; clicking one pins it (drawn strong,
 * the others faded) until it is clicked again. Without a cursor: how many lines there are and the pinned one.
 */
function renderLegend(u, legend) {
  // The series that only bound a band are transparent: not lines.
  const lines = u.series.map((s, i) => ({ s, i })).filter(({ s, i }) => i > 0 && s.show !== false && strokeOf(u, i) !== 'transparent');
  // The cursor left the plot (for the legend, say): the lines it was over stay listed, so that one can be clicked.
  const here = u.cursor.idx != null && u.cursor.left >= 0 && u.cursor.top >= 0;
  if (here) legend.idx = u.cursor.idx, legend.top = u.cursor.top;
  else if (legend.idx != null && legend.idx >= u.data[0].length) legend.idx = null;
  const idx = legend.idx ?? null, top = legend.top;
  const rows = [];
  if (idx != null) {
    for (const { s, i } of lines) {
      const v = u.data[i][idx];
      if (v == null) continue;
      rows.push({ i, label: s.label, color: strokeOf(u, i), value: v, dist: Math.abs(u.valToPos(v, 'y') - top) });
    }
  }
  legend.replaceChildren();
  const head = document.createElement('div');
  head.className = 'legend-head muted';
  const x = idx != null ? u.data[0][idx] : null;
  head.textContent = x != null
    ? `${view.x} ${tick(x)}: ${Math.min(rows.length, LEGEND_ROWS)} of ${lines.length} lines, nearest the cursor first`
    : `${lines.length} line(s): hover the plot to read the lines under the cursor; click one here to highlight it`;
  legend.append(head);
  const held = legend.pinned != null ? u.series[legend.pinned] : null;
  const pinned = held ? { i: legend.pinned, label: held.label, color: strokeOf(u, legend.pinned), value: idx != null ? u.data[legend.pinned][idx] : null, dist: Infinity } : null;
  const shown = legendRows(rows, pinned);
  for (const r of shown) {
    const row = document.createElement('div');
    row.className = 'legend-row' + (legend.pinned === r.i ? ' pinned' : '');
    row.dataset.series = String(r.i);
    if (Number.isFinite(r.dist)) row.dataset.dist = r.dist.toFixed(1);
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = r.color;
    const value = document.createElement('span');
    value.className = 'legend-value';
    value.textContent = r.value == null ? '' : tick(r.value);
    const name = document.createElement('span');
    name.className = 'legend-label';
    name.textContent = r.label; // trial paths and metric names are text, never HTML
    row.append(sw, value, name);
    row.title = 'click to highlight this line (click again to release)';
    row.onclick = () => {
      legend.pinned = legend.pinned === r.i ? null : r.i;
      // The pinned line is drawn thick whatever the cursor focuses.
      u.series.forEach((s, i) => { if (i > 0) s.width = i === legend.pinned ? 4 : 1.5; });
      u.redraw(false);
      renderLegend(u, legend);
    };
    legend.append(row);
  }
}

/**
 * The legend's rows: the lines with a value under the cursor, nearest it first, LEGEND_ROWS at most, then the pinned
 * line's row when it is not among them (pinned: its row, or null).
 */
function legendRows(rows, pinned) {
  const shown = [...rows].sort((a, b) => a.dist - b.dist).slice(0, LEGEND_ROWS);
  if (pinned && !shown.some(r => r.i === pinned.i)) shown.push(pinned);
  return shown;
}

const strokeOf = (u, i) => u.series[i].stroke(u, i);

/**
 * A drag over a step plot asks the server again for just that range, down to the raw rows: the dragged x values as
 * they are (axis units), kept in the URL (from=, to=) so a shared link opens zoomed.
 */
function zoomSteps(u) {
  if (u.select.width < 2) return;
  const lo = u.posToVal(u.select.left, 'x'), hi = u.posToVal(u.select.left + u.select.width, 'x');
  // Rounded to what one pixel of the axis shows (from=569.5113350125945 is 570 where a pixel is 2.5 samples).
  const range = zoomOf(...roundZoom(lo, hi, Math.abs(u.posToVal(u.select.left + 1, 'x') - lo)), view.x);
  if (!range) return;
  view.zoom = range;
  view.xChosen = true; // a zoom is a range of this axis: the link keeps the axis with it
  writeView();
  redraw(true);
}

/** A value as a tick or the legend writes it: p significant digits (4), tiny and huge ones as exponents. */
function tick(v, p = 4) {
  if (v == null) return '';
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(p - 3) : String(Number(v.toPrecision(p)));
}

/** A plot axis's tick labels: tick()'s, with more digits while two different ticks would read the same. */
const tickLabels = splits => distinctLabels(splits, tick);

/**
 * Labels of an axis's ticks by format(value, digits): four significant digits, or as many more as it takes for
 * different ticks to read differently (ticks 1.0001 and 1.0002, or 123,400 and 123,500, close together).
 */
function distinctLabels(values, format) {
  const different = new Set(values).size;
  for (let p = 4; p < 17; p++) {
    const labels = values.map(v => format(v, p));
    if (new Set(labels).size === different) return labels;
  }
  return values.map(v => format(v, 17));
}

function signature(metric, series) {
  return [metric, view.x, view.zoom?.join(','), xLabel(series), view.log, view.group, view.band, ...series.map(s => s.label + s.color + (s.band ? '+band' : '') + (s.bars ? '+bars' : '') + (s.marks ? '+marks' : ''))].join('|');
}

/** Whether any line of a plot has a point: a plot of none would invent its axis ranges. */
const hasPoints = series => series.some(s => s.xs.some((x, i) => x != null && s.ys[i] != null));

/**
 * A trial's loaded log (epoch or step resolution) has rows; grouped at step resolution, its group's answer has a value
 * from as many trials as the group has members (n: the trials with a value in a bucket), so every member has rows.
 */
function hasRows(t) {
  const phases = store.logs.get(t.path)?.phases;
  if (phases && Object.keys(phases).length) return true;
  const steps = store.steps.get(t.path);
  if (steps && ['train', 'val'].some(p => steps[p]?.rows > 0)) return true;
  return groupHasRowsOf(t, store.groupSteps);
}

/** Whether a group's step answer shows rows of every member, so of this one (its metrics' n reach the group's size). */
function groupHasRowsOf(t, groups) {
  for (const entry of groups?.values() ?? []) {
    if (!entry.members?.some(m => m.path === t.path)) continue;
    return ['train', 'val'].some(ph => Object.values(entry[ph] ?? {}).some(m => Array.isArray(m?.n) && Math.max(0, ...m.n) >= entry.members.length));
  }
  return false;
}

/** The running trials of the selection that have written no row yet, and the words that name them ('' for none). */
function waitingWords(trials) {
  const waiting = trials.filter(t => t.state === 'running' && !hasRows(t));
  const names = waiting.slice(0, 3).map(t => t.path).join(', ') + (waiting.length > 3 ? ` and ${waiting.length - 3} more` : '');
  const text = waiting.length === 0 ? ''
    : `${names} ${waiting.length === 1 ? 'is' : 'are'} running: waiting for the first rows of the batch log ` +
      '(a program writes them as they come when its log file is line-buffered)';
  return { count: waiting.length, text };
}

/**
 * The trials of the selection the server could not place on this step axis (store.unplaced: path -> what it lacks,
 * "batch_size" or "batches per epoch"), named by what they lack, three at most each ('' for none): a plot without
 * them says why instead of drawing less in silence.
 */
function unplacedWords(trials, unplaced, axis) {
  if (!STEP_AXES.has(axis) || axis === 'step') return '';
  const byWhat = new Map();
  for (const t of trials) {
    const what = unplaced.get(t.path);
    if (what) { if (!byWhat.has(what)) byWhat.set(what, []); byWhat.get(what).push(t.path); }
  }
  return [...byWhat].map(([what, paths]) =>
    `${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ` and ${paths.length - 3} more` : ''}: not drawn on this x axis ` +
    `(${what} unknown: ${what === 'batch_size' ? 'no batch_size in its config and no samples column in its log' : 'no finished epoch in its log and no train set size with a batch_size'}); ` +
    `the step axis draws ${paths.length === 1 ? 'it' : 'them'}`).join('. ');
}

/** The view's phases a trial has no row of yet, by its step buckets or its epoch log, whichever is loaded. */
const phasesWithoutRows = t => view.phases.filter(ph =>
  !(store.steps.get(t.path)?.[ph]?.rows > 0 || store.logs.get(t.path)?.phases?.[ph]?.epoch?.length > 0));

/**
 * Why a metric's plot has no point, said in its place instead of an empty frame with made-up axes: the running trials
 * that have rows but none with it (waiting for their first val rows when those are what they lack: a program that
 * logs acc only in its val pass), or that no shown row has it. '' when the only trials are running ones with no row
 * at all: the waiting note above names them.
 */
function emptyPlotWords(metric, trials) {
  const running = trials.filter(t => t.state === 'running' && hasRows(t));
  if (!running.length) {
    return trials.some(t => t.state !== 'running' || hasRows(t)) ? `${metric}: no ${view.phases.join(' or ')} row of the shown trials has a value` : '';
  }
  const one = running.length === 1;
  const names = running.slice(0, 3).map(t => t.path).join(', ') + (running.length > 3 ? ` and ${running.length - 3} more` : '');
  const lacking = view.phases.filter(ph => running.some(t => phasesWithoutRows(t).includes(ph)));
  const what = lacking.length ? `first ${lacking.join(' and ')} rows` : `first rows with ${metric}`;
  return `${metric}: ${names} ${one ? 'is' : 'are'} running: waiting for ${one ? 'its' : 'their'} ${what}`;
}

/** Running trials of the selection that have written no row yet are named as waiting; returns how many. */
function renderWaiting(trials) {
  const { count, text } = waitingWords(trials);
  const el = document.getElementById('waiting');
  el.hidden = count === 0;
  el.textContent = text; // trial paths are text, never HTML
  return count;
}

function drawPlots(trials, colors) {
  const holder = document.getElementById('plots');
  renderWaiting(trials);
  const unplaced = document.getElementById('unplaced');
  unplaced.textContent = unplacedWords(trials, store.unplaced, view.x); // trial paths are text, never HTML
  unplaced.hidden = unplaced.textContent === '';
  const wanted = view.metrics.filter(m => store.metrics.has(m));
  const next = [];
  for (const el of holder.querySelectorAll('.plot-empty')) el.remove();
  const order = [];
  const all = new Map(wanted.map(metric => [metric, seriesFor(metric, trials, colors)]));
  store.xRange = sharedXRange(all.values());
  sayLinesEnd(all.values()); // a link's zoom past the end: the notice names where these lines end
  const note = document.getElementById('x-note');
  note.textContent = xNote(all.values());
  note.hidden = note.textContent === '';
  for (const metric of wanted) {
    const series = all.get(metric);
    // No point to draw: words in the plot's place (the waiting note above for trials with no row), not made-up axes.
    if (!hasPoints(series)) {
      const words = emptyPlotWords(metric, trials);
      if (words) {
        const el = document.createElement('div');
        el.className = 'waiting plot-empty';
        el.dataset.metric = metric;
        el.textContent = words; // trial paths and metric names are text, never HTML
        order.push(el);
      }
      continue;
    }
    const sig = signature(metric, series);
    const old = store.plots.find(p => p.metric === metric);
    if (old && old.sig === sig) {
      old.plot.hgSeries = series; // the x scale's range reads these (stepXScale)
      old.plot.setData(toPlotData(series).data);
      old.series = series; // what export writes
      next.push(old);
      order.push(old.el);
      continue;
    }
    if (old) { old.plot.destroy(); old.el.remove(); }
    const el = document.createElement('div');
    el.className = 'plot';
    el.dataset.metric = metric;
    holder.append(el);
    next.push({ metric, sig, el, plot: buildPlot(metric, series, el), series });
    el.append(figureButtons(metric));
    order.push(el);
  }
  // Grouped: each plot lists its groups under it, in their colours, whether or not the cursor is over it.
  const title = view.group ? groupNames().title : null;
  for (const p of next) renderGroupLegend(p.el, p.series, title);
  for (const p of store.plots) if (!next.includes(p)) { p.plot.destroy(); p.el.remove(); }
  for (const el of order) holder.append(el); // in the order of the chosen metrics
  store.plots = next;
  fitPlots();
}
