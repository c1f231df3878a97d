// app.js: the trial table's columns (those empty for every shown trial hidden), its order, the filter, the states'
// words, the trials the plots draw, and CSV cells a spreadsheet opens as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial, HOSTILE } from './trials.mjs';

const leaf = 'sweep/mnist/mlp/adam';
const columnKeys = (page, trials) => Array.from(page.tableColumns.raw(trials), c => c.key);

test('the table shows the keys that vary and hides a column empty for every shown trial', () => {
  const page = loadPage();
  const trials = [trial(leaf, 0, { lr: 0.1, seed: 0 }, { final: { val_loss: 0.3 } }), trial(leaf, 1, { lr: 0.01, seed: 0 }, { final: { val_loss: 0.2 } })];
  assert.deepEqual(columnKeys(page, trials), ['trial', 'state', 'lr', 'val_loss']);
});

test('a column shows when one shown trial has a value, even zero', () => {
  const page = loadPage();
  const trials = [trial(leaf, 0, {}, { dataSource: 'mnist sample', seconds: 0 }), trial(leaf, 1, {}, { dataSource: null, final: { val_acc: 0 } })];
  assert.deepEqual(columnKeys(page, trials), ['trial', 'state', 'val_acc', 'time_s', 'data']);
});

test('the data column of programs\' trials (null or empty for all) is hidden', () => {
  const page = loadPage();
  const trials = [trial(leaf, 0, {}, { dataSource: null }), trial(leaf, 1, {}, { dataSource: '' })];
  assert.deepEqual(columnKeys(page, trials), ['trial', 'state']);
  assert.deepEqual(columnKeys(page, []), ['trial', 'state']);
});

test('varyingKeys names a key that one trial lacks', () => {
  const page = loadPage();
  assert.deepEqual(page.varyingKeys([trial(leaf, 0, { lr: 0.1, m: 1 }), trial(leaf, 1, { lr: 0.1 })]), ['m']);
  assert.deepEqual(page.varyingKeys([trial(leaf, 0, { lr: 0.1 })]), []);
});

test('sortRows sorts numbers by value and names by their numbers, missing values last either way', () => {
  const page = loadPage();
  const t = [trial(leaf, 0, {}, { final: { val_loss: 0.5 } }), trial(leaf, 1, {}, {}), trial(leaf, 2, {}, { final: { val_loss: 0.05 } }), trial(leaf, 3, {}, { final: { val_loss: 2 } })];
  const order = () => Array.from(page.sortRows.raw(t), x => x.trial);
  page.view.sort = 'val_loss';
  assert.deepEqual(order(), ['trial_002', 'trial_000', 'trial_003', 'trial_001']);
  page.view.desc = true;
  assert.deepEqual(order(), ['trial_003', 'trial_000', 'trial_002', 'trial_001']);
  page.view.sort = 'trial'; page.view.desc = false;
  const named = ['x/trial_10', 'x/trial_9', 'x/trial_100'].map(p => ({ path: p, state: 'complete' }));
  assert.deepEqual(Array.from(page.sortRows.raw(named), x => x.path), ['x/trial_9', 'x/trial_10', 'x/trial_100']);
});

test('sortRows keeps the selection\'s order when the view sorts by no shown column', () => {
  const page = loadPage({ hash: 'sort=nothing' });
  const t = [trial(leaf, 2), trial(leaf, 0), trial(leaf, 1)];
  assert.deepEqual(Array.from(page.sortRows.raw(t), x => x.trial), ['trial_002', 'trial_000', 'trial_001']);
});

