// point-labels.js: the scatter's point labels name what tells a point apart, never its x key (its place says it), and a
// label too long for its room loses what it shares with the others first, not the tail that tells it apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { HOSTILE } from './trials.mjs';

const page = loadPage();
const group = (leaf, values) => ({ leaf, values, trials: ['trial_000'] });
const texts = (groups, key) => page.pointLabels.raw(groups, key).map(l => page.labelText.raw(l));
/** A text's width as a fixed-pitch font draws it: each character half the font size. */
const mono = (text, px = 10) => text.length * px / 2;

test('groups of one leaf are named by the keys that differ between them, the x key left out', () => {
  const leaf = 'sweep/mnist/mlp/sgd';
  const groups = [group(leaf, { lr: 0.1, momentum: 0.9 }), group(leaf, { lr: 0.01, momentum: 0.9 }), group(leaf, { lr: 0.1, momentum: 0.5 })];
  assert.deepEqual(texts(groups, 'lr'), ['momentum=0.9', 'momentum=0.9', 'momentum=0.5']);
  assert.deepEqual(texts(groups, 'momentum'), ['lr=0.1', 'lr=0.01', 'lr=0.1']);
});

test('groups that differ by their x key alone are named by its value, so a label is never empty', () => {
  const leaf = 'sweep/mnist/cnn/adam';
  assert.deepEqual(texts([group(leaf, { lr: 0.1 }), group(leaf, { lr: 0.001 })], 'lr'), ['lr=0.1', 'lr=0.001']);
  assert.deepEqual(texts([group(leaf, { lr: 0.1, tag: HOSTILE }), group(leaf, { lr: 0.001, tag: HOSTILE })], 'lr'), ['lr=0.1', 'lr=0.001']);
});

test('groups of several leaves are named by the leaf parts that differ, then by what differs within their leaf', () => {
  // The audit's sweep: lr on x, three mlp/sgd points and the others, keys a leaf fixes (cnn's lr, sgd's momentum) not named.
  const groups = [
    group('sweep/mnist/mlp/sgd', { model: 'mlp', trainer: 'sgd', lr: 0.1, momentum: 0.9, hidden: [256] }),
    group('sweep/mnist/mlp/sgd', { model: 'mlp', trainer: 'sgd', lr: 0.01, momentum: 0.9, hidden: [256] }),
    group('sweep/mnist/mlp/sgd', { model: 'mlp', trainer: 'sgd', lr: 0.001, momentum: 0.5, hidden: [256] }),
    group('sweep/mnist/cnn/adam', { model: 'cnn', trainer: 'adam', lr: 0.001 }),
    group('sweep/mnist/mlp/adam', { model: 'mlp', trainer: 'adam', lr: 0.001, hidden: [128] }),
  ];
  assert.deepEqual(texts(groups, 'lr'), ['mlp/sgd momentum=0.9', 'mlp/sgd momentum=0.9', 'mlp/sgd momentum=0.5', 'cnn/adam', 'mlp/adam']);
  for (const t of texts(groups, 'lr')) assert.ok(!t.includes('lr='), t);
});

test('the mode and dataset name a leaf only when its model and trainer do not tell it apart', () => {
  const groups = [group('sweep/mnist/cnn/adam', { lr: 0.1 }), group('experiment/mnist/cnn/adam', { lr: 0.2 }), group('sweep/mnist/mlp/adam', { lr: 0.3 })];
  assert.deepEqual(texts(groups, 'lr'), ['sweep/cnn', 'experiment/cnn', 'sweep/mlp']);
});

test('a leaf part that is the x key is left out of the names, as any x key is', () => {
  const groups = ['lr0.05', 'lr0.07', 'lr0.09'].map(t => group(`experiment/toy/prog/${t}`, { trainer: t }));
  assert.deepEqual(texts(groups, 'trainer'), ['trainer=lr0.05', 'trainer=lr0.07', 'trainer=lr0.09']);
  const two = [group('sweep/toy/a/x', { model: 'a', trainer: 'x' }), group('sweep/toy/b/y', { model: 'b', trainer: 'y' })];
  assert.deepEqual(texts(two, 'model'), ['x', 'y']);
});

test('a label that fits is kept whole', () => {
  const labels = page.pointLabels.raw([group('a/b/c/d', { k: 1, j: 2 }), group('a/b/c/d', { k: 2, j: 3 })], 'x');
  const share = page.unitShares.raw(labels);
  assert.equal(page.fitLabel.raw(labels[0], share, 200, 10, mono), 'k=1, j=2');
});

test('a label too long drops what most points share first and keeps the tail that tells it apart', () => {
  const leaf = 'sweep/mnist/mlp/sgd';
  const groups = [0.1, 0.2, 0.3].map(m => group(leaf, { optimizer_family: 'stochastic_gradient', momentum: m }));
  groups.push(group(leaf, { optimizer_family: 'other', momentum: 0.4 }));
  const labels = page.pointLabels.raw(groups, 'x'), share = page.unitShares.raw(labels);
  const fitted = labels.map(l => page.fitLabel.raw(l, share, 100, 10, mono));
  assert.deepEqual(fitted.slice(0, 3), ['… momentum=0.1', '… momentum=0.2', '… momentum=0.3']);
  for (const t of fitted) assert.ok(mono(t) <= 100, t);
  assert.equal(new Set(fitted).size, 4);
});

test('a leaf shared by its points goes before the keys that tell them apart', () => {
  const groups = [0.5, 0.9].map(m => group('experiment/a_long_dataset_name/a_long_model_name/sgd', { momentum: m }));
  groups.push(group('experiment/a_long_dataset_name/a_long_model_name/adam', {}));
  const labels = page.pointLabels.raw(groups, 'lr'), share = page.unitShares.raw(labels);
  assert.deepEqual(labels.map(l => page.labelText.raw(l)), ['sgd momentum=0.5', 'sgd momentum=0.9', 'adam']);
  assert.deepEqual(labels.map(l => page.fitLabel.raw(l, share, 70, 10, mono)), ['… momentum=0.5', '… momentum=0.9', 'adam']);
});

test('a label of one unit too long for its room is cut at its end, hostile text as it is', () => {
  const labels = page.pointLabels.raw([group('a/b/c/d', { tag: HOSTILE }), group('a/b/c/d', { tag: 'x'.repeat(80) })], 'lr');
  const share = page.unitShares.raw(labels);
  assert.equal(page.fitLabel.raw(labels[0], share, 500, 10, mono), `tag=${HOSTILE}`);
  const cut = page.fitLabel.raw(labels[1], share, 100, 10, mono);
  assert.ok(cut.startsWith('tag=x') && cut.endsWith('…') && mono(cut) <= 100, cut);
});
