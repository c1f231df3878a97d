// plots.js: at step resolution a band joins only buckets next to each other; a val pass (its rows at one step, the next
// pass an epoch of empty buckets away) keeps its spread as an error bar at its step. The audit's defect 5: one pass's
// min–max was interpolated to the next pass's, a wedge from 0 to 1.6 across a whole epoch. Which buckets stand alone is
// the server's answer (`lone`, LoneBuckets); the page draws it and decides none (PageFigureAgreementPageTests holds the
// page and the figure files together).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial } from './trials.mjs';

const leaf = 'sweep/mnist/mlp/adam';

test('bandAndBars keeps the band off the buckets the server calls lone and draws their spreads as bars', () => {
  const page = loadPage();
  // Buckets 0-2 have rows (a train stretch), 3-5 none, 6 alone, 7 none, 8 alone.
  const upper = [3, 3, 3, null, null, null, 1.6, null, 0.9], lower = [1, 1, 1, null, null, null, 0, null, 0.5];
  const lone = [false, false, false, false, false, false, true, false, true];
  const { band, bars } = page.bandAndBars({ upper, lower }, lone);
  assert.deepEqual(band.upper, [3, 3, 3, null, null, null, null, null, null]);
  assert.deepEqual(band.lower, [1, 1, 1, null, null, null, null, null, null]);
  assert.deepEqual(bars.upper, [null, null, null, null, null, null, 1.6, null, 0.9]);
  assert.deepEqual(bars.lower, [null, null, null, null, null, null, 0, null, 0.5]);
});

test('bandAndBars follows the answer, not its own reading of the neighbours: an edge whose neighbour is outside the range is band', () => {
  const page = loadPage();
  // The last bucket looks alone here, but the server saw rows just past the range (a zoom's edge, a live tail): no bar.
  const { band, bars } = page.bandAndBars({ upper: [null, 1.6, null, 0.8], lower: [null, 0, null, 0.6] }, [false, true, false, false]);
  assert.deepEqual(bars, { upper: [null, 1.6, null, null], lower: [null, 0, null, null] });
  assert.deepEqual(band, { upper: [null, null, null, 0.8], lower: [null, null, null, 0.6] });
  // No answer of loneness (none sent): no bars, the band as it is.
  const plain = page.bandAndBars({ upper: [null, 1.6, null], lower: [null, 0, null] }, undefined);
  assert.deepEqual([plain.band, plain.bars], [{ upper: [null, 1.6, null], lower: [null, 0, null] }, undefined]);
});

test('bandAndBars of a train line (no bucket lone) is its band unchanged, of val passes only bars', () => {
  const page = loadPage();
  const train = page.bandAndBars({ upper: [2, 2, 2], lower: [1, 1, 1] }, [false, false, false]);
  assert.deepEqual([train.band, train.bars], [{ upper: [2, 2, 2], lower: [1, 1, 1] }, undefined]);
  const val = page.bandAndBars({ upper: [null, 1.6, null, null, 0.8], lower: [null, 0, null, null, 0.6] }, [false, true, false, false, true]);
  assert.equal(val.band, undefined);
  assert.deepEqual(val.bars, { upper: [null, 1.6, null, null, 0.8], lower: [null, 0, null, null, 0.6] });
});

/** Step buckets of one trial's phase: values where `rows` says a bucket has rows. */
function buckets(phase, has, y) {
  const step = has.map((_, i) => i);
  const v = has.map((h, i) => (h ? y(i) : null));
  const places = has.map((h, i) => (h ? i : null));
  // The server's loneness (LoneBuckets): a bucket with rows, none beside it.
  const lone = has.map((h, i) => h && !has[i - 1] && !has[i + 1]);
  return { phase, rows: has.filter(Boolean).length, raw: false, width: 2, step, at: places, x: { axis: 'step', mean: places, last: places },
    loss: { first: v, last: v, mean: v, min: v.map(x => (x == null ? null : x - 0.5)), max: v.map(x => (x == null ? null : x + 0.5)), lone } };
}

