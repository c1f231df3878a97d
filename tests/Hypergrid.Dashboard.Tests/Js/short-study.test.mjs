// app.js: a short study (three epochs or fewer) opens by step, so its first view shows its shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial } from './trials.mjs';

const page = loadPage();
const leaf = 'sweep/mnist/mlp/adam';
/** Logs as the page keeps them (store.logs): per trial, per phase, its epochs. */
const logs = (...entries) => new Map(entries.map(([t, epochs]) => [t.path, { phases: { train: { epoch: epochs }, val: { epoch: epochs } } }]));

test('a complete study of two or three epochs is short', () => {
  for (const last of [1, 2, 3]) {
    const a = trial(leaf, 0, { epochs: last }), b = trial(leaf, 1, { epochs: last });
    const epochs = Array.from({ length: last }, (_, i) => i + 1);
    assert.equal(page.shortStudy([a, b], logs([a, epochs], [b, epochs])), true, `${last} epochs`);
  }
});

test('a study with four epochs or more in any trial\'s log is not short', () => {
  const a = trial(leaf, 0), b = trial(leaf, 1);
  assert.equal(page.shortStudy([a, b], logs([a, [1, 2]], [b, [1, 2, 3, 4]])), false);
  assert.equal(page.shortStudy([a], logs([a, [1, 2, 50]])), false);
});

test('a running study in its first epochs is not short when its config plans more', () => {
  const running = trial(leaf, 0, { epochs: 20 }, { state: 'running' });
  assert.equal(page.shortStudy([running], logs([running, [1, 2]])), false);
  const pending = trial(leaf, 1, { epochs: 20 }, { state: 'pending' });
  assert.equal(page.shortStudy([pending], new Map()), false);
  // A complete trial's log is the truth, whatever its config said.
  const done = trial(leaf, 2, { epochs: 20 });
  assert.equal(page.shortStudy([done], logs([done, [1, 2]])), true);
});

test('a running study that plans three epochs or fewer is short before its first row', () => {
  const running = trial(leaf, 0, { epochs: 2 }, { state: 'running' });
  assert.equal(page.shortStudy([running], new Map()), true);
});

test('a study with no row and no plan is not short', () => {
  const t = trial(leaf, 0, {}, { state: 'pending' });
  assert.equal(page.shortStudy([t], new Map()), false);
  assert.equal(page.shortStudy([trial(leaf, 1, { epochs: 'three' }, { state: 'running' })], new Map()), false);
  assert.equal(page.shortStudy([], new Map()), false);
});

test('a selection of more trials than are drawn one line each is never opened by step', () => {
  const many = Array.from({ length: page.MANY_LINES + 1 }, (_, i) => trial(leaf, i, { epochs: 2 }));
  assert.equal(page.shortStudy(many, logs(...many.map(t => [t, [1, 2]]))), false);
  const limit = many.slice(0, page.MANY_LINES);
  assert.equal(page.shortStudy(limit, logs(...limit.map(t => [t, [1, 2]]))), true);
});
