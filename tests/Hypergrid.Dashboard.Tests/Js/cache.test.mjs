// data.js, plots.js, results-look.js: what the page asks again and keeps of the epoch logs, which running trials are
// said to be waiting, a lone group's name, and a Results group's colour as the plots draw it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial } from './trials.mjs';

const leaf = 'sweep/mnist/mlp/adam';

test('missingColumns asks a trial never loaded, a running one or one whose state changed for everything', () => {
  const page = loadPage();
  const needs = { phases: ['train', 'val'], columns: ['loss'] };
  const t = trial(leaf, 0);
  assert.deepEqual(page.missingColumns(t, needs), { fresh: true, pairs: [['train', 'loss'], ['val', 'loss']] });
  page.store.logs.set(t.path, { state: 'running', phases: {}, have: new Set(['train|loss', 'val|loss']) });
  assert.equal(page.missingColumns({ ...t, state: 'running' }, needs).fresh, true); // still running: its rows may have grown since
  assert.equal(page.missingColumns(t, needs).fresh, true); // it ended since: its last rows
  page.store.logs.set(t.path, { state: 'complete', phases: {}, have: new Set(['train|loss', 'val|loss']) });
  assert.equal(page.missingColumns({ ...t, state: 'running' }, needs).fresh, true);
});

test('missingColumns asks a complete trial only for the phase and column pairs it lacks', () => {
  const page = loadPage();
  const t = trial(leaf, 0);
  page.store.logs.set(t.path, { state: 'complete', phases: {}, have: new Set(['train|loss', 'val|loss']) });
  assert.deepEqual(page.missingColumns(t, { phases: ['train', 'val'], columns: ['loss'] }), { fresh: false, pairs: [] });
  assert.deepEqual(page.missingColumns(t, { phases: ['train', 'val'], columns: ['loss', 'acc'] }), { fresh: false, pairs: [['train', 'acc'], ['val', 'acc']] });
});

test('remember merges a column asked later into the rows already loaded, and replaces a phase whose rows changed', () => {
  const page = loadPage();
  const t = trial(leaf, 0);
  const cols = (epochs, extra) => ({ epoch: epochs, mode: epochs.map(() => 'train'), ...extra });
  page.remember.raw(t, cols([1, 2], { loss: [2, 1] }), ['loss'], { phases: ['train'], columns: ['loss'] }, true);
  page.remember.raw(t, cols([1, 2], { acc: [0.5, 0.6] }), ['acc'], { phases: ['train'], columns: ['acc'] }, false);
  let entry = page.store.logs.get(t.path);
  assert.deepEqual([Object.keys(entry.phases.train.m).sort(), [...entry.have].sort()], [['acc', 'loss'], ['train|acc', 'train|loss']]);
  page.remember.raw(t, cols([1, 2, 3], { acc: [0.5, 0.6, 0.7] }), ['acc'], { phases: ['train'], columns: ['acc'] }, false);
  entry = page.store.logs.get(t.path);
  assert.deepEqual([Object.keys(entry.phases.train.m), [...entry.have]], [['acc'], ['train|acc']]); // loss must be asked again
  assert.deepEqual([...page.store.metrics].sort(), ['acc', 'loss']);
});

test('hasRows holds for a trial with an epoch row or step rows, not for one with neither', () => {
  const page = loadPage();
  const [a, b, c, d] = [0, 1, 2, 3].map(i => trial(leaf, i, {}, { state: 'running' }));
  page.store.logs.set(a.path, { phases: { train: { epoch: [1] } } });
  page.store.logs.set(b.path, { phases: {} });
  page.store.steps.set(c.path, { train: { rows: 5 } });
  page.store.steps.set(d.path, { train: { rows: 0 }, val: { rows: 0 } });
  assert.deepEqual([a, b, c, d].map(page.hasRows), [true, false, true, false]);
});

test('hasPoints holds only when some line has an x and a y at the same place', () => {
  const page = loadPage();
  assert.equal(page.hasPoints([{ xs: [1, null], ys: [null, 2] }]), false);
  assert.equal(page.hasPoints([{ xs: [], ys: [] }, { xs: [0], ys: [0] }]), true);
  assert.equal(page.hasPoints([]), false);
});

test('a group no key names is named by its leaf and seeds, or a single trial by its short name', () => {
  const page = loadPage();
  const seeds = [trial(leaf, 0, { seed: 0 }), trial(leaf, 1, { seed: 1 })];
  const none = { title: null, byTrial: new Map() };
  assert.deepEqual(page.groupName(seeds, new Map(), none), { key: `${leaf} seeds 0,1`, line: `${leaf} seeds 0,1` });
  assert.deepEqual(page.groupName([seeds[0]], new Map([[seeds[0].path, 'trial_000']]), none), { key: 'trial_000', line: 'trial_000' });
  const named = { title: 'lr', byTrial: new Map([[seeds[0].path, '0.1']]) };
  assert.deepEqual(page.groupName(seeds, new Map(), named), { key: '0.1', line: 'lr=0.1' });
});

test('a Results group has the colour its trials have in the plots and the table when grouped', () => {
  const page = loadPage({ hash: 'g=1' });
  page.store.trials = [trial(leaf, 0, { lr: 0.1, seed: 0 }), trial(leaf, 1, { lr: 0.01, seed: 0 }), trial(leaf, 2, { lr: 0.1, seed: 1 })];
  const plots = page.trialColors(page.store.trials);
  assert.equal(page.resultColor({ leaf, trials: ['trial_001'] }), plots.get(`${leaf}/trial_001`));
  assert.equal(page.resultColor({ leaf, trials: ['trial_000', 'trial_002'] }), plots.get(`${leaf}/trial_000`));
  assert.notEqual(page.resultColor({ leaf, trials: ['trial_000'] }), page.resultColor({ leaf, trials: ['trial_001'] }));
  assert.equal(page.resultColor({ leaf, trials: ['trial_099'] }), '#6b7385'); // not in the selection: grey
});

test('a Results group\'s colour follows the selection when the filter changes', () => {
  const page = loadPage({ hash: 'g=1' });
  page.store.trials = [trial(leaf, 0, { lr: 0.1, seed: 0 }), trial(leaf, 1, { lr: 0.01, seed: 0 })];
  const before = page.resultColor({ leaf, trials: ['trial_001'] });
  page.view.q = 'lr=0.01';
  const after = page.resultColor({ leaf, trials: ['trial_001'] });
  assert.notEqual(after, before);
  assert.equal(after, page.trialColors(page.selected.raw()).get(`${leaf}/trial_001`));
});
