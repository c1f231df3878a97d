// names.js: what a legend calls each line, by the keys whose values differ between the lines shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial, HOSTILE } from './trials.mjs';

const page = loadPage();
const leaf = 'sweep/mnist/mlp/adam';

test('lineNames names lines by the one key that differs, and titles them with it', () => {
  const reps = [trial(leaf, 0, { lr: 0.1, seed: 0 }), trial(leaf, 1, { lr: 0.01, seed: 0 })];
  assert.deepEqual(page.lineNames(reps, false), { title: 'lr', names: ['0.1', '0.01'] });
});

test('lineNames names lines by every differing key as key=value when several differ', () => {
  const reps = [trial(leaf, 0, { lr: 0.1, hidden: 64 }), trial(leaf, 1, { lr: 0.01, hidden: 64 }), trial(leaf, 2, { lr: 0.01, hidden: 128 })];
  assert.deepEqual(page.lineNames(reps, false), { title: null, names: ['lr=0.1, hidden=64', 'lr=0.01, hidden=64', 'lr=0.01, hidden=128'] });
});

test('lineNames leaves the seed out of group names and keeps it for single trials', () => {
  const reps = [trial(leaf, 0, { lr: 0.1, seed: 0 }), trial(leaf, 1, { lr: 0.01, seed: 1 })];
  assert.deepEqual(page.lineNames(reps, false), { title: 'lr', names: ['0.1', '0.01'] });
  assert.deepEqual(page.lineNames(reps, true), { title: null, names: ['lr=0.1, seed=0', 'lr=0.01, seed=1'] });
});

test('lineNames falls back to folder names when no key differs, and names one line nothing', () => {
  const same = [trial(leaf, 0, { lr: 0.1 }), trial(leaf, 7, { lr: 0.1 })];
  assert.deepEqual(page.lineNames(same, false), { title: null, names: ['trial_000', 'trial_007'] });
  assert.deepEqual(page.lineNames([trial(leaf, 0, { lr: 0.1 })], false), { title: null, names: [''] });
  assert.deepEqual(page.lineNames([], false), { title: null, names: [] });
});

test('lineNames writes a dash for a line that lacks the one differing key', () => {
  const reps = [trial(leaf, 0, { lr: 0.1 }), trial(leaf, 1, {})];
  assert.deepEqual(page.lineNames(reps, false), { title: 'lr', names: ['0.1', '—'] });
});

test('lineNames leaves out of a name the keys its line lacks when several keys differ', () => {
  const reps = [trial(leaf, 0, { lr: 0.1, momentum: 0.9 }), trial(leaf, 1, { lr: 0.01 })];
  assert.deepEqual(page.lineNames(reps, false).names, ['lr=0.1, momentum=0.9', 'lr=0.01']);
});

test('lineNames drops a key the leaf implies when lines come from several leaves, and keeps the leaf keys', () => {
  // batch_size is one value per leaf: the model (a leaf key) already tells the lines apart.
  const reps = [trial('sweep/mnist/mlp/adam', 0, { model: 'mlp', batch_size: 64 }), trial('sweep/mnist/cnn/adam', 0, { model: 'cnn', batch_size: 32 })];
  assert.deepEqual(page.lineNames(reps, false), { title: 'model', names: ['mlp', 'cnn'] });
});

test('lineNames keeps a key that differs within one leaf even when lines come from several leaves', () => {
  const reps = [trial('sweep/mnist/mlp/adam', 0, { model: 'mlp', lr: 0.1 }), trial('sweep/mnist/mlp/adam', 1, { model: 'mlp', lr: 0.01 }),
    trial('sweep/mnist/cnn/adam', 0, { model: 'cnn', lr: 0.1 })];
  assert.deepEqual(page.lineNames(reps, false).names, ['model=mlp, lr=0.1', 'model=mlp, lr=0.01', 'model=cnn, lr=0.1']);
});

test('lineNames names the code when lines were trained by different code', () => {
  const reps = [trial(leaf, 0, { lr: 0.1 }, { code: 'a1b2' }), trial(leaf, 1, { lr: 0.1 })];
  assert.deepEqual(page.lineNames(reps, false), { title: 'code', names: ['a1b2', 'none'] });
});

test('lineNames writes objects and lists as JSON and hostile values as they are', () => {
  const reps = [trial(leaf, 0, { layers: [64, 32], tag: HOSTILE }), trial(leaf, 1, { layers: [128], tag: 'plain' })];
  assert.deepEqual(page.lineNames(reps, false).names, [`layers=[64,32], tag=${HOSTILE}`, 'layers=[128], tag=plain']);
});

test('groupNames gives every member of a group its group\'s name', () => {
  const trials = [trial(leaf, 0, { lr: 0.1, seed: 0 }), trial(leaf, 1, { lr: 0.1, seed: 1 }), trial(leaf, 2, { lr: 0.01, seed: 0 })];
  const { title, byTrial } = page.groupNames(trials);
  assert.equal(title, 'lr');
  assert.deepEqual([...byTrial], [[trials[0].path, '0.1'], [trials[1].path, '0.1'], [trials[2].path, '0.01']]);
});
