// axes.js: the x axes at step resolution (what one train step is on each), the x axis's words, and the URL's values
// clamped to ones the page can draw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial } from './trials.mjs';

const leaf = 'sweep/mnist/mlp/adam';
const withX = x => { const page = loadPage(); page.view.x = x; return page; };

test('xLabel says samples seen are logged only when every line logged them', () => {
  const page = withX('samples');
  assert.equal(page.xLabel([{ logged: true }, { logged: true }]), 'samples seen (logged)');
  assert.equal(page.xLabel([{ logged: true }, { logged: false }]), 'samples seen');
  assert.equal(page.xLabel([{ logged: false }]), 'samples seen (train steps × batch size)');
  assert.equal(page.xLabel([]), 'samples seen (train steps × batch size)');
});

test('xLabel names every other axis with its unit, whatever the lines logged', () => {
  const expected = { epoch: 'epoch', batch: 'batch (train batches done)', time: 'time (s)', step: 'train step (train batches done)',
    epochf: 'epoch (train steps ÷ batches per epoch)' };
  for (const [x, words] of Object.entries(expected)) assert.equal(withX(x).xLabel([{ logged: true }]), words, x);
});

test('knownPhases keeps the page\'s phases once each, in the order asked', () => {
  const page = loadPage();
  assert.deepEqual(page.knownPhases(['val', 'train', 'val']), ['val', 'train']);
  assert.deepEqual(page.knownPhases(['test']), ['test']);
});

test('knownPhases leaves out unknown phases and falls back to train and val when none is left', () => {
  const page = loadPage();
  assert.deepEqual(page.knownPhases(['val', 'foo', '__proto__', 'constructor']), ['val']);
  assert.deepEqual(page.knownPhases(['foo']), ['train', 'val']);
  assert.deepEqual(page.knownPhases([]), ['train', 'val']);
});

test('clampNumber holds a number within its range and gives the default for a non-number', () => {
  const page = loadPage();
  assert.equal(page.clampNumber('5', 0, 0.99, 0), 0.99);
  assert.equal(page.clampNumber('-1', 0, 0.99, 0), 0);
  assert.equal(page.clampNumber('0.5', 0, 0.99, 0), 0.5);
  for (const bad of [null, undefined, '', 'abc', 'NaN', 'Infinity', '-Infinity', '1e999']) assert.equal(page.clampNumber(bad, 0, 0.99, 0.25), 0.25, String(bad));
});

test('oneOf keeps a known value and gives the default for any other', () => {
  const page = loadPage();
  assert.equal(page.oneOf('ci', ['std', 'ci'], 'std'), 'ci');
  for (const bad of [null, '', 'CI', 'constructor', 'toString']) assert.equal(page.oneOf(bad, ['std', 'ci'], 'std'), 'std', String(bad));
});

test('a URL\'s smoothing out of range is clamped into 0 to 0.99', () => {
  assert.equal(loadPage({ hash: 'sm=5' }).view.smooth, 0.99);
  assert.equal(loadPage({ hash: 'sm=-3' }).view.smooth, 0);
  assert.equal(loadPage({ hash: 'sm=abc' }).view.smooth, 0);
  assert.equal(loadPage({ hash: 'sm=0.6' }).view.smooth, 0.6);
});

test('a URL\'s unknown x axis, phases and Results choices open on the defaults', () => {
  const view = loadPage({ hash: 'x=foo&ph=nope&rr=worst&re=sem&rs=galaxy&b=iqr' }).view;
  assert.deepEqual([view.x, [...view.phases], view.r.reduce, view.r.err, view.r.scope, view.band], ['epoch', ['train', 'val'], 'final', 'std', 'dataset', 'std']);
});

test('a URL\'s known values are kept as they are', () => {
  const view = loadPage({ hash: 'x=samples&ph=val,test&rr=best&re=ci&rs=leaf&b=range&g=1&log=1' }).view;
  assert.deepEqual([view.x, [...view.phases], view.r.reduce, view.r.err, view.r.scope, view.band, view.group, view.log],
    ['samples', ['val', 'test'], 'best', 'ci', 'leaf', 'range', true, true]);
});