test('the filter matches text in a path and key=value of a config or the state, every word', () => {
  const page = loadPage();
  const a = trial(leaf, 0, { lr: 0.001, opt: 'adam' }), b = trial('sweep/mnist/cnn/sgd', 1, { lr: 0.1 }, { state: 'failed' });
  const pick = q => [a, b].filter(page.matcher.raw(q)).map(t => t.path);
  assert.deepEqual(pick(''), [a.path, b.path]);
  assert.deepEqual(pick('cnn'), [b.path]);
  assert.deepEqual(pick('lr=0.001'), [a.path]);
  assert.deepEqual(pick('lr=0.0010'), []);
  assert.deepEqual(pick('state=failed'), [b.path]);
  assert.deepEqual(pick('opt=adam mlp'), [a.path]);
  assert.deepEqual(pick('opt=adam cnn'), []);
  assert.deepEqual(pick('missing=1'), []);
});

test('stateText says where a trial resumes, why it paused, which GPUs it runs on', () => {
  const page = loadPage();
  assert.equal(page.stateText({ state: 'pending', resumesAt: 'epoch 3' }), 'pending (resumes at epoch 3)');
  assert.equal(page.stateText({ state: 'paused', note: 'paused at rung 1' }), 'paused at rung 1');
  assert.equal(page.stateText({ state: 'paused' }), 'paused');
  assert.equal(page.stateText({ state: 'other-code', note: 'x' }), 'trained by other code');
  assert.equal(page.stateText({ state: 'running', gpus: [1] }), 'running on gpu 1');
  assert.equal(page.stateText({ state: 'running', gpus: [0, 2] }), 'running on gpus 0,2');
  assert.equal(page.stateText({ state: 'running', gpus: [] }), 'running');
});

test('fmt and num write values as the table shows them', () => {
  const page = loadPage();
  assert.deepEqual([undefined, null, 0, 'a', true, [1, 2], { a: 1 }, HOSTILE].map(v => page.fmt(v)), ['', 'null', '0', 'a', 'true', '[1,2]', '{"a":1}', HOSTILE]);
  assert.deepEqual([null, undefined, 0.123456, 2, NaN].map(v => page.num(v)), ['', '', '0.1235', '2.0000', 'NaN']);
  assert.equal(page.num(1.25, 1), '1.3');
});

test('the plots draw the whole selection up to the limit, else the table\'s first rows', () => {
  const page = loadPage();
  const rows = Array.from({ length: page.PLOT_LIMIT + 5 }, (_, i) => trial(leaf, i, { seed: i }));
  assert.equal(page.plotted.raw(rows.slice(0, 10), rows).length, 10);
  const drawn = page.plotted.raw(rows, [...rows].reverse());
  assert.equal(drawn.length, page.PLOT_LIMIT);
  assert.equal(drawn[0], rows.at(-1));
});

test('grouped, the plots draw whole groups of seeds past the limit', () => {
  const page = loadPage({ hash: 'g=1' });
  // Groups of 3 seeds: the group that crosses the limit is drawn whole.
  const rows = Array.from({ length: page.PLOT_LIMIT + 30 }, (_, i) => trial(leaf, i, { lr: Math.floor(i / 3), seed: i % 3 }));
  const drawn = page.plotted.raw(rows, rows);
  assert.equal(drawn.length, Math.ceil(page.PLOT_LIMIT / 3) * 3);
  assert.equal(new Set(drawn.map(t => t.config.lr)).size * 3, drawn.length);
});

test('csvCell opens a cell that would start a formula as text and quotes commas, quotes and line breaks', () => {
  const page = loadPage();
  const cells = { '=1+1': "'=1+1", '+cmd': "'+cmd", '-x': "'-x", '@SUM(A1)': "'@SUM(A1)", '\tx': "'\tx", '\rx': `"'\rx"`,
    'a,b': '"a,b"', 'say "hi"': '"say ""hi"""', 'two\nlines': '"two\nlines"', '=a,b': `"'=a,b"` };
  for (const [value, cell] of Object.entries(cells)) assert.equal(page.csvCell(value), cell, JSON.stringify(value));
});

test('csvCell leaves numbers as numbers, signed and exponent too', () => {
  const page = loadPage();
  for (const v of ['-1.5', '+2', '-.5', '1e-7', '-3E+2', '-Infinity', 0.25, -4, 'plain']) assert.equal(page.csvCell(v), String(v));
});
