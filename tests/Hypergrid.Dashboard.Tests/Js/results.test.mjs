// results.js: how a section's table names its rows and which keys the scatter's x may be (the server's answer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial } from './trials.mjs';

const page = loadPage();
const group = (leaf, values) => ({ leaf, values });

test('a section\'s rows are named by their keys when those tell them apart, without a leaf column', () => {
  const groups = [group('sweep/mnist/mlp/adam', { lr: 0.1 }), group('sweep/mnist/mlp/adam', { lr: 0.01 })];
  assert.equal(page.needsLeafColumn(groups), false);
});

test('a section gets a leaf column when its keys do not tell rows apart, or it has no key', () => {
  assert.equal(page.needsLeafColumn([group('sweep/mnist/mlp/adam', { lr: 0.1 }), group('sweep/mnist/cnn/adam', { lr: 0.1 })]), true);
  assert.equal(page.needsLeafColumn([group('sweep/mnist/mlp/adam', {}), group('sweep/mnist/cnn/adam', {})]), true);
  assert.equal(page.needsLeafColumn([group('sweep/mnist/mlp/adam', {})]), true);
});

test('a key missing from one group tells it apart from a group holding any value of it', () => {
  // The missing mark is not a value a config can hold: "", "null" or a control character do not read as missing.
  for (const value of ['', null, 'null', '\u0002', '\u0001']) {
    const groups = [group('a', { lr: 0.1, opt: value }), group('b', { lr: 0.1 })];
    assert.equal(page.needsLeafColumn(groups), false, JSON.stringify(value));
  }
});

test('values holding the separator do not make two rows read alike', () => {
  const groups = [group('a', { k1: 'a\u0001b', k2: 'c' }), group('b', { k1: 'a', k2: 'b\u0001c' })];
  assert.equal(page.needsLeafColumn(groups), false);
});

test('the scatter\'s x keys are the server\'s answer (section.scatter_keys), in its order: the page decides none', () => {
  // Numeric groups, but the server offers the words: the page takes what it is told (ResultsFigure.ScatterKeys decides).
  const groups = [group('a', { lr: 0.1, opt: 'adam' }), group('a', { lr: 0.01, opt: 'sgd' })];
  assert.deepEqual(page.scatterKeys({ groups, scatter_keys: ['opt', 'lr'] }), ['opt', 'lr']);
  assert.deepEqual(page.scatterKeys({ groups }), []);
  assert.deepEqual(page.scatterKeys(undefined), []);
});

/** A page whose equivalence box holds this text (none: no box). */
const withMargin = (hash, margin) => loadPage({ hash, globals: { document: { getElementById: id => (id === 'r-equivalence' && margin !== undefined ? { value: margin } : null) } } });

test('the Results ask for the metric, reduction and scope, and only the leaves ticked', () => {
  const page = withMargin('rm=val_loss&rr=best&rs=leaf&leaves=sweep/mnist/mlp/adam');
  assert.deepEqual([...new URLSearchParams(page.reportQuery())], [['metric', 'val_loss'], ['reduce', 'best'], ['scope', 'leaf'], ['leaf', 'sweep/mnist/mlp/adam']]);
});

test('with a filter or hidden trials the Results ask for the complete trials of the selection by number', () => {
  const leaf = 'sweep/mnist/mlp/adam';
  const page = withMargin('q=lr%3D0.1&hide=sweep/mnist/mlp/adam/trial_002', ' 0.01 ');
  page.store.trials = [trial(leaf, 0, { lr: 0.1 }), trial(leaf, 1, { lr: 0.1 }, { state: 'running' }),
    trial(leaf, 2, { lr: 0.1 }), trial(leaf, 3, { lr: 0.1 }, { state: 'other-code' }), trial(leaf, 4, { lr: 0.2 })];
  const q = Object.fromEntries(new URLSearchParams(page.reportQuery()));
  assert.deepEqual([q.trials, q.equivalence], [`${leaf}:0,3`, '0.01']);
});

test('without a filter the Results ask for no trial list, and a blank margin is no margin', () => {
  const page = withMargin('', '   ');
  page.store.trials = [trial('sweep/mnist/mlp/adam', 0)];
  const q = new URLSearchParams(page.reportQuery());
  assert.deepEqual([q.has('trials'), q.has('equivalence'), q.has('leaf')], [false, false, false]);
});

test('hidden trials alone make the Results ask for the rest by number', () => {
  const leaf = 'sweep/mnist/mlp/adam';
  const page = withMargin('hide=sweep/mnist/mlp/adam/trial_001');
  page.store.trials = [trial(leaf, 0), trial(leaf, 1), trial(leaf, 2)];
  assert.equal(new URLSearchParams(page.reportQuery()).get('trials'), `${leaf}:0,2`);
});

test('the scatter pads its x as the Results figure does: no point on the frame, numbers, decades or categories', () => {
  const pad = 0.05;
  for (const values of [[16, 32, 64], [0.01, 0.1, 2]]) {
    const axis = page.axisOf.raw(values);
    const [first, last] = [Math.min(...values), Math.max(...values)].map(v => page.scatterAt(axis, axis.pos(v)));
    assert.ok(Math.abs(first - pad / (1 + 2 * pad)) < 1e-12 && Math.abs(1 - last - pad / (1 + 2 * pad)) < 1e-12, `${values}: ${first}, ${last}`);
  }
  // Categories sit in the middle of equal steps, half a step from each side, as the figure's -0.5 to n-0.5.
  const cats = page.axisOf.raw(['adam', 'sgd', 'rmsprop', 'adam']);
  assert.deepEqual(['adam', 'sgd', 'rmsprop'].map(c => page.scatterAt(cats, cats.pos(c))), [1 / 6, 3 / 6, 5 / 6]);
  assert.equal(page.scatterAt(page.axisOf.raw([7, 7]), 0.5), 0.5);
  assert.equal(page.scatterAt(cats, null), null);
});

test('the scatter\'s y title says n=1 when no group has an error bar, and the bars otherwise', () => {
  const one = [{ mean: 0.9, std: null }, { mean: 0.8, std: null }];
  assert.equal(page.scatterYTitle('val_acc', 'std', one), 'val_acc (one seed each, n=1: no error bars)');
  assert.equal(page.scatterYTitle('val_acc', 'ci', one), 'val_acc (one seed each, n=1: no error bars)');
  const some = [{ mean: 0.9, std: 0.01, ci_low: 0.88, ci_high: 0.92 }, { mean: 0.8, std: null }];
  assert.equal(page.scatterYTitle('val_acc', 'std', some), 'val_acc (± std)');
  assert.equal(page.scatterYTitle('val_acc', 'ci', some), 'val_acc (95% CI)');
});

test('the scatter x choice is shown only when a scatter is drawn and it has a key to offer', () => {
  assert.equal(page.scatterChoiceShown([group('a', { lr: 0.1 })], ['lr']), false); // one group: its values in words
  assert.equal(page.scatterChoiceShown([group('a', {}), group('b', {})], []), false); // leaves alone tell them apart
  assert.equal(page.scatterChoiceShown([group('a', { lr: 0.1 }), group('a', { lr: 0.01 })], ['lr']), true);
});
