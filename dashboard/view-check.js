'use strict';
// Hypergrid dashboard, a link's values checked: what a shared, hand-edited or old link asks for that the page cannot
// show is clamped or left out, and said in the page's words (its controls' names). Values of fixed choices are checked
// as the view is read (linkNotices); the leaves, trials and metrics a link names once the study says what it has
// (studyNotices). The server's refusals are put in the page's words too (pageWords).

/** The fixed choices of the view's URL keys: readView keeps a value only when it is one of these. */
const X_AXES = ['epoch', 'batch', 'time', 'step', 'samples', 'epochf'];
const BANDS = ['std', 'range'];
const REDUCES = ['final', 'best'];
const ERROR_BARS = ['std', 'ci'];
const SCOPES = ['dataset', 'leaf', 'mode', 'all'];

/** Each URL key, as the control that sets it is labelled on the page. */
const LINK_KEYS = {
  leaves: 'leaves', hide: 'hidden trials', m: 'metrics', x: 'x', ph: 'phase', log: 'log y', sm: 'smoothing',
  g: 'group by all but seed', b: 'band', q: 'filter', sort: 'table sort', desc: 'table sort', rm: 'Results metric',
  rr: 'epochs', ra: 'at best', rk: 'scatter x', re: 'error bars', rs: 'compare', rp: 'plot section', rl: 'point labels',
  from: 'zoom', to: 'zoom',
};

/** A value from a link as a notice shows it: quoted, and cut when long (it is written as text, never as markup). */
const quoted = v => `'${v.length > 60 ? v.slice(0, 60) + '…' : v}'`;

/** The end of the sentence that a link's zoom past the axis's end was left out with. */
const PAST_END = 'is past the end of the x axis: not zoomed, the whole axis shown';

/**
 * The notices with the sentence of a zoom past the end (PAST_END) told where the drawn lines end ("(the lines end at
 * 1024)"), from the plots' series (one list of lines per plot); as they were while no line has a point.
 */
function linesEndWords(said, plotsSeries) {
  let hi = -Infinity;
  for (const series of plotsSeries) { const e = xExtent(series); if (e.hi > hi) hi = e.hi; }
  if (!Number.isFinite(hi)) return said;
  return said.map(s => (s.endsWith(PAST_END) ? `${s} (the lines end at ${Number.isInteger(hi) ? hi : Number(hi.toPrecision(6))})` : s));
}

/**
 * What the view read from this hash left out or changed, one sentence per URL key in the link's order: "control:
 * 'value' is not …: what the page shows instead". Values of the study (leaves, metrics, sections) are checked later,
 * by studyNotices.
 */
function linkNotices(hash, view) {
  const p = new URLSearchParams(hash), said = [], say = (k, text) => said.push([k, text]);
  const choice = (k, known, now) => {
    if (p.has(k) && p.get(k) !== now) say(k, `${LINK_KEYS[k]}: ${quoted(p.get(k))} is not one of ${known.join(', ')}: ${now}`);
  };
  for (const k of new Set(p.keys())) if (!Object.hasOwn(LINK_KEYS, k)) say(k, `${quoted(k)} is not a setting of this page: left out`);
  // An x the page did not take leaves the axis to the page's default (by step for a short study), not a choice of epoch.
  choice('x', X_AXES, view.xChosen ? view.x : 'the default axis (by step for a study of three epochs or fewer)');
  choice('b', BANDS, view.band);
  choice('rr', REDUCES, view.r.reduce);
  choice('re', ERROR_BARS, view.r.err);
  choice('rs', SCOPES, view.r.scope);
  const sm = p.get('sm');
  if (sm !== null && sm !== '' && Number(sm) !== view.smooth) say('sm', `smoothing: ${quoted(sm)} is not from 0 to 0.99: ${view.smooth}`);
  for (const k of ['log', 'g', 'desc', 'rl']) {
    const v = p.get(k);
    if (v !== null && v !== '' && v !== '0' && v !== '1') say(k, `${LINK_KEYS[k]}: ${quoted(v)} is not 1 (on) or 0 (off): off`);
  }
  const from = p.get('from') ?? '', to = p.get('to') ?? '', zoomKey = p.has('from') ? 'from' : 'to';
  if ((p.has('from') || p.has('to')) && !view.zoom) {
    say(zoomKey, !ZOOM_AXES.has(view.x) ? `zoom: only the epoch, step, samples and epochf axes zoom (x is ${view.x}): not zoomed`
      // Past what the server takes (zoomMax): not its limit named (9007199254740992 means nothing to a reader) but,
      // once lines are drawn, where they end (linesEndWords).
      : Number(to) > zoomMax(view.x) && Number(from) < Number(to)
        ? `zoom: to=${quoted(to)} ${PAST_END}`
        : `zoom: from=${quoted(from)} to=${quoted(to)} is not a range of the x axis (two numbers, from < to, in its units): not zoomed`);
  } else if (view.zoom && (view.zoom[0] !== Number(from) || view.zoom[1] !== Number(to))) {
    // A start before the axis's 0 (from=-5): the server asks from 0, so the link says 0 too.
    say(zoomKey, `zoom: from=${quoted(from)} is before the start of the x axis: from=${view.zoom[0]}`);
  }
  const twice = p.has('m') ? [...new Set(splitList(p.get('m')).filter((m, i, all) => all.indexOf(m) !== i))] : [];
  if (twice.length) say('m', `metrics: ${twice.map(quoted).join(', ')} named more than once: drawn once`);
  const phases = p.has('ph') ? splitList(p.get('ph')).filter(ph => !view.phases.includes(ph)) : [];
  if (phases.length) say('ph', `phase: ${phases.map(quoted).join(', ')} not drawn (the phases are ${PHASES.join(', ')}): left out`);
  const order = [...p.keys()]; // in the link's order
  return said.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])).map(([, text]) => text);
}

