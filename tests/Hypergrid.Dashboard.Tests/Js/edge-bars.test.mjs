// axes.js: a val pass's error bar at the very last step was half cut by the plot's edge (the third audit's low item):
// an end of x where an error bar sits is padded by MARK_X_PAD of the span, as the figure files pad it
// (FigureLayout.PointsXPad, PointsPaddingTests); an end without one runs to the frame, and a zoom is kept exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';

const page = loadPage();
// Arrays made in the page's realm, compared as plain values.
const plain = v => JSON.parse(JSON.stringify(v));
const train = { xs: [0, 25, 50, 75, 100], ys: [2, 1.8, 1.6, 1.4, 1.2], band: { upper: [2.1, 1.9, 1.7, 1.5, 1.3], lower: [1.9, 1.7, 1.5, 1.3, 1.1] } };
const val = (last = [0.6, 0.4]) => ({ xs: [null, null, 50, null, 100], ys: [null, null, 0.8, null, 0.5],
  bars: { upper: [null, null, 0.9, null, last[0]], lower: [null, null, 0.7, null, last[1]] } });

test('an error bar at the last step pads that end alone, by the figure\'s share', () => {
  assert.equal(page.MARK_X_PAD, 0.05);
  assert.deepEqual(plain(page.markedXRange([train, val()])), [0, 105]);
  assert.deepEqual(plain(page.stepXScale(null, [train, val()]).range()), [0, 105]);
});

test('a live plot reads its lines when uPlot asks, not when it was built: a grown line moves the padded end', () => {
  const scale = page.stepXScale(null, [train, val()]);
  const grown = { xs: [...train.xs, 125, 150], ys: [...train.ys, 1.1, 1.0] };
  const pass = { xs: [100, 150], ys: [0.5, 0.4], bars: { upper: [0.6, 0.5], lower: [0.4, 0.3] } };
  assert.deepEqual(plain(scale.range({ hgSeries: [grown, pass] }, 0, 150)), [0, 157.5]);
  assert.deepEqual(plain(scale.range({ hgSeries: [grown] }, 0, 150)), [0, 150]);
});

test('an error bar at the first x pads that end; at both, both', () => {
  const first = { xs: [0, 10], ys: [1, 2], bars: { upper: [1.2, null], lower: [0.8, null] } };
  assert.deepEqual(plain(page.markedXRange([first])), [-0.5, 10]);
  const both = { xs: [0, 10], ys: [1, 2], bars: { upper: [1.2, 2.2], lower: [0.8, 1.8] } };
  assert.deepEqual(plain(page.markedXRange([both])), [-0.5, 10.5]);
});

test('no bar at an end, or a zoom, leaves the range to the data or the zoom exactly', () => {
  assert.equal(page.markedXRange([train]), null);
  const inner = { ...val(), bars: { upper: [null, null, 0.9, null, null], lower: [null, null, 0.7, null, null] } };
  assert.equal(page.markedXRange([train, inner]), null);
  assert.deepEqual(plain(page.stepXScale(null, [train]).range(undefined, 0, 100)), [0, 100]); // uPlot's data extent as it is
  assert.deepEqual(plain(page.stepXScale([20, 80], [train, val()]).range()), [20, 80]);
});
