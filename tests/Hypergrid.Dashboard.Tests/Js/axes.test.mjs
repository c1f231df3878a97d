// axes.js: the x axes at step resolution (the places the server gives the buckets, a dragged range back in steps), the
// x axis's words, and the URL's values clamped to ones the page can draw.
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';

const withX = x => { const page = loadPage(); page.view.x = x; return page; };

test('xLabel says samples seen are logged only when every line logged them', () => {
  const page = withX('samples');
  assert.equal(page.xLabel([{ logged: true }, { logged: true }]), 'samples seen (logged)');
  assert.equal(page.xLabel([{ logged: true }, { logged: false }]), 'samples seen');
  assert.equal(page.xLabel([{ logged: false }]), 'samples seen (train steps × batch size)');
  assert.equal(page.xLabel([]), 'samples seen (train steps × batch size)');
});

test('xLabel names every other axis with its unit, whatever the lines logged', () => {
  const expected = { epoch: 'epoch', batch: 'batch (train batches done)', time: 'time (s)', step: 'train step (train batches done)',
    epochf: 'epoch (train batches done ÷ batches per epoch)' };
  for (const [x, words] of Object.entries(expected)) assert.equal(withX(x).xLabel([{ logged: true }]), words, x);
});

test('knownPhases keeps the page\'s phases once each, in the order asked', () => {
  const page = loadPage();
  assert.deepEqual(page.knownPhases(['val', 'train', 'val']), ['val', 'train']);
  assert.deepEqual(page.knownPhases(['test']), ['test']);
});

test('knownPhases leaves out unknown phases and falls back to train and val when none is left', () => {
  const page = loadPage();
  assert.deepEqual(page.knownPhases(['val', 'foo', '__proto__', 'constructor']), ['val']);
  assert.deepEqual(page.knownPhases(['foo']), ['train', 'val']);
  assert.deepEqual(page.knownPhases([]), ['train', 'val']);
});

test('clampNumber holds a number within its range and gives the default for a non-number', () => {
  const page = loadPage();
  assert.equal(page.clampNumber('5', 0, 0.99, 0), 0.99);
  assert.equal(page.clampNumber('-1', 0, 0.99, 0), 0);
  assert.equal(page.clampNumber('0.5', 0, 0.99, 0), 0.5);
  for (const bad of [null, undefined, '', 'abc', 'NaN', 'Infinity', '-Infinity', '1e999']) assert.equal(page.clampNumber(bad, 0, 0.99, 0.25), 0.25, String(bad));
});

test('oneOf keeps a known value and gives the default for any other', () => {
  const page = loadPage();
  assert.equal(page.oneOf('ci', ['std', 'ci'], 'std'), 'ci');
  for (const bad of [null, '', 'CI', 'constructor', 'toString']) assert.equal(page.oneOf(bad, ['std', 'ci'], 'std'), 'std', String(bad));
});

test('a URL\'s smoothing out of range is clamped into 0 to 0.99', () => {
  assert.equal(loadPage({ hash: 'sm=5' }).view.smooth, 0.99);
  assert.equal(loadPage({ hash: 'sm=-3' }).view.smooth, 0);
  assert.equal(loadPage({ hash: 'sm=abc' }).view.smooth, 0);
  assert.equal(loadPage({ hash: 'sm=0.6' }).view.smooth, 0.6);
});

test('a URL\'s unknown x axis, phases and Results choices open on the defaults', () => {
  const view = loadPage({ hash: 'x=foo&ph=nope&rr=worst&re=sem&rs=galaxy&b=iqr' }).view;
  assert.deepEqual([view.x, [...view.phases], view.r.reduce, view.r.err, view.r.scope, view.band], ['epoch', ['train', 'val'], 'final', 'std', 'dataset', 'std']);
});

test('a URL\'s known values are kept as they are', () => {
  const view = loadPage({ hash: 'x=samples&ph=val,test&rr=best&re=ci&rs=leaf&b=range&g=1&log=1' }).view;
  assert.deepEqual([view.x, [...view.phases], view.r.reduce, view.r.err, view.r.scope, view.band, view.group, view.log],
    ['samples', ['val', 'test'], 'best', 'ci', 'leaf', 'range', true, true]);
});

test('a view written to the URL reads back the same', () => {
  const page = loadPage({ hash: 'x=epochf&ph=val&sm=0.3&g=1&b=range&q=lr%3D0.1&sort=val_acc&desc=1&rr=best&re=ci&rs=mode&rl=1&hide=a/b&leaves=x/y/z/w' });
  page.writeView();
  const again = loadPage({ hash: page.location.hash.slice(1) }).view;
  const shape = v => JSON.stringify({ ...v, leaves: [...v.leaves ?? []], hide: [...v.hide] });
  assert.equal(shape(again), shape(page.view));
});

test('stepXs takes the places the server gave a step series: each bucket\'s last row, or its rows\' mean', () => {
  const page = loadPage();
  const body = { step: [0, 10], x: { mean: [4.5, 14.5], last: [9, 19], logged: false } };
  assert.deepEqual(page.stepXs(body, 'last'), [9, 19]);
  assert.deepEqual(page.stepXs(body, 'mean'), [4.5, 14.5]);
  assert.deepEqual(page.stepXs(body), [4.5, 14.5]);
});

test('stepXs is null for a series the server could not place on the axis, and loggedX says whose places are logged', () => {
  const page = loadPage();
  assert.equal(page.stepXs({ step: [0, 10] }, 'last'), null);
  assert.equal(page.stepXs({ step: [0], x: { mean: [1] } }, 'last'), null);
  assert.deepEqual([{ x: { logged: true } }, { x: { logged: false } }, {}].map(page.loggedX), [true, false, false]);
});

