// plots.js: a point no line reaches is a marker (the fourth audit's defect 2: a val pass of one row, 1 epoch with
// n_val = batch size, said "4 line(s)" and drew nothing; a PyTorch run's first pass was an empty frame). One rule with
// the figure files (PointMarks.cs, OnePointMarksTests): each bucket the server answers lone, and a line's only point.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial } from './trials.mjs';

const plain = v => JSON.parse(JSON.stringify(v));
const leaf = 'experiment/clusters/softmax/sgd';

test('markPoints marks the buckets answered lone and a line\'s only point, nothing else', () => {
  const page = loadPage();
  assert.deepEqual(plain(page.markPoints([null, 0.8, null, null, 0.5], [false, true, false, false, true])), [null, 0.8, null, null, 0.5]);
  // Not lone by the answer (a zoom's edge with a neighbour outside), but the line's only point: marked.
  assert.deepEqual(plain(page.markPoints([null, null, 0.5], [false, false, false])), [null, null, 0.5]);
  // By epoch (no answer): one epoch is a mark, three are a line.
  assert.deepEqual(plain(page.markPoints([0.5], undefined)), [0.5]);
  assert.equal(page.markPoints([0.5, 0.4, 0.3], undefined), undefined);
  assert.equal(page.markPoints([0.5, 0.4, 0.3], [false, false, false]), undefined);
});

/** One trial's step answer: 16 train buckets, then one val row at step 16 (the audit's one-pass study). */
function onePass(page, t) {
  const steps = Array.from({ length: 17 }, (_, i) => i);
  const train = steps.map(i => (i < 16 ? 0.2 + i * 0.05 : null));
  const val = steps.map(i => (i === 16 ? 0.9 : null));
  const lone = steps.map(i => i === 16);
  page.store.steps.set(t.path, {
    train: { phase: 'train', rows: 16, raw: true, width: 1, step: steps, at: steps.map(i => (i < 16 ? i : null)), x: { axis: 'step', mean: train.map((v, i) => (v == null ? null : i)), last: train.map((v, i) => (v == null ? null : i)) },
      acc: { first: train, last: train, mean: train, min: train, max: train, lone: steps.map(() => false) } },
    val: { phase: 'val', rows: 1, raw: true, width: 1, step: steps, at: val.map((v, i) => (v == null ? null : i)), x: { axis: 'step', mean: val.map((v, i) => (v == null ? null : i)), last: val.map((v, i) => (v == null ? null : i)) },
      acc: { first: val, last: val, mean: val, min: val, max: val, lone } },
  });
}

test('by step, a trial\'s val pass of one row is marked, reaches uPlot as a column, and pads the axis end it sits at', () => {
  const page = loadPage({ hash: 'x=step&m=acc&ph=train,val' });
  const t = trial(leaf, 0);
  onePass(page, t);
  const [train, val] = page.seriesFor.raw('acc', [t], new Map([[t.path, '#0072B2']]));
  assert.equal(train.marks, undefined);
  assert.equal(plain(val.marks)[16], 0.9);
  // As uPlot gets it: x, the line, the marks (no band or bars: one row has no spread).
  assert.deepEqual(plain(page.plotColumns.raw(val, false)), [[16], [0.9], [0.9]]);
  // The pass after the last batch: the axis reaches past it, as the figure's does.
  const [lo, hi] = plain(page.markedXRange([train, val]));
  assert.equal(lo, 0);
  assert.ok(hi > 16, `the x axis ends at ${hi}, the pass is at 16`);
});

// Review 5: on a log y axis a value at or below 0 is a gap (plotColumns), so a line [0, 0.3] draws one point; the
// figure files marked it (PointMarks.Of counts the points they draw), the page did not (it counted the 0).
test('on a log y axis a line whose other values are at or below 0 has its one drawn point marked, as the figures do', () => {
  const page = loadPage({ hash: 'x=step&m=acc&ph=train&log=1' });
  const t = trial(leaf, 0);
  onePass(page, t);
  const answer = page.store.steps.get(t.path).train;
  const ys = answer.acc.mean.map((v, i) => (v == null ? null : i === 3 ? 0.3 : i < 16 ? 0 : null));
  for (const k of ['first', 'last', 'mean', 'min', 'max']) answer.acc[k] = ys;
  const [train] = page.seriesFor.raw('acc', [t], new Map([[t.path, '#0072B2']]));
  assert.equal(plain(train.marks)[3], 0.3);
  assert.equal(plain(train.marks).filter(v => v != null).length, 1);
  page.view.log = false; // by a linear y the zeros are points: a line, no mark
  assert.equal(page.seriesFor.raw('acc', [t], new Map([[t.path, '#0072B2']]))[0].marks, undefined);
});