test('a view written to the URL reads back the same', () => {
  const page = loadPage({ hash: 'x=epochf&ph=val&sm=0.3&g=1&b=range&q=lr%3D0.1&sort=val_acc&desc=1&rr=best&re=ci&rs=mode&rl=1&hide=a/b&leaves=x/y/z/w' });
  page.writeView();
  const again = loadPage({ hash: page.location.hash.slice(1) }).view;
  const shape = v => JSON.stringify({ ...v, leaves: [...v.leaves ?? []], hide: [...v.hide] });
  assert.equal(shape(again), shape(page.view));
});

test('stepScale is one train step on the step axis, its batch size on samples, a fraction of its epoch on epochf', () => {
  const t = trial(leaf, 0, { batch_size: 32 }, { trainSamples: 1000 });
  assert.equal(withX('step').stepScale(t), 1);
  assert.equal(withX('samples').stepScale(t), 32);
  assert.equal(withX('epochf').stepScale(t), 1 / 32); // ceil(1000 / 32) = 32 batches per epoch
});

test('stepScale is null when the trial does not say its batch size or its train set', () => {
  for (const batch of [undefined, 0, -8, '32', null]) {
    const t = trial(leaf, 0, { batch_size: batch }, { trainSamples: 1000 });
    assert.equal(withX('samples').stepScale(t), null, String(batch));
    assert.equal(withX('epochf').stepScale(t), null, String(batch));
  }
  assert.equal(withX('epochf').stepScale(trial(leaf, 0, { batch_size: 32 })), null);
});

test('stepXs counts samples at the end of a train row\'s batch: last (at + 1), mean of first and last plus one', () => {
  const page = withX('samples');
  const body = { step: [0, 10], at: [9, 19] };
  assert.deepEqual(page.stepXs(body, 'train', 8, 'last'), [80, 160]);
  assert.deepEqual(page.stepXs(body, 'train', 8, 'mean'), [44, 124]);
  assert.deepEqual(page.stepXs({ step: [0], at: [null] }, 'train', 8, 'last'), [null]);
});

test('stepXs puts a val row at the train steps before it, scaled, and a train row at its step elsewhere', () => {
  assert.deepEqual(withX('samples').stepXs({ step: [0], at: [5, 10] }, 'val', 4), [20, 40]);
  assert.deepEqual(withX('epochf').stepXs({ step: [0, 5], at: [4, 9] }, 'train', 0.5), [0, 2.5]);
  assert.deepEqual(withX('step').stepXs({ step: [0, 5, null], at: [4, 9, null] }, 'train', 1), [0, 5, null]);
  assert.equal(withX('samples').stepXs({ step: [0], at: [1] }, 'train', null), null);
});

test('stepXs takes the log\'s own samples count on the samples axis when it has one', () => {
  const body = { step: [0], at: [1], samples: { mean: [50], last: [64] } };
  assert.deepEqual(withX('samples').stepXs(body, 'train', 8, 'last'), [64]);
  assert.deepEqual(withX('samples').stepXs(body, 'train', 8, 'mean'), [50]);
  assert.deepEqual(withX('step').stepXs(body, 'train', 1, 'last'), [0]); // not on another axis
});

test('stepsOf turns a dragged range back into train steps wide enough for every trial', () => {
  const page = withX('samples');
  const trials = [trial(leaf, 0, { batch_size: 10 }), trial(leaf, 1, { batch_size: 100 }), trial(leaf, 2, {})];
  assert.deepEqual(page.stepsOf(1000, 2000, trials), [10, 201]);
  assert.deepEqual(page.stepsOf(-50, 20, trials), [0, 3]);
  assert.equal(page.stepsOf(0, 10, [trial(leaf, 0, {})]), null);
});
