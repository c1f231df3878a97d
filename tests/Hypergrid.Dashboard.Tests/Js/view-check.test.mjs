// view-check.js: what a link asked for that the page cannot show is left out or clamped and said, in the page's words
// (its controls' names, never the CLI's options); what the study holds (leaves, trials, metrics) is checked once known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage, evaluate } from './page.mjs';
import { HOSTILE, trial } from './trials.mjs';

const notices = hash => { const page = loadPage({ hash }); return page.linkNotices(hash, page.view); };

test('a link of known values within range says nothing', () => {
  assert.deepEqual(notices(''), []);
  assert.deepEqual(notices('m=loss&x=step&ph=train,val&sm=0.5&g=1&b=range&rr=best&re=ci&rs=leaf&log=1&rl=1&q=lr%3D0.1&rm=val_loss&rk=lr&rp=sweep%2Fmnist&sort=lr&desc=1'), []);
  assert.deepEqual(notices('sm=0.50&g=0&b=std&rs=dataset'), []); // defaults written out, a number written otherwise
});

test('each value out of range or unknown is said with the control it sets and what the page shows instead', () => {
  const said = notices('sm=5&x=foo&b=wide&rr=zzz&re=1&rs=x');
  assert.deepEqual(said.map(s => s.slice(0, s.indexOf(':'))), ['smoothing', 'x', 'band', 'epochs', 'error bars', 'compare']); // in the link's order
  assert.deepEqual(notices('rs=x&log=yes&sm=5').map(s => s.slice(0, s.indexOf(':'))), ['compare', 'log y', 'smoothing']);
  assert.ok(said.find(s => s.startsWith('smoothing:')).includes('0.99'));
  assert.ok(said.find(s => s.startsWith('x:')).includes('epoch'));
});

test('phases the page does not draw are named as left out', () => {
  const said = notices('ph=train,bogus,val');
  assert.equal(said.length, 1);
  assert.match(said[0], /^phase: .*bogus/);
  assert.equal(notices('ph=').length, 0); // an empty list is the default
});

test('a key the page does not know is said to be left out, its text as it is', () => {
  const said = notices(`zz=1&${encodeURIComponent(HOSTILE)}=2`);
  assert.equal(said.length, 2);
  assert.ok(said.some(s => s.includes('zz')));
  assert.ok(said.some(s => s.includes(HOSTILE)));
});

const study = (over = {}) => ({
  leaves: new Set(['sweep/mnist/mlp/adam', 'sweep/mnist/cnn/adam']),
  trials: new Set(['sweep/mnist/mlp/adam/trial_000', 'sweep/mnist/cnn/adam/trial_000']),
  metrics: new Set(['loss', 'acc']),
  resultMetrics: ['val_loss', 'val_acc', 'train_loss', 'train_acc'],
  ...over,
});

test('leaves the study does not have are left out, and with none left every leaf is shown', () => {
  const page = loadPage({ hash: 'leaves=nope/x,sweep/mnist/mlp/adam' });
  const said = page.studyNotices.raw(page.view, study(), new Set(['leaves']));
  assert.deepEqual([...page.view.leaves], ['sweep/mnist/mlp/adam']);
  assert.equal(said.length, 1);
  assert.match(said[0], /^leaves: .*nope\/x/);
  const none = loadPage({ hash: 'leaves=nope/x' });
  const all = none.studyNotices.raw(none.view, study(), new Set(['leaves']));
  assert.equal(none.view.leaves, null);
  assert.match(all[0], /every leaf/);
});

test('hidden trials the study does not have are dropped and counted', () => {
  const page = loadPage({ hash: 'hide=a/b/c/d/trial_009,sweep/mnist/mlp/adam/trial_000,x/y' });
  const said = page.studyNotices.raw(page.view, study(), new Set(['hide']));
  assert.deepEqual([...page.view.hide], ['sweep/mnist/mlp/adam/trial_000']);
  assert.match(said[0], /^hidden trials: 2 /);
});

