// plots.js and data.js: smoothing, legends' short names, the grouped curves' mean ± std over seeds, the epoch logs
// per phase, step buckets extended by a running trial's tail, and trial paths in URLs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial, HOSTILE } from './trials.mjs';

const leaf = 'sweep/mnist/mlp/adam';

test('smooth is an exponential moving average that steps over gaps and is the values themselves at 0', () => {
  const page = loadPage();
  assert.deepEqual(page.smooth([1, 3, null, 5], 0.5), [1, 2, null, 3.5]);
  assert.deepEqual(page.smooth([null, 4, 8], 0.75), [null, 4, 5]);
  assert.deepEqual(page.smooth([1, 2, 3], 0), [1, 2, 3]);
  assert.deepEqual(page.smooth([], 0.9), []);
});

test('shortNames drops the folders every selected trial shares, at most the four of a leaf', () => {
  const page = loadPage();
  const a = trial('sweep/mnist/mlp/adam', 0), b = trial('sweep/mnist/cnn/adam', 1), c = trial('sweep/mnist/mlp/adam', 2);
  assert.deepEqual([...page.shortNames([a, c]).values()], ['trial_000', 'trial_002']);
  assert.deepEqual([...page.shortNames([a, b]).values()], ['mlp/adam/trial_000', 'cnn/adam/trial_001']);
  assert.deepEqual([...page.shortNames([a]).values()], ['trial_000']);
});

test('a paused or other-code trial\'s line says so; others say nothing', () => {
  const page = loadPage();
  assert.deepEqual(['paused', 'other-code', 'complete', 'running'].map(state => page.pausedMark({ state })),
    [' (paused at a search rung)', ' (trained by other code)', '', '']);
});

test('rising holds only for numbers each greater than the one before', () => {
  const page = loadPage();
  assert.deepEqual([[1, 2, 3], [], [1, 1], [2, 1], [1, null, 3], [0, NaN]].map(page.rising), [true, true, false, false, false, false]);
});

test('grouped by epoch, a group\'s line is the seeds\' mean with ± their sample std, n the most seeds at an epoch', () => {
  const page = loadPage({ hash: 'g=1&ph=train' });
  const trials = [trial(leaf, 0, { lr: 0.1, seed: 0 }), trial(leaf, 1, { lr: 0.1, seed: 1 }), trial(leaf, 2, { lr: 0.01, seed: 0 })];
  const log = loss => ({ phases: { train: { epoch: [1, 2], m: { loss } } } });
  page.store.logs.set(trials[0].path, log([1, 0.5]));
  page.store.logs.set(trials[1].path, log([3, 0.5]));
  page.store.logs.set(trials[2].path, log([2, null]));
  // The groups' names as the server gives them (POST /api/names).
  page.store.names = { key: '', title: 'lr', byTrial: new Map([[trials[0].path, '0.1'], [trials[1].path, '0.1'], [trials[2].path, '0.01']]) };
  const series = page.seriesFor('loss', trials, page.trialColors.raw(trials));
  assert.equal(series.length, 2);
  const [a, b] = series;
  assert.deepEqual([a.label, a.group, a.xs, a.ys, a.band.upper, a.band.lower], ['lr=0.1 train (n=2)', '0.1', [1, 2], [2, 0.5], [2 + Math.SQRT2, 0.5], [2 - Math.SQRT2, 0.5]]);
  // One seed: no spread; an epoch without a value is left out. Its one point is marked, with no band and no bar of no
  // length (review 5: a group's only point, its spread an error bar as in the figure, val-bars.test.mjs).
  assert.deepEqual([b.label, b.xs, b.ys, b.band, b.bars, b.marks], ['lr=0.01 train (n=1)', [1], [2], undefined, undefined, [2]]);
});