test('by step, a trial\'s val line has error bars at its passes and no band; its train line keeps its band', () => {
  const page = loadPage({ hash: 'x=step&m=loss&ph=train,val' });
  const t = trial(leaf, 0);
  page.store.steps.set(t.path, {
    train: buckets('train', [true, true, true, true, true, true], i => 2 - i / 10),
    val: buckets('val', [false, false, true, false, false, true], () => 1),
  });
  const [train, val] = page.seriesFor.raw('loss', [t], new Map([[t.path, '#0072B2']]));
  assert.ok(train.band && !train.bars);
  assert.equal(val.band, undefined);
  assert.deepEqual(Array.from(val.bars.upper), [null, null, 1.5, null, null, 1.5]);
  // As uPlot gets them: x, the line, the bars (no band columns between), then the passes' marks (point-marks.test.mjs).
  const cols = page.plotColumns.raw(val, false);
  assert.deepEqual(JSON.parse(JSON.stringify(cols)), [[2, 5], [1, 1], [1.5, 1.5], [0.5, 0.5], [1, 1]]);
});

test('grouped by step, a group\'s val passes have ± std bars over seeds, not a band across the epoch', () => {
  const page = loadPage({ hash: 'x=step&m=loss&ph=val&g=1' });
  const seeds = [trial(leaf, 0), trial(leaf, 1)];
  const has = [false, true, false, false, true];
  const v = has.map(h => (h ? 1 : null));
  page.store.groupSteps = new Map([['g', { members: seeds, states: 'complete,complete',
    val: { step: [0, 1, 2, 3, 4], width: 1, x: { axis: 'step', mean: has.map((h, i) => (h ? i : null)) },
      loss: { mean: v, std: has.map(h => (h ? 0.2 : null)), min: v, max: v, n: has.map(h => (h ? 2 : 0)), lone: has } } }]]);
  const named = { title: null, byTrial: new Map() };
  page.store.names = named;
  const [val] = page.seriesFor.raw('loss', seeds, new Map(seeds.map(t => [t.path, '#0072B2'])));
  assert.equal(val.band, undefined);
  assert.deepEqual(Array.from(val.bars.upper), [null, 1.2, null, null, 1.2]);
  assert.deepEqual(Array.from(val.bars.lower), [null, 0.8, null, null, 0.8]);
});

test('bandAndBars draws no bar for a lone bucket without spread (one seed, one row): no band and no bar there', () => {
  const page = loadPage();
  const { band, bars } = page.bandAndBars({ upper: [null, 0.7, null, 0.9], lower: [null, 0.7, null, 0.5] }, [false, true, false, true]);
  assert.equal(band, undefined);
  assert.deepEqual(bars, { upper: [null, null, null, 0.9], lower: [null, null, null, 0.5] });
});

// Review 5: by epoch, a group with one epoch so far drew a bare dot on the page and a ± std error bar in its figure
// (BandRuns judges a line by epoch by LoneBuckets' rule). Its one point's spread is a bar on the page too.
test('grouped by epoch, a group\'s only epoch has its spread as an error bar; two epochs are a band', () => {
  const page = loadPage({ hash: 'x=epoch&m=loss&ph=val&g=1' });
  const seeds = [0, 1].map(i => trial('experiment/toy/net/sgd', i, { seed: i }));
  const log = (epochs, ys) => ({ phases: { val: { epoch: epochs, m: { loss: ys } } } });
  const run = per => {
    seeds.forEach((t, i) => page.store.logs.set(t.path, per[i]));
    return page.seriesFor.raw('loss', seeds, new Map(seeds.map(t => [t.path, '#0072B2'])))[0];
  };
  const one = run([log([1], [0.5]), log([1], [0.7])]);
  assert.equal(one.band, undefined);
  assert.ok(Math.abs(one.bars.upper[0] - (0.6 + Math.SQRT1_2 * 0.2)) < 1e-9, JSON.stringify(one.bars));
  assert.equal(JSON.stringify(one.marks), '[0.6]');
  const two = run([log([1, 2], [0.5, 0.4]), log([1, 2], [0.7, 0.6])]);
  assert.equal(two.bars, undefined);
  assert.equal(two.band.upper.length, 2);
});