test('plot metrics no trial logs are left out; with none left the page draws the loss', () => {
  const page = loadPage({ hash: 'm=bogus,loss' });
  assert.match(page.studyNotices.raw(page.view, study(), new Set(['m']))[0], /^metrics: .*bogus/);
  assert.deepEqual([...page.view.metrics], ['loss']);
  const none = loadPage({ hash: 'm=bogus' });
  none.studyNotices.raw(none.view, study(), new Set(['m']));
  assert.deepEqual([...none.view.metrics], ['loss', 'acc']);
  const program = loadPage({ hash: 'm=bogus' });
  program.studyNotices.raw(program.view, study({ metrics: new Set(['bleu']) }), new Set(['m']));
  assert.deepEqual([...program.view.metrics], ['bleu']);
});

test('the Results metric and at best are clamped to the metrics the logs have, said when the link chose them', () => {
  const page = loadPage({ hash: 'rm=bogus&ra=nope' });
  const said = page.studyNotices.raw(page.view, study(), new Set(['rm', 'ra']));
  assert.equal(page.view.r.metric, 'val_acc');
  assert.equal(page.view.r.atBest, '');
  assert.equal(said.length, 2);
  assert.ok(said[0].startsWith('Results metric:') && said[0].includes('bogus'), said[0]);
  assert.ok(said[1].startsWith('at best:') && said[1].includes('nope'), said[1]);
});

test('the default Results metric follows a study without acc, silently (no link asked for it)', () => {
  const page = loadPage();
  const said = page.studyNotices.raw(page.view, study({ resultMetrics: ['val_loss', 'train_loss'] }), new Set());
  assert.equal(page.view.r.metric, 'val_loss');
  assert.equal(said.length, 0);
});

test('what is not known yet is not checked: nothing is dropped before the study says what it has', () => {
  const page = loadPage({ hash: 'leaves=nope/x&m=bogus&rm=bogus' });
  const said = page.studyNotices.raw(page.view, { leaves: null, trials: null, metrics: null, resultMetrics: null }, new Set(['leaves', 'm', 'rm']));
  assert.equal(said.length, 0);
  assert.deepEqual([...page.view.leaves], ['nope/x']);
  assert.equal(page.view.r.metric, 'bogus');
});

test('the server\'s words name the page\'s controls, not the command line\'s options', () => {
  const page = loadPage();
  const tooSmall = 'a figure of 8.5 x 6 cm at 8 pt has no room for its plot beside a legend of 100 entries; select fewer groups or give a larger width and height or a smaller font size (--width, --height, --font-size; width=, height=, font= in the API)';
  const said = page.pageWords(tooSmall);
  assert.ok(!said.includes('--') && !said.includes('API'), said);
  assert.ok(said.includes('the figure size select'), said);
  assert.equal(said.match(/figure size select/g).length, 1, said);
  // The API's own words for it, as the server now says them to the page (FigureWords.Api): the page's control too.
  const apiSaid = page.pageWords('a figure of 1 x 1 cm at 8 pt has no room for its plot; give a larger width and height or a smaller font size (width=, height=, font=)');
  assert.equal(apiSaid, 'a figure of 1 x 1 cm at 8 pt has no room for its plot; give a larger width and height or a smaller font size (the figure size select, the font size select)');
  assert.equal(page.pageWords('err=sem is not one of std, ci'), 'err=sem is not one of std, ci'); // a value given: a choice the page never sends, as it is
  assert.equal(page.pageWords('the error bars (err=) and adam@lr=, here'), 'the error bars (the error bars select) and adam@lr=, here');
  assert.equal(page.pageWords('--metric bogus is not a metric: write PHASE_COLUMN'), 'the metric select: bogus is not a metric: write PHASE_COLUMN');
  assert.equal(page.pageWords('--equivalence x is not a positive number'), 'the equivalence box: x is not a positive number');
  assert.equal(page.pageWords(HOSTILE), HOSTILE);
  assert.equal(page.pageWords('--frobnicate 3 is wrong'), '--frobnicate 3 is wrong'); // no control of the page: as it is
});