test('ungrouped by epoch, a trial\'s line per phase is named by its short path and phase, dashed off train', () => {
  const page = loadPage({ hash: 'ph=train,val' });
  const t = trial(leaf, 3, {}, { state: 'paused' });
  page.store.logs.set(t.path, { phases: { train: { epoch: [1, 2], m: { loss: [0.9, 0.8] } }, val: { epoch: [1, 2], m: { loss: [null, null] } } } });
  const series = page.seriesFor('loss', [t], new Map([[t.path, '#123456']]));
  assert.deepEqual(series.map(s => [s.label, s.color, s.dash, s.xs, s.ys]), [['trial_003 train (paused at a search rung)', '#123456', false, [1, 2], [0.9, 0.8]]]);
});

test('byPhase splits an epoch log by phase, counts train batches for the batch axis and turns NaN into gaps', () => {
  const page = loadPage();
  const cols = { epoch: [1, 1, 2, 2], mode: ['train', 'val', 'train', 'val'], n_batches: [10, NaN, 12, NaN], loss: [1, 2, NaN, Infinity], time: [1.5, 2, 3, 4] };
  const phases = page.byPhase(cols, new Set(['n_batches', 'loss']));
  assert.deepEqual(phases.train, { epoch: [1, 2], batch: [10, 22], time: [1.5, 3], m: { loss: [1, null] } });
  assert.deepEqual(phases.val, { epoch: [1, 2], batch: [10, 22], time: [2, 4], m: { loss: [2, null] } });
  assert.equal(page.byPhase(cols, new Set(['loss'])).train.batch, undefined);
});

test('byPhase of an answer holding one phase (what a page drawing one phase asks) is that phase of the whole answer', () => {
  const page = loadPage();
  const modes = ['train', 'val', 'train', 'test', 'val', 'train'];
  const whole = { epoch: new Float32Array([1, 1, 2, 2, 2, 3]), mode: modes, n_batches: new Float32Array([10, NaN, 12, NaN, NaN, 5]),
    loss: new Float32Array([1, 2, NaN, 4, Infinity, 0.5]), time: new Float32Array([1.5, 2, 3, 4, 5, 6]) };
  const only = phase => {
    const idx = modes.flatMap((m, i) => (m === phase ? [i] : []));
    return Object.fromEntries(Object.entries(whole).map(([k, v]) => [k, k === 'mode' ? idx.map(() => phase) : Float32Array.from(idx, i => v[i])]));
  };
  for (const phase of ['train', 'val', 'test']) {
    const asked = new Set(phase === 'train' ? ['n_batches', 'loss'] : ['loss']);
    const alone = page.byPhase(only(phase), asked);
    assert.deepEqual(Object.keys(alone), [phase]);
    assert.deepEqual(alone[phase], page.byPhase(whole, asked)[phase]);
  }
  assert.deepEqual(page.byPhase(only('train'), new Set(['n_batches'])).train.batch, [10, 22, 27]);
  assert.deepEqual(page.byPhase(only('val'), new Set()).val.m.loss, [2, null]); // an infinity is a gap
  assert.deepEqual(page.byPhase({ epoch: new Float32Array(0), mode: [], loss: new Float32Array(0) }, new Set()), {});
});

test('a program\'s own columns are metrics; keys and x axes are not', () => {
  const page = loadPage();
  const cols = { epoch: [1], mode: ['val'], batch: [0], n_batches: [1], time: [1], samples: [64], bleu: [0.3], [HOSTILE]: [1] };
  assert.deepEqual(Object.keys(page.byPhase(cols, new Set()).val.m), ['bleu', HOSTILE]);
});

test('extend keeps a step series\' buckets up to the tail\'s first step, then the tail\'s', () => {
  const page = loadPage();
  const prev = { from: 0, raw: false, step: [0, 10, 20], loss: { mean: [3, 2, 1.5], max: [4, 3, 2] } };
  const tail = { from: 20, raw: false, step: [20, 30], rows: 40, loss: { mean: [1.4, 1], max: [1.6, 1.2] } };
  const out = page.extend(prev, tail, ['loss', 'samples']);
  assert.deepEqual([out.from, out.step, out.loss, out.rows], [0, [0, 10, 20, 30], { mean: [3, 2, 1.4, 1], max: [4, 3, 1.6, 1.2] }, 40]);
  // A tail that does not start at a bucket of the earlier answer is appended after all of it.
  assert.deepEqual(page.extend(prev, { ...tail, from: 25, step: [25] , loss: { mean: [1], max: [1] } }, ['loss']).step, [0, 10, 20, 25]);
});

