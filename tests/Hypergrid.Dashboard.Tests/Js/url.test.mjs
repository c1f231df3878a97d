// app.js: the view's lists in the URL (leaves, hidden trials, metrics, phases) keep items that hold commas, as the
// leaves promote --top K writes do (adam@lr=0.003,hidden=256), and old links read as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';

const roundTrip = view => {
  const page = loadPage();
  Object.assign(page.view, view);
  page.writeView();
  return loadPage({ hash: page.location.hash.slice(1) }).view;
};

test('a promoted leaf, whose name holds commas, stays one leaf in the URL', () => {
  const leaves = new Set(['experiment/mnist/mlp/adam@lr=0.003,hidden=256', 'experiment/mnist/mlp/adam@lr=0.01,hidden=128']);
  assert.deepEqual([...roundTrip({ leaves }).leaves], [...leaves]);
});

test('a hidden trial of such a leaf stays hidden after the URL is read back', () => {
  const hide = new Set(['experiment/mnist/mlp/adam@lr=0.003,hidden=256/trial_001', 'sweep/mnist/mlp/adam/trial_000']);
  assert.deepEqual([...roundTrip({ hide }).hide], [...hide]);
});

test('items holding percent signs and the escapes themselves read back as they were', () => {
  const leaves = new Set(['a/b/c/d@x=50%', 'a/b/c/d@y=%2C', 'a/b/c/d@z=%25,', 'a/b/c/%%2C%']);
  assert.deepEqual([...roundTrip({ leaves }).leaves], [...leaves]);
  assert.deepEqual([...roundTrip({ metrics: ['loss', 'top,5'] }).metrics], ['loss', 'top,5']);
});

test('an old link\'s comma-separated lists read as before', () => {
  const view = loadPage({ hash: 'leaves=sweep/mnist/mlp/adam,sweep/mnist/cnn/sgd&hide=a/b/c/d/trial_000&m=loss,acc&ph=val' }).view;
  assert.deepEqual([[...view.leaves], [...view.hide], [...view.metrics], [...view.phases]],
    [['sweep/mnist/mlp/adam', 'sweep/mnist/cnn/sgd'], ['a/b/c/d/trial_000'], ['loss', 'acc'], ['val']]);
});