/** A document with what showLinkNotices and checkLinkMetrics touch: elements that keep what is set on them. */
const stubDocument = () => {
  const made = new Map();
  const element = () => ({ dataset: {}, hidden: true, children: [], append(...c) { this.children.push(...c); }, replaceChildren(...c) { this.children = c; } });
  return { getElementById: id => made.get(id) ?? made.set(id, element()).get(id), createElement: () => element() };
};

test('once the logs are loaded, a link\'s Results metric that a program logs is kept though the schema does not name it', () => {
  const page = loadPage({ hash: 'rm=val_bleu&ra=train_bleu', globals: { document: stubDocument() } });
  page.store.fromLink = new Set(['rm', 'ra']);
  page.store.schema = ['loss', 'acc'];
  page.store.trials = [trial('sweep/toy/net/sgd', 0, { seed: 0, command: 'python3 train.py' })];
  assert.equal(page.checkLinkStudy(), false); // the trial list alone: the schema does not name bleu, nothing is judged yet
  for (const m of ['loss', 'bleu', 'samples']) page.store.metrics.add(m);
  // The complete trial's log reports its metrics (POST /api/epochs): the Results may rank by those.
  for (const m of ['train_loss', 'train_bleu', 'val_loss', 'val_bleu']) page.store.reported.add(m);
  page.store.logs.set(page.store.trials[0].path, { phases: { train: { epoch: [1] } } });
  assert.equal(page.checkLinkMetrics(), false);
  assert.equal(page.view.r.metric, 'val_bleu');
  assert.equal(page.view.r.atBest, 'train_bleu');
});

test('once the logs are loaded, a link\'s Results metric no log has is replaced, said, and the link rewritten', () => {
  const document = stubDocument();
  const page = loadPage({ hash: 'rm=val_bogus', globals: { document } });
  page.store.fromLink = new Set(['rm']);
  page.store.schema = ['loss', 'acc'];
  page.store.metrics.add('loss');
  page.store.trials = [trial('sweep/toy/net/sgd', 0)];
  assert.equal(page.checkLinkMetrics(), false); // the step buckets alone name only what was asked: not yet judged
  page.store.logs.set('sweep/toy/net/sgd/trial_000', { phases: { train: { epoch: [1] } } });
  assert.equal(page.checkLinkMetrics(), true);
  assert.equal(page.view.r.metric, 'val_acc');
  assert.equal(document.getElementById('link-notice').hidden, false);
  assert.match(page.location.hash, /rm=val_acc/);
  assert.equal(page.checkLinkMetrics(), false); // once
});

test('the API\'s form of the page\'s choices (x=samples, band=range) reads as the control and its value; paths stay whole', () => {
  const page = loadPage();
  assert.equal(page.pageWords('x=samples needs batch_size in the config of sweep/a/b/adam@x=step/trial_000; draw x=step instead'),
    "x 'samples' needs batch_size in the config of sweep/a/b/adam@x=step/trial_000; draw x 'step' instead");
  assert.equal(page.pageWords('band=range is not drawn here'), "band 'range' is not drawn here");
  assert.equal(page.pageWords('x=bogus and lr=0.1'), 'x=bogus and lr=0.1'); // not a value of the control: as it is
});

test('a link opened on a step axis keeps a program\'s own metric while only the step buckets are loaded', () => {
  const page = loadPage({ hash: 'x=step&m=loss,bleu&rm=val_bleu', globals: { document: stubDocument() } });
  page.store.fromLink = new Set(['m', 'rm']);
  page.store.schema = ['loss', 'acc'];
  page.store.metrics.add('loss'); // what loadSteps asked for: the schema's metrics of the view
  assert.equal(page.checkLinkMetrics(), false);
  assert.deepEqual([...page.view.metrics], ['loss', 'bleu']);
  assert.equal(page.view.r.metric, 'val_bleu');
  page.store.metrics.add('bleu'); // the epoch logs name it
  page.store.logs.set('sweep/toy/net/sgd/trial_000', { phases: { train: { epoch: [1] } } });
  assert.equal(page.checkLinkMetrics(), false);
  assert.deepEqual([...page.view.metrics], ['loss', 'bleu']);
  assert.equal(page.view.r.metric, 'val_bleu');
});