test('pathUrl encodes each folder of a trial\'s path on its own, so # ? % and spaces stay in the name', () => {
  const page = loadPage();
  assert.equal(page.pathUrl('sweep/mnist/mlp/adam@hidden=256/trial_000'), 'sweep/mnist/mlp/adam%40hidden%3D256/trial_000');
  assert.equal(page.pathUrl('a#b/c?d/e f%/..'), 'a%23b/c%3Fd/e%20f%25/..');
});

test('decodeF32 reads the header and each trial\'s float32 columns, phases by name', () => {
  const page = loadPage({ globals: { TextDecoder } });
  const header = JSON.stringify({ trials: [{ path: 'a/t0', rows: 2, columns: ['epoch', 'mode', 'loss'], modes: ['train', 'val'], filled: ['loss'], reported: ['train_loss', 'val_loss'] }] });
  const bytes = new TextEncoder().encode(header), pad = (4 - bytes.length % 4) % 4;
  const buffer = new ArrayBuffer(4 + bytes.length + pad + 3 * 2 * 4);
  new DataView(buffer).setUint32(0, bytes.length, true);
  new Uint8Array(buffer, 4).set(bytes);
  new Float32Array(buffer, 4 + bytes.length + pad).set([1, 1, 0, 1, 0.5, 0.25]);
  const answer = page.decodeF32.raw(buffer), out = answer.trials['a/t0'];
  assert.deepEqual([Array.from(out.cols.epoch), Array.from(out.cols.mode), Array.from(out.cols.loss), Array.from(out.filled)], [[1, 1], ['train', 'val'], [0.5, 0.25], ['loss']]);
  assert.deepEqual(Array.from(out.reported), ['train_loss', 'val_loss']); // what the Results may rank this trial by
});

test('decodeF32 gives a trial sent without a mode column (its rows all of one phase) that phase for every row', () => {
  const page = loadPage({ globals: { TextDecoder } });
  const header = JSON.stringify({ trials: [{ path: 'a/t0', rows: 2, columns: ['epoch', 'loss'], modes: ['val'], filled: ['loss'] },
    { path: 'a/t1', rows: 0, columns: ['epoch', 'loss'], modes: [], filled: [] }], reported: [] });
  const bytes = new TextEncoder().encode(header), pad = (4 - bytes.length % 4) % 4;
  const buffer = new ArrayBuffer(4 + bytes.length + pad + 2 * 2 * 4);
  new DataView(buffer).setUint32(0, bytes.length, true);
  new Uint8Array(buffer, 4).set(bytes);
  new Float32Array(buffer, 4 + bytes.length + pad).set([1, 2, 0.5, 0.25]);
  const got = page.decodeF32.raw(buffer).trials;
  assert.deepEqual([Array.from(got['a/t0'].cols.mode), Array.from(got['a/t0'].cols.loss), Array.from(got['a/t1'].cols.mode)], [['val', 'val'], [0.5, 0.25], []]);
  assert.deepEqual(Object.keys(page.byPhase.raw(got['a/t0'].cols, new Set(['loss']))), ['val']);
});

test('seedGroups puts trials that differ only by seed together, in the order first seen, and apart by other code', () => {
  const page = loadPage();
  const t = [trial(leaf, 0, { lr: 1, seed: 0 }), trial(leaf, 1, { lr: 2, seed: 0 }), trial(leaf, 2, { seed: 1, lr: 1 }), trial(leaf, 3, { lr: 1, seed: 2 }, { state: 'other-code', code: 'x' })];
  assert.deepEqual(Array.from(page.seedGroups.raw(t).values(), g => Array.from(g, x => x.trial)), [['trial_000', 'trial_002'], ['trial_001'], ['trial_003']]);
});