test('zoomOf keeps a dragged range as it is, in the axis units, and is null for no range', () => {
  const page = loadPage();
  assert.deepEqual(page.zoomOf(570.25, 869.75), [570.25, 869.75]);
  assert.deepEqual(page.zoomOf(-3, 0.5), [0, 0.5]); // a drag past the axis's start: from 0
  assert.equal(page.zoomOf(5, 5), null);
  assert.equal(page.zoomOf(9, 5), null);
  assert.equal(page.zoomOf(NaN, 5), null);
});

test('linkZoom reads from= and to= in the axis units on the axes that zoom: by step and by epoch', () => {
  const page = loadPage();
  assert.deepEqual(page.linkZoom('570', '870', 'samples'), [570, 870]);
  assert.deepEqual(page.linkZoom('0.25', '0.5', 'epochf'), [0.25, 0.5]);
  assert.deepEqual(page.linkZoom('10', '30', 'epoch'), [10, 30]);
  assert.equal(page.linkZoom('10', '30', 'batch'), null);
  assert.equal(page.linkZoom('10', '30', 'time'), null);
  assert.equal(page.linkZoom('30', '10', 'step'), null);
  assert.equal(page.linkZoom('x', '10', 'step'), null);
  assert.equal(page.linkZoom(null, '10', 'step'), null);
});

// The audit 4's defect 15: the page's step axis said "train step (train batches done)", its figures "train step
// (batches)". One table (AxisLabels.cs) owns the words; the page's copy is that table, on every axis and samples label.
test('the page names each axis as the figures do (AxisLabels.cs), the samples axis by how its lines are placed', () => {
  const cs = readFileSync(new URL('../../../src/Hypergrid.Dashboard/Series/AxisLabels.cs', import.meta.url), 'utf8');
  const table = Object.fromEntries([...cs.matchAll(/\["(\w+)"\] = "([^"]+)"/g)].map(m => [m[1], m[2]]));
  assert.deepEqual(Object.keys(table).sort(), ['batch', 'epoch', 'epochf', 'samples', 'samples_logged', 'samples_mixed', 'samples_note', 'step', 'time']);
  assert.deepEqual({ ...loadPage().X_LABELS }, table); // every word, the note too
  for (const x of ['epoch', 'batch', 'time', 'step', 'epochf']) assert.equal(withX(x).xLabel([]), table[x], x);
  const samples = withX('samples');
  assert.equal(samples.xLabel([{ logged: false }]), table.samples);
  assert.equal(samples.xLabel([{ logged: true }, { logged: true }]), table.samples_logged);
  assert.equal(samples.xLabel([{ logged: true }, { logged: false }]), table.samples_mixed);
});

// Audit 5's defect 7: by samples with only some trials logging a samples column, the page's x label was a bare
// "samples seen" with no note, while the figure said how each line is placed. The page says the table's note too.
test('a samples axis whose plot has lines placed both ways carries the figures\' note; any other view none', () => {
  const cs = readFileSync(new URL('../../../src/Hypergrid.Dashboard/Series/AxisLabels.cs', import.meta.url), 'utf8');
  const note = cs.match(/\["samples_note"\] = "([^"]+)"/)[1];
  assert.match(note, /logged by the program where its log has a samples column, else train steps × batch size/);
  const samples = withX('samples');
  const mixed = [{ logged: true }, { logged: false }], logged = [{ logged: true }], computed = [{ logged: false }];
  assert.equal(samples.xNote([logged, mixed]), note); // one plot of both kinds is enough
  assert.equal(samples.xNote([logged, logged]), '');
  assert.equal(samples.xNote([computed, []]), '');
  assert.equal(samples.xNote([logged, computed]), ''); // each plot's label says how its lines are placed
  for (const x of ['epoch', 'step', 'epochf']) assert.equal(withX(x).xNote([mixed]), '', x);
});

// The audit 4's defect 15: PyTorch's acc (val passes from step 62) was drawn from 62 to 127 beside loss from 0 to 125.
test('the plots of one view share one x range: from the least to the greatest x of any line of any plot', () => {
  const page = loadPage();
  const loss = [{ xs: [0, 60, 125], ys: [2, 1, 0.5] }], acc = [{ xs: [62, 127], ys: [0.8, 0.9] }, { xs: [200], ys: [null] }];
  assert.deepEqual(page.sharedXRange([loss, acc]), [0, 127]);
  assert.equal(page.sharedXRange([[{ xs: [5], ys: [1] }]]), null); // one x: each plot pads its own
  assert.equal(page.sharedXRange([]), null);
  page.store.xRange = [0, 127];
  assert.deepEqual(Array.from(page.stepXScale(null, []).range(null, 62, 127)), [0, 127]);
  page.store.xRange = null;
  assert.deepEqual(Array.from(page.stepXScale(null, []).range(null, 62, 127)), [62, 127]);
});

// The audit 4's defect 4: at 640 px the plots were at least 360 px wide, beside the 300 px trial browser: cut off.
test('a plot is as wide as its box, down to 200 px', () => {
  const page = loadPage();
  assert.equal(page.plotWidth({ clientWidth: 330 }), 320);
  assert.equal(page.plotWidth({ clientWidth: 100 }), 200);
  assert.equal(page.plotWidth({ clientWidth: 1210 }), 1200);
});
