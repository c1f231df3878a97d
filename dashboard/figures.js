'use strict';
// Hypergrid dashboard, figures: a plot's current view as a vector figure for a paper (SVG, PDF or pgfplots with its
// data), drawn by the server (GET /api/figure) with the code `hypergrid plot` uses.

const FIGURE_AXES = new Set(['epoch', 'step', 'samples', 'epochf']);

/**
 * The size chosen above the plots (the figure size and font size selects, index.html) as the request's width=, height=
 * and font= (the options of `hypergrid plot`: --width, --height, --font-size; its defaults when the page has none).
 */
function setFigureSize(p) {
  const [width, height] = (document.getElementById('fig-size')?.value || '8.5cm,6cm').split(',');
  p.set('width', width); p.set('height', height);
  p.set('font', document.getElementById('fig-font')?.value || '8');
}

/**
 * The figure request for a metric's plot as it is now: the trials it draws (over the line limit, the table's first rows
 * of the selection, not all of it) with each one's place in the colour rule among the whole selection (shade=, so the
 * figure has the page's colours), phases, axis, grouping, band, zoom, size.
 */
function figureUrl(metric, format) {
  const p = new URLSearchParams();
  const selection = selected(), places = colorPlaces(selection);
  for (const t of store.drawn ?? selection) {
    const place = places.get(t.path);
    if (!place) continue; // drawn before the selection changed: the next draw asks again
    p.append('trial', t.path);
    p.append('shade', place.join('.'));
  }
  p.set('metric', metric);
  p.set('phase', view.phases.filter(ph => ph === 'train' || ph === 'val').join(',') || 'train');
  p.set('x', view.x);
  if (view.group) p.set('group', '1');
  p.set('band', view.group ? view.band : 'none');
  if (view.log) p.set('logy', '1');
  if (view.smooth) p.set('smooth', String(view.smooth));
  // The zoom as dragged, in the axis's units: the server maps it to each trial's steps as it does for the page.
  if (zoomable() && view.zoom) { p.set('from', String(view.zoom[0])); p.set('to', String(view.zoom[1])); }
  setFigureSize(p);
  p.set('format', format);
  return '/api/figure?' + p.toString();
}

/** Under a plot: download it as SVG, PDF or pgfplots (the server says in words when it cannot). */
function figureButtons(metric) {
  const row = document.createElement('div');
  row.className = 'figure-row muted';
  const ok = FIGURE_AXES.has(view.x);
  return appendFigureButtons(row, {
    disabled: !ok,
    title: name => ok ? `this plot as ${name} for a paper (size chosen above)` : 'figures are drawn by epoch, step, samples seen or epoch (every batch)',
    url: format => figureUrl(metric, format),
    name: format => `${metric}-${view.x}.${format}`,
  });
}

/**
 * The one figure button row (SVG, PDF, pgfplots), for a plot and for the Results: each button downloads url(format)
 * as name(format), both asked at the click; the note after them takes the server's words, as text, when it cannot draw.
 */
function appendFigureButtons(row, { title, url, name, disabled = false }) {
  row.append('figure: ');
  for (const [format, label] of [['svg', 'SVG'], ['pdf', 'PDF'], ['tex', 'pgfplots']]) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.dataset.format = format;
    button.disabled = disabled;
    button.title = title(label);
    button.onclick = () => download(url(format), name(format), row);
    row.append(button, ' ');
  }
  const note = document.createElement('span');
  note.className = 'figure-note';
  row.append(note);
  return row;
}

/** Fetches a figure and saves it under this name; when the server cannot draw it, its words go in the row's note, as text. */
async function download(url, name, row) {
  const note = row.querySelector('.figure-note');
  note.textContent = '';
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) { note.textContent = pageWords(await res.text()); return; } // the server's words, as text, naming the page's controls
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = name.replace(/[^A-Za-z0-9._-]/g, '_');
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The Results chart as a figure: the report asked now, its shown section, scatter key and error bars, the size chosen above. */
function resultsFigureUrl(format) {
  const p = new URLSearchParams(reportQuery());
  if (view.r.section) p.set('section', view.r.section);
  if (view.r.key) p.set('key', view.r.key);
  p.set('err', view.r.err === 'ci' ? 'ci' : 'std');
  setFigureSize(p);
  p.set('format', format);
  return '/api/report-figure?' + p.toString();
}

/** The Results' figure buttons (SVG, PDF, pgfplots); the server's words, as text, when it cannot draw. */
function wireResultsFigure() {
  const row = document.getElementById('r-figure');
  if (!row || row.childElementCount) return;
  appendFigureButtons(row, {
    title: name => `the scatter (group means with their error bars, the best ringed) as ${name} for a paper`,
    url: resultsFigureUrl,
    name: format => `results-${view.r.metric}.${format}`,
  });
}