test('epochNeeds asks for the view\'s phases and metrics and what its x axis needs', () => {
  assert.deepEqual(loadPage({ hash: 'm=loss&ph=val' }).epochNeeds(), { phases: ['val'], columns: ['loss'] });
  assert.deepEqual(loadPage({ hash: 'm=loss&ph=val&x=batch' }).epochNeeds(), { phases: ['val', 'train'], columns: ['loss', 'n_batches'] });
  assert.deepEqual(loadPage({ hash: 'm=acc&x=time' }).epochNeeds(), { phases: ['train', 'val'], columns: ['acc', 'time'] });
});

test('a line whose x already rises is drawn as it is', () => {
  const page = loadPage();
  const s = { xs: [1, 2, 3], ys: [0.5, 0, -1], band: { upper: [1, 1, 1], lower: [0, -1, -2] } };
  assert.deepEqual(page.plotColumns(s, false), [[1, 2, 3], [0.5, 0, -1], [1, 1, 1], [0, -1, -2]]);
  assert.deepEqual(page.plotColumns({ xs: [], ys: [] }, false), [[], []]);
});

test('on a log y axis, values of zero or less are gaps, bands too', () => {
  const page = loadPage();
  const s = { xs: [1, 2, 3], ys: [0.5, 0, -1], band: { upper: [1, 1, 1], lower: [0, -1, 0.25] } };
  assert.deepEqual(page.plotColumns(s, true), [[1, 2, 3], [0.5, null, null], [1, 1, 1], [null, null, 0.25]]);
  assert.deepEqual(page.plotColumns({ xs: [2, 1], ys: [0, 3] }, true), [[1, 2], [3, null]]);
});

test('a line whose x does not rise is sorted by x, missing x dropped and a repeated x drawn once', () => {
  const page = loadPage();
  const s = { xs: [30, 10, null, 20, 10], ys: [3, 1, 9, 2, 1.5], band: { upper: [4, 2, 9, 3, 2.5], lower: [2, 0, 9, 1, 0.5] } };
  // The first row at a repeated x is kept, with its own band (sort is stable).
  assert.deepEqual(page.plotColumns(s, false), [[10, 20, 30], [1, 2, 3], [2, 3, 4], [0, 1, 2]]);
});

const row = (i, dist) => ({ i, label: `line ${i}`, color: '#000', value: i, dist });

test('the cursor legend lists the lines nearest the cursor first, eight at most', () => {
  const page = loadPage();
  const rows = [row(1, 30), row(2, 5), row(3, 12), ...Array.from({ length: 9 }, (_, k) => row(10 + k, 100 + k))];
  assert.deepEqual(page.legendRows(rows, null).map(r => r.i), [2, 3, 1, 10, 11, 12, 13, 14]);
  assert.deepEqual(page.legendRows([], null), []);
});

test('the cursor legend keeps a pinned line listed, after the nearest, when it is not among them', () => {
  const page = loadPage();
  const rows = Array.from({ length: 10 }, (_, k) => row(k + 1, k));
  assert.deepEqual(page.legendRows(rows, row(10, Infinity)).map(r => r.i), [1, 2, 3, 4, 5, 6, 7, 8, 10]);
  assert.deepEqual(page.legendRows(rows, row(3, Infinity)).map(r => r.i), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(page.legendRows([], row(4, Infinity)).map(r => r.i), [4]);
});

test('extend keeps the buckets\' places on the x axis when both answers were placed, else none', () => {
  const page = loadPage();
  const prev = { from: 0, step: [0, 10, 20], x: { mean: [5, 15, 25], last: [9, 19, 29], logged: false } };
  const tail = { from: 20, step: [20, 30], x: { mean: [24, 35], last: [29, 39], logged: false } };
  assert.deepEqual(page.extend(prev, tail, []).x, { mean: [5, 15, 24, 35], last: [9, 19, 29, 39], logged: false });
  assert.equal(page.extend(prev, { ...tail, x: undefined }, []).x, null);
  assert.equal(page.extend({ ...prev, x: null }, tail, []).x, null);
});