test('names an object has by inheritance are no setting of the page nor a control', () => {
  const page = loadPage({ hash: 'constructor=1&toString=2&m=loss' });
  const said = page.linkNotices('constructor=1&toString=2&m=loss', page.view);
  assert.equal(said.length, 2, said.join('\n'));
  assert.ok(said[0].includes("'constructor' is not a setting") && said[1].includes("'toString' is not a setting"), said.join('\n'));
  assert.equal(page.pageWords('--constructor 3 is wrong'), '--constructor 3 is wrong');
  assert.equal(page.pageWords('(constructor=, toString=)'), '(constructor=, toString=)');
});

test('a link may sort by any column the study\'s trials can fill, though none is filled yet or the selection hides it', () => {
  const page = loadPage();
  const keys = page.sortableKeys([trial('sweep/toy/net/sgd', 0, { seed: 0, lr: 0.1 }, { state: 'running', final: null })]);
  for (const k of ['trial', 'state', 'val_acc', 'best_val_acc', 'val_loss', 'time_s', 'seed', 'lr']) assert.ok(keys.includes(k), k);
  assert.ok(!keys.includes('bogus'));
});

test('the Results offer only the metrics a loaded log holds in that phase, and a link\'s other one is replaced and said', () => {
  // The audit: a Python program's study was offered val_grad_norm, val_iter_* and val_lr (the schema's), and
  // rm=val_grad_norm stayed, though the report refuses it.
  const document = stubDocument();
  const page = loadPage({ hash: 'g=1&m=loss&rm=val_grad_norm&ra=val_lr', globals: { document } });
  page.store.fromLink = new Set(['rm', 'ra']);
  page.store.schema = ['loss', 'acc', 'grad_norm', 'lr'];
  for (const m of ['loss', 'acc', 'grad_norm']) page.store.metrics.add(m);
  for (const m of ['train_loss', 'train_acc', 'train_grad_norm', 'val_loss', 'val_acc']) page.store.reported.add(m);
  page.store.trials = [trial('sweep/toy/net/sgd', 0)];
  const offered = page.resultMetricNames(page.store.schema, page.store.metrics, page.store.reported);
  assert.deepEqual([...offered], ['val_loss', 'val_acc', 'train_loss', 'train_acc', 'train_grad_norm']);
  page.store.logs.set('sweep/toy/net/sgd/trial_000', { phases: { train: { epoch: [1] } } });
  assert.equal(page.checkLinkMetrics(), true);
  assert.equal(page.view.r.metric, 'val_acc');
  assert.equal(page.view.r.atBest, '');
  assert.match(page.location.hash, /rm=val_acc/);
  // Before any complete trial's log is known, the schema's list stands.
  assert.ok(page.resultMetricNames(['loss', 'lr'], new Set(['loss'])).includes('val_lr'));
});

// The audit's defect 10: the notes showed, but the address bar kept sm=5, an unknown key, a metric named twice or an
// empty x=, so the next copy of the link carried them again.
test('a link the page did not take as written is rewritten at once to what the page shows', () => {
  for (const hash of ['sm=5&x=step', 'zoom=1&m=loss', '%%%&&&=&x=', 'm=loss,loss,acc', 'x=', 'x=foo&b=wide']) {
    const page = loadPage({ hash });
    const said = page.openLink(hash, page.view);
    assert.ok(said.length > 0, `${hash}: said nothing`);
    const now = new URLSearchParams(page.location.hash.slice(1));
    assert.notEqual(page.location.hash, '#' + hash, `${hash}: the URL kept it`);
    for (const k of now.keys()) assert.ok(Object.hasOwn(page.LINK_KEYS, k), `${hash}: kept the key ${k}`);
    assert.ok(!now.has('sm') || Number(now.get('sm')) <= 0.99, `${hash}: kept sm=${now.get('sm')}`);
    const metrics = now.get('m').split(',');
    assert.equal(new Set(metrics).size, metrics.length, `${hash}: kept m=${now.get('m')}`);
    // x only as a choice the link made (sm=5&x=step); a default is not written as one (default-axis.test.mjs).
    assert.ok(!now.has('x') || page.X_AXES.includes(now.get('x')), `${hash}: kept x=${now.get('x')}`);
    // What is read back from the rewritten URL says nothing more.
    const again = loadPage({ hash: page.location.hash.slice(1) });
    assert.deepEqual(again.linkNotices(page.location.hash.slice(1), again.view), [], `${hash}: the rewritten URL is still noted`);
  }
});

