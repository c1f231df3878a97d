// point-labels.js: the scatter's point labels are the server's names (GET /api/report's section.labels, the Results
// figure's legend names; their rule is tested in C#: ReportLabelsTests), the leaf part first; a label too long for its
// room loses what it shares with the others first, not the tail that tells it apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { HOSTILE } from './trials.mjs';

const page = loadPage();
const group = (leaf, values = {}) => ({ leaf, values, trials: ['trial_000'] });
/** A name as /api/report's labels give it. */
const named = (leaf, ...keys) => ({ leaf, keys });
const texts = (groups, names) => page.pointLabels.raw(groups, names).map(l => page.labelText.raw(l));
/** A text's width as a fixed-pitch font draws it: each character half the font size. */
const mono = (text, px = 10) => text.length * px / 2;

test('a label is the server\'s name: its leaf part, a space, its keys joined by commas', () => {
  const groups = [group('sweep/mnist/mlp/sgd'), group('sweep/mnist/mlp/sgd'), group('sweep/mnist/cnn/adam')];
  const names = [named('mlp/sgd', 'momentum=0.9', 'hidden=[256]'), named('mlp/sgd', 'momentum=0.5'), named('cnn/adam')];
  assert.deepEqual(texts(groups, names), ['mlp/sgd momentum=0.9, hidden=[256]', 'mlp/sgd momentum=0.5', 'cnn/adam']);
  assert.deepEqual(texts([group('a/b/c/d'), group('a/b/c/d')], [named('', 'lr=0.1'), named('', 'lr=0.001')]), ['lr=0.1', 'lr=0.001']);
});

test('a group the answer does not name is labelled by its leaf', () => {
  assert.deepEqual(texts([group('sweep/mnist/mlp/sgd')], undefined), ['sweep/mnist/mlp/sgd']);
  assert.deepEqual(texts([group('sweep/mnist/mlp/sgd'), group('sweep/mnist/cnn/sgd')], [named('mlp')]), ['mlp', 'sweep/mnist/cnn/sgd']);
});

test('a label that fits is kept whole', () => {
  const labels = page.pointLabels.raw([group('a/b/c/d'), group('a/b/c/d')], [named('', 'k=1', 'j=2'), named('', 'k=2', 'j=3')]);
  const share = page.unitShares.raw(labels);
  assert.equal(page.fitLabel.raw(labels[0], share, 200, 10, mono), 'k=1, j=2');
});

test('a label too long drops what most points share first and keeps the tail that tells it apart', () => {
  const leaf = 'sweep/mnist/mlp/sgd';
  const groups = [0.1, 0.2, 0.3, 0.4].map(() => group(leaf));
  const names = [0.1, 0.2, 0.3].map(m => named('', 'optimizer_family=stochastic_gradient', `momentum=${m}`));
  names.push(named('', 'optimizer_family=other', 'momentum=0.4'));
  const labels = page.pointLabels.raw(groups, names), share = page.unitShares.raw(labels);
  const fitted = labels.map(l => page.fitLabel.raw(l, share, 100, 10, mono));
  assert.deepEqual(fitted.slice(0, 3), ['… momentum=0.1', '… momentum=0.2', '… momentum=0.3']);
  for (const t of fitted) assert.ok(mono(t) <= 100, t);
  assert.equal(new Set(fitted).size, 4);
});

test('a leaf shared by its points goes before the keys that tell them apart, and is dropped first', () => {
  const groups = [group('e/d/m/sgd'), group('e/d/m/sgd'), group('e/d/m/adam')];
  const labels = page.pointLabels.raw(groups, [named('sgd', 'momentum=0.5'), named('sgd', 'momentum=0.9'), named('adam')]);
  const share = page.unitShares.raw(labels);
  assert.deepEqual(labels.map(l => page.labelText.raw(l)), ['sgd momentum=0.5', 'sgd momentum=0.9', 'adam']);
  assert.deepEqual(labels.map(l => page.fitLabel.raw(l, share, 70, 10, mono)), ['… momentum=0.5', '… momentum=0.9', 'adam']);
});

test('a label of one unit too long for its room is cut at its end, hostile text as it is', () => {
  const labels = page.pointLabels.raw([group('a/b/c/d'), group('a/b/c/d')], [named('', `tag=${HOSTILE}`), named('', `tag=${'x'.repeat(80)}`)]);
  const share = page.unitShares.raw(labels);
  assert.equal(page.fitLabel.raw(labels[0], share, 500, 10, mono), `tag=${HOSTILE}`);
  const cut = page.fitLabel.raw(labels[1], share, 100, 10, mono);
  assert.ok(cut.startsWith('tag=x') && cut.endsWith('…') && mono(cut) <= 100, cut);
});