/**
 * What the link asked for that the page left out or changed as the view was read (linkNotices); when anything was,
 * the URL is rewritten at once to what the page shows, so the address bar never keeps a value the page did not take
 * (sm=5, an unknown key) for the next copy of the link.
 */
function openLink(hash, view) {
  const said = linkNotices(hash, view);
  if (said.length) writeView();
  return said;
}

/**
 * Clamps the view to what the study has and says what it left out, for the keys a link set (fromLink): leaves and
 * hidden trials it does not have, plot metrics no loaded log has, a Results metric or at best the logs lack (the default
 * Results metric follows the study silently: val_acc, else val_loss, else the first). A known set that is null is not
 * known yet and not checked. Returns the sentences; view is changed in place.
 */
function studyNotices(view, known, fromLink) {
  const said = [];
  if (known.leaves && view.leaves) {
    const gone = [...view.leaves].filter(l => !known.leaves.has(l));
    if (gone.length) {
      const kept = [...view.leaves].filter(l => known.leaves.has(l));
      view.leaves = kept.length ? new Set(kept) : null;
      said.push(`leaves: ${gone.map(quoted).join(', ')} not in this study: left out` + (kept.length ? '' : ', every leaf shown'));
    }
  }
  if (known.trials && view.hide.size) {
    const gone = [...view.hide].filter(t => !known.trials.has(t));
    if (gone.length) {
      view.hide = new Set([...view.hide].filter(t => known.trials.has(t)));
      said.push(`hidden trials: ${gone.length} not in this study (${gone.slice(0, 3).map(quoted).join(', ')}${gone.length > 3 ? ', …' : ''}): left out`);
    }
  }
  if (known.metrics && known.metrics.size && fromLink.has('m')) {
    const gone = view.metrics.filter(m => !known.metrics.has(m));
    if (gone.length) {
      const kept = view.metrics.filter(m => known.metrics.has(m));
      const usual = ['loss', 'acc'].filter(m => known.metrics.has(m));
      view.metrics = kept.length ? kept : usual.length ? usual : [[...known.metrics].sort()[0]];
      said.push(`metrics: ${gone.map(quoted).join(', ')} logged by no trial shown: left out` + (kept.length ? '' : `, ${view.metrics.join(', ')} drawn`));
    }
  }
  if (known.resultMetrics && known.resultMetrics.length) {
    const has = m => known.resultMetrics.includes(m);
    if (!has(view.r.metric)) {
      const was = view.r.metric;
      view.r.metric = ['val_acc', 'val_loss'].find(has) ?? known.resultMetrics[0];
      if (fromLink.has('rm')) said.push(`Results metric: ${quoted(was)} is not a metric the logs have: ${view.r.metric}`);
    }
    if (view.r.atBest && !has(view.r.atBest)) {
      said.push(`at best: ${quoted(view.r.atBest)} is not a metric the logs have: off`);
      view.r.atBest = '';
    }
  }
  return said;
}

/** What the page calls the control each command-line option of the server's words sets. */
const PAGE_CONTROLS = {
  width: 'the figure size select', height: 'the figure size select', 'font-size': 'the font size select',
  metric: 'the metric select', 'at-best': 'the at best select', equivalence: 'the equivalence box', key: 'the scatter x select',
  'error-bars': 'the error bars select', section: 'the plot section select', band: 'the band select', x: 'the x select',
  smooth: 'the smoothing slider',
};

/** The API's parameters whose names differ from the command line's options (FigureWords.ApiNames). */
const API_PARAMETERS = { font: 'font-size', err: 'error-bars', logx: 'log-x', logy: 'log-y' };

/**
 * The server's words (a figure or report it refused) as the page says them: each command-line option the page has a
 * control for named as that control (a message's opening "--metric bogus …" as "the metric select: bogus …"), the
 * API's own names for them left out or, for the x axis and the band, written as the control and its value (x
 * 'samples'), each control named once in a list. Other text as it is.
 */
