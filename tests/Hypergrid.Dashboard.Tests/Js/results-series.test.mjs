// results-series.js: the scatter draws the server's series (GET /api/report's section.series per x key; ResultsSeries.cs
// decides): a colour per series, its points joined, series at one x dodged apart; the y range padded so no point or
// ring sits on the frame (the fourth audit's defects 5 and 10).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';

const page = loadPage();

// Two batch sizes over three lrs, as the server answers them: groups by x, ranked, a slot each, dodged.
const answer = [
  { groups: [4, 0, 2], color: 0, line: true, dodge: -0.5 },
  { groups: [1, 5, 3], color: 1, line: true, dodge: 0.5 },
];

test('each point takes its series\' colour slot and dodge, and joined series are lines in their x order', () => {
  const s = page.scatterSeries(answer, 6);
  assert.deepEqual(s.slot, [0, 1, 0, 1, 0, 1]);
  assert.deepEqual(s.dodge, [-0.5, 0.5, -0.5, 0.5, -0.5, 0.5]);
  assert.deepEqual(s.lines, [{ color: 0, groups: [4, 0, 2] }, { color: 1, groups: [1, 5, 3] }]);
  assert.ok(s.step > 0);
});

test('a series without a colour slot leaves each point its group\'s colour; groups past the drawn ones are left out', () => {
  const s = page.scatterSeries([{ groups: [0, 1, 2], color: null, line: false, dodge: 0 }], 2);
  assert.deepEqual(s.slot, [null, null]);
  assert.deepEqual(s.lines, []);
  assert.equal(s.step, 0);
  // Only two of a series' three groups drawn (the table's first rows): its line joins those two.
  assert.deepEqual(page.scatterSeries(answer, 3).lines, [{ color: 0, groups: [0, 2] }]);
  // An older server (no series): nothing joined, nothing moved, group colours.
  assert.deepEqual(page.scatterSeries(undefined, 2), { slot: [null, null], dodge: [0, 0], lines: [], step: 0 });
});

test('series at one x stay a point apart, and many still span a bounded width', () => {
  const two = page.scatterSeries(answer, 6);
  assert.ok(two.step >= 8, `${two.step} px: points of radius 4 overlap`);
  const many = Array.from({ length: 41 }, (_, i) => ({ groups: [i], color: i, line: false, dodge: i - 20 }));
  const s = page.scatterSeries(many, 41);
  assert.ok(s.step * 40 <= 40 + 1e-9, `${s.step * 40} px`);
  // The figure's rule (FigureLayout.DodgeStep: min(0.45 em, 2 em / span)) shrinks the step in the same proportion
  // (review 5: the page's 36 px made 6 series 80% of full where the figure drew 89%).
  for (const n of [3, 6, 41]) {
    const lines = Array.from({ length: n }, (_, i) => ({ groups: [i], color: i, line: false, dodge: i - (n - 1) / 2 }));
    const span = n - 1;
    assert.ok(Math.abs(page.scatterSeries(lines, n).step / 9 - Math.min(0.45, 2 / span) / 0.45) < 1e-9, `${n} series`);
  }
});

test('the scatter\'s y range is padded past the lowest and highest value, a point\'s radius and more at a paper height', () => {
  for (const [lo, hi] of [[0.785, 0.922], [0, 1], [-3, -2]]) {
    const [a, b] = page.scatterYRange(lo, hi);
    // Before: the scatter's y ran from exactly the lowest to the highest value, the ring on the frame.
    assert.ok(a < lo && b > hi, `${a}, ${b}`);
    assert.ok((lo - a) / (b - a) * 220 >= 6 && (b - hi) / (b - a) * 220 >= 6, `${a}, ${b}: less than a ring's radius in 220 px`);
  }
  const [a, b] = page.scatterYRange(0.9, 0.9);
  assert.ok(a < 0.9 && b > 0.9);
});

test('dodged series widen the scatter\'s x padding, as the figure doubles it', () => {
  const axis = page.axisOf.raw([0.01, 0.1, 2]);
  const plain = page.scatterAt(axis, axis.pos(0.01)), wide = page.scatterAt(axis, axis.pos(0.01), 2 * page.SCATTER_PAD);
  assert.ok(wide > plain);
});

test('the scatter\'s key names each series once, in the server\'s order, by its first group\'s label', () => {
  const labels = [{ leaf: '', keys: ['batch_size=16'] }, { leaf: '', keys: ['batch_size=8'] }, { leaf: '', keys: ['batch_size=16'] },
    { leaf: '', keys: ['batch_size=8'] }, { leaf: '', keys: ['batch_size=16'] }, { leaf: '', keys: ['batch_size=8'] }];
  assert.deepEqual(page.seriesKey([{ groups: [1, 3, 5], color: 0, line: true, dodge: -0.5 }, { groups: [0, 2, 4], color: 1, line: true, dodge: 0.5 }], labels),
    [{ color: 0, text: 'batch_size=8' }, { color: 1, text: 'batch_size=16' }]);
  // Group colours (no series colour): no key, the table's swatches name them.
  assert.deepEqual(page.seriesKey([{ groups: [0, 1], color: null, line: false, dodge: 0 }], labels), []);
});

test('the key\'s entries flow into rows within the room', () => {
  const mono = (t, px = 11) => t.length * px / 2;
  const places = page.seriesKeyPlaces(['batch_size=8', 'batch_size=16', 'batch_size=32', 'batch_size=64', 'batch_size=128'], 300, mono);
  assert.deepEqual(places.map(p => p.row), [0, 0, 0, 1, 1]);
  for (const [i, p] of places.entries()) assert.ok(p.x + 14 + mono(['batch_size=8', 'batch_size=16', 'batch_size=32', 'batch_size=64', 'batch_size=128'][i]) <= 300);
});