test('a link the page takes as written is left as it is', () => {
  const hash = 'm=loss&x=step&sm=0.5';
  const page = loadPage({ hash });
  assert.deepEqual(page.openLink(hash, page.view), []);
  assert.equal(page.location.hash, '#' + hash);
});

test('an empty x and a metric named twice are said', () => {
  assert.match(notices('x=').join(' '), /^x: '' is not one of epoch/);
  assert.match(notices('m=loss,loss,acc').join(' '), /metrics: 'loss' named more than once: drawn once/);
});

// The review: a page opened during a sweep's first epoch loaded only running trials' train rows, so no val metric was
// reported; the check ran once and put the Results on train_loss for the whole session (and dropped a link's rm=val_acc).
test('a link\'s Results metric is judged only once a finished trial\'s log is loaded, not from running trials\' first rows', () => {
  const page = loadPage({ hash: 'rm=val_acc', globals: { document: stubDocument() } });
  page.store.fromLink = new Set(['rm']);
  page.store.schema = ['loss', 'acc'];
  for (const m of ['loss', 'acc']) page.store.metrics.add(m);
  for (const m of ['train_loss', 'train_acc']) page.store.reported.add(m); // a first epoch: train rows only
  const running = trial('sweep/toy/net/sgd', 0, {}, { state: 'running' });
  page.store.trials = [running];
  page.store.logs.set(running.path, { phases: { train: { epoch: [1] } } });
  assert.equal(page.checkLinkMetrics(), false);
  assert.equal(page.view.r.metric, 'val_acc');
  // The trial completes: its log, with its val rows, is loaded; now the link is judged (and kept).
  page.store.trials = [{ ...running, state: 'complete' }];
  for (const m of ['val_loss', 'val_acc']) page.store.reported.add(m);
  assert.equal(page.checkLinkMetrics(), false);
  assert.equal(page.view.r.metric, 'val_acc');
  assert.equal(page.store.metricsChecked, true);
});

// The audit 4's defect 11: the note for sort=nope listed the hidden data column, and sort=data was kept with no note
// in a study of programs' trials (no data source: the column is hidden).
test('a link may not sort by a column the table hides for every trial of the study: it is said, and not offered', () => {
  const programs = [0, 1].map(i => trial('experiment/toy/net/sgd', i, { seed: i }, { dataSource: null }));
  for (const [sort, gone] of [['data', true], ['nope', true], ['seed', false]]) {
    const page = loadPage({ hash: `sort=${sort}` });
    const said = [];
    vmSet(page, 'showLinkNotices', s => said.push(...s));
    page.store.fromLink = new Set(['sort']);
    assert.equal(page.linkChoiceGone('sort', sort, page.sortableKeys(programs), 'unsorted'), gone, sort);
    assert.ok(!said.some(s => /is not one of .*\bdata\b/.test(s)), `${sort}: ${said.join(' ')}`);
    assert.equal(said.length, gone ? 1 : 0, sort);
  }
  const builtIn = [trial('experiment/mnist/mlp/sgd', 0, { seed: 0 }, { dataSource: 'mnist sample' })];
  assert.ok(loadPage().sortableKeys(builtIn).includes('data'));
});

/** Replaces a page's function by one of the test's (a DOM-free stand-in). */
function vmSet(page, name, fn) { page.window[name] = fn; evaluateSet(page, name); }
function evaluateSet(page, name) { evaluate(page, `${name} = window.${name}`); }
