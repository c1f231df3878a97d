// data.js and plots.js: the step buckets a plot asks for, what a running trial's series is asked again from, and the
// words for running trials with no row yet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial, HOSTILE } from './trials.mjs';

const page = loadPage({ hash: 'x=step' });

test('a plot asks for one step bucket per two pixels of its width, at least 200', () => {
  assert.deepEqual([0, 100, 400, 401, 1000, 1921].map(page.stepPoints), [200, 200, 200, 201, 500, 961]);
});

test('a zoom is asked as a from and to step; no zoom asks for everything', () => {
  assert.equal(page.stepRangeQuery([10, 250]), '&from=10&to=250');
  assert.equal(page.stepRangeQuery(null), '');
});

test('a series loaded before is asked again from its last two buckets while it holds up to twice the points', () => {
  // Two: the loneness of the one before the last (lone, an error bar) depends on the last, which may have gained rows.
  assert.equal(page.stepTail({ step: [0, 10, 20] }, 200, ''), 10);
  assert.equal(page.stepTail({ step: Array.from({ length: 400 }, (_, i) => i) }, 200, ''), 398);
  assert.equal(page.stepTail({ step: [0] }, 200, ''), 0);
});

test('a series is asked afresh when not loaded, empty, zoomed or past twice the points', () => {
  assert.equal(page.stepTail(null, 200, ''), null);
  assert.equal(page.stepTail({ step: [] }, 200, ''), null);
  assert.equal(page.stepTail({ step: [0, 10] }, 200, '&from=0&to=5'), null);
  assert.equal(page.stepTail({ step: Array.from({ length: 401 }, (_, i) => i) }, 200, ''), null);
});

test('running trials with no row yet are named, three at most, the rest counted', () => {
  const fresh = loadPage();
  const trials = [0, 1, 2, 3, 4].map(i => trial('sweep/mnist/mlp/adam', i, {}, { state: 'running' }));
  fresh.store.logs.set(trials[4].path, { phases: { train: { epoch: [1] } } });
  const words = fresh.waitingWords(trials);
  assert.equal(words.count, 4);
  assert.ok(words.text.startsWith('sweep/mnist/mlp/adam/trial_000, sweep/mnist/mlp/adam/trial_001, sweep/mnist/mlp/adam/trial_002 and 1 more are running'), words.text);
});

test('one running trial with no row is named alone; complete trials and trials with rows are not waiting', () => {
  const fresh = loadPage();
  const one = trial('sweep/mnist/mlp/adam', 0, {}, { state: 'running', path: `sweep/mnist/mlp/adam/${HOSTILE}` });
  const words = fresh.waitingWords([one, trial('sweep/mnist/mlp/adam', 1)]);
  assert.equal(words.count, 1);
  assert.ok(words.text.startsWith(`sweep/mnist/mlp/adam/${HOSTILE} is running: waiting`), words.text);
  assert.deepEqual(fresh.waitingWords([trial('sweep/mnist/mlp/adam', 1)]), { count: 0, text: '' });
});

test('trials the server could not place on the samples or epochs axis are named by what they lack, and only there', () => {
  const fresh = loadPage();
  const trials = [0, 1, 2, 3, 4].map(i => trial('sweep/toy/prog/run', i));
  const unplaced = new Map([[trials[0].path, 'batch_size'], [trials[1].path, 'batch_size'], [trials[2].path, 'batches per epoch']]);
  const words = fresh.unplacedWords(trials, unplaced, 'samples');
  assert.ok(words.startsWith('sweep/toy/prog/run/trial_000, sweep/toy/prog/run/trial_001: not drawn on this x axis (batch_size unknown'), words);
  assert.ok(words.includes('sweep/toy/prog/run/trial_002: not drawn on this x axis (batches per epoch unknown'), words);
  assert.ok(words.includes('the step axis draws them') && words.includes('the step axis draws it'), words);
  assert.ok(!words.includes('trial_003') && !words.includes('trial_004'), words);
  // Not on the step axis (every trial is placed there) nor at epoch resolution; none unplaced says nothing.
  assert.equal(fresh.unplacedWords(trials, unplaced, 'step'), '');
  assert.equal(fresh.unplacedWords(trials, unplaced, 'epoch'), '');
  assert.equal(fresh.unplacedWords(trials, new Map(), 'epochf'), '');
  // Only the shown trials: an unplaced trial outside the selection is not named; many are counted past three.
  assert.equal(fresh.unplacedWords(trials.slice(3), unplaced, 'samples'), '');
  const many = new Map(trials.map(t => [t.path, 'batch_size']));
  assert.ok(fresh.unplacedWords(trials, many, 'samples').includes('trial_002 and 2 more: not drawn'), fresh.unplacedWords(trials, many, 'samples'));
  const hostile = trial('sweep/toy/prog/run', 9, {}, { path: `sweep/toy/prog/run/${HOSTILE}` });
  assert.ok(fresh.unplacedWords([hostile], new Map([[hostile.path, 'batch_size']]), 'samples').startsWith(`sweep/toy/prog/run/${HOSTILE}:`));
});