function pageWords(text) {
  const control = name => (Object.hasOwn(PAGE_CONTROLS, name) ? PAGE_CONTROLS[name] : undefined);
  let out = text.replace(/;[^;()]*\bin the API\b/g, '');
  // The API's own form of a choice the page makes (x=samples, band=range) as the page's control and value: x 'samples';
  // only at a word's start and with a value the control has, so a path holding adam@x=step stays as it is.
  out = out.replace(/(^|\s)(x|band)=([a-z]+)\b/g, (m, before, key, value) =>
    ((key === 'x' ? X_AXES : [...BANDS, 'none']).includes(value) ? `${before}${key} '${value}'` : m));
  // The API's name of a parameter alone ("(width=, height=, font=)", FigureWords.Api) as the page's control; a name with
  // a value, or inside a word (adam@lr=), stays as it is.
  out = out.replace(/(^|[\s(,])([a-z][a-z-]*)=(?=[,)]|$)/g, (m, before, name) => {
    const c = control(Object.hasOwn(API_PARAMETERS, name) ? API_PARAMETERS[name] : name);
    return c ? before + c : m;
  });
  out = out.replace(/^--([a-z][a-z-]*) /, (m, name) => (control(name) ? `${control(name)}: ` : m));
  out = out.replace(/--([a-z][a-z-]*)/g, (m, name) => control(name) ?? m);
  // "(the figure size select, the figure size select, …)": each control once.
  return out.replace(/\(([^()]*)\)/g, (m, inner) => `(${[...new Set(inner.split(/,\s*/))].join(', ')})`);
}

// ---- on the page ----------------------------------------------------------------------------------
/** The sentences shown so far, above the plots, each once. */
const linkSaid = [];

/** Shows what a link asked for that the page left out or changed (as text), with a button that puts the notice away. */
function showLinkNotices(said) {
  const fresh = said.filter(s => !linkSaid.includes(s));
  if (!fresh.length) return;
  linkSaid.push(...fresh);
  renderLinkNotices();
}

/** Once lines are drawn: a zoom past the end's notice says where they end (linesEndWords), shown again when it changed. */
function sayLinesEnd(plotsSeries) {
  if (!linkSaid.some(s => s.endsWith(PAST_END))) return;
  const now = linesEndWords(linkSaid, plotsSeries);
  if (now === linkSaid) return;
  linkSaid.splice(0, linkSaid.length, ...now);
  renderLinkNotices();
}

/** The notice box: every sentence said so far (as text), with a button that puts it away. */
function renderLinkNotices() {
  const box = document.getElementById('link-notice');
  const list = document.createElement('ul');
  for (const s of linkSaid) { const li = document.createElement('li'); li.textContent = s; list.append(li); }
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'dismiss';
  close.onclick = () => { box.hidden = true; };
  box.replaceChildren('This link asks for what the page cannot show; it shows instead:', list, close);
  box.hidden = false;
}

/** Checks the link against what the study has now (each part once it is known); the URL is rewritten when it changed. */
function checkLink(known) {
  const said = studyNotices(view, known, store.fromLink ?? new Set());
  if (said.length) { writeView(); showLinkNotices(said); }
  return said.length > 0;
}

/** Once the trial list has trials: the link's leaves and hidden trials. */
function checkLinkStudy() {
  if (store.studyChecked || !store.trials.length) return false;
  store.studyChecked = true;
  return checkLink({ leaves: new Set(store.trials.map(leafOf)), trials: new Set(store.trials.map(t => t.path)), metrics: null, resultMetrics: null });
}

/**
 * Once some epoch log is loaded: the link's plot metrics, Results metric and at best (the schema's metrics and the
 * columns the logs have: a program's own val_bleu is one, though the built-in schema does not name it).
 */
function checkLinkMetrics() {
  // Not from the step buckets alone: they hold only the metrics the view asked for, so a link's own (a program's bleu)
  // would be judged missing before any log could name it.
  if (store.metricsChecked || !store.metrics.size || !store.logs.size) return false;
  // Nor before a finished trial's log is loaded: while every loaded log is a running trial's first epoch (train rows
  // only), no val metric is reported yet, and the Results metric (val_acc, or the link's rm=) would be dropped for good.
  if (!store.trials.some(t => t.state !== 'running' && store.logs.has(t.path))) return false;
  store.metricsChecked = true;
  const metrics = new Set([...store.metrics].filter(m => !X_ONLY.has(m)));
  const resultMetrics = resultMetricNames(store.schema, metrics, store.reported);
  const changed = checkLink({ leaves: null, trials: null, resultMetrics, metrics });
  if (changed) document.getElementById('metrics').dataset.known = ''; // its checkboxes ticked anew
  return changed;
}

/**
 * A choice the link made among what only the data knows (scatter x, plot section, table sort) that is not there: said
 * once (the first time the data is known). Returns whether it was said: the caller changes the view and the URL.
 */
function linkChoiceGone(k, was, known, now) {
  if (!store.fromLink?.has(k)) return false;
  store.fromLink.delete(k);
  if (!was || known.includes(was)) return false;
  showLinkNotices([`${LINK_KEYS[k]}: ${quoted(was)} is not one of ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''}: ${now || 'none'}`]);
  return true;
}
