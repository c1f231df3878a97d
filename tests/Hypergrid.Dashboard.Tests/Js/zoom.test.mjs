// The zoom at step resolution: a drag's x range travels as it is, in the axis's own units (samples seen, epochs), to
// the server (from=, to=), the figure request and the URL; the server maps it to each trial's steps (AxisRange.cs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage, evaluate } from './page.mjs';
import { trial } from './trials.mjs';

/** A page on an axis whose fetch keeps the URLs asked (answers: none), with redraw and the DOM stubbed. */
function pageWith(hash) {
  const asked = [];
  const fetch = async url => { asked.push(url); return { ok: false, json: async () => null }; };
  const document = { getElementById: id => (id === 'plots' ? { clientWidth: 800 } : null) };
  const page = loadPage({ hash, globals: { fetch, document } });
  evaluate(page, 'redraw = () => {}');
  page.store.schema.push('loss');
  return { page, asked };
}

/** A uPlot as the drag hook sees it: a selection in pixels and a pixel-to-x map (1 px = 2.5 samples). */
const dragged = (left, width) => ({ select: { left, width }, posToVal: px => px * 2.5 });

const params = url => new URL(url, 'http://page').searchParams;

test('a drag on the samples axis asks every group for the dragged samples, unchanged, and puts them in the URL', async () => {
  const { page, asked } = pageWith('x=samples&m=loss&ph=train&g=1');
  page.zoomSteps.raw(dragged(228.1, 120));
  // 570.25 to 870.25 dragged, where one pixel is 2.5 samples: rounded to what the axis shows.
  assert.deepEqual(Array.from(page.view.zoom), [570, 870]);
  const groups = [trial('experiment/d/m/sgd-bs16', 0, { batch_size: 16 }), trial('experiment/d/m/sgd-bs64', 0, { batch_size: 64 })];
  await page.loadGroupSteps.raw(groups, ['loss']);
  assert.equal(asked.length, 2);
  for (const url of asked) assert.deepEqual([params(url).get('from'), params(url).get('to'), params(url).get('x')], ['570', '870', 'samples']);
  assert.match(page.location.hash, /x=samples.*from=570&to=870/);
});

test('ungrouped, every trial is asked the same dragged range; a drag of under 2 px is no zoom', async () => {
  const { page, asked } = pageWith('x=epochf&m=loss&ph=train,val');
  page.zoomSteps.raw(dragged(10, 1));
  assert.equal(page.view.zoom, null);
  page.zoomSteps.raw({ select: { left: 10, width: 40 }, posToVal: px => px / 100 });
  await page.loadSteps.raw([trial('sweep/d/m/t', 0, { batch_size: 16 }), trial('sweep/d/m/t', 1, { batch_size: 64 })]);
  assert.equal(asked.length, 4);
  for (const url of asked) assert.deepEqual([params(url).get('from'), params(url).get('to')], ['0.1', '0.5']);
});

test('a link opens zoomed on its from= and to=, and the figure asks the same range', () => {
  const { page } = pageWith('x=samples&m=loss&from=570&to=870');
  assert.deepEqual(Array.from(page.view.zoom), [570, 870]);
  assert.match(page.figureUrl('loss', 'svg'), /from=570&to=870/);
  assert.deepEqual(page.linkNotices('x=samples&from=570&to=870', page.view), []);
});

test('a link zoom on an axis that does not zoom (batch, time), or not a range, is left out and said', () => {
  const { page } = pageWith('x=batch&from=10&to=30');
  assert.equal(page.view.zoom, null);
  assert.match(page.linkNotices('x=batch&from=10&to=30', page.view).join(' '), /zoom: only the epoch, step, samples and epochf axes zoom/);
  const bad = pageWith('x=step&from=30&to=10').page;
  assert.match(bad.linkNotices('x=step&from=30&to=10', bad.view).join(' '), /zoom: .* not zoomed/);
});

// The audit 4's defect 15: a drag wrote from=569.5113350125945 into the URL.
test('a dragged range is rounded to the digits one pixel of the axis shows, never so far that its ends meet', () => {
  const page = loadPage();
  assert.deepEqual(page.roundZoom(569.5113350125945, 871.7, 2.5), [570, 872]);
  assert.deepEqual(page.roundZoom(0.123456, 0.654321, 0.004), [0.123, 0.654]);
  assert.deepEqual(page.roundZoom(10.2, 10.4, 1), [10.2, 10.4]); // rounded both would be 10
  const { page: p } = pageWith('x=epochf&m=loss');
  p.zoomSteps.raw({ select: { left: 33, width: 40 }, posToVal: px => px / 97 });
  assert.match(p.location.hash, /from=0\.34&to=0\.75&/);
});

// The audit 4's defect 6: to=1e99 was asked as it was (the server refused it: every plot said no row has a value), and
// from=-5 was asked from 0 while the URL kept -5.
test('a link zoom past the axis\'s end is left out and said; one before its start starts at 0; the URL says so', () => {
  for (const [hash, zoom, said, url] of [
    ['x=samples&from=0&to=1e99', null, /zoom: to='1e99' is past the end of the x axis: not zoomed/, /^#m=/],
    ['x=step&from=0&to=3000000000', null, /zoom: to='3000000000' is past the end of the x axis: not zoomed/, /^#m=/],
    ['x=step&from=-5&to=300', [0, 300], /zoom: from='-5' is before the start of the x axis: from=0/, /from=0&to=300/],
  ]) {
    const { page } = pageWith(hash);
    assert.deepEqual(page.view.zoom === null ? null : Array.from(page.view.zoom), zoom, hash);
    const notes = page.openLink(hash, page.view);
    assert.match(notes.join(' '), said, hash);
    assert.match(page.location.hash, url, hash);
    assert.ok(!/1e99|-5|3000000000/.test(page.location.hash), `${hash}: the URL kept ${page.location.hash}`);
    const again = pageWith(page.location.hash.slice(1)).page;
    assert.deepEqual(again.linkNotices(page.location.hash.slice(1), again.view), [], hash);
  }
});

// Audit 5's defect 6: to=1e99 said "past the end of the x axis (at most 9007199254740992)" while the lines ended at
// 1024: the server's limit, not the data's end. Once lines are drawn, the notice names where they end, on every axis.
test('a link zoom past the end names where the drawn lines end, not the server\'s limit', () => {
  for (const [hash, lines, end] of [
    ['x=samples&m=loss&from=0&to=1e99', [[{ xs: [16, 512, 1024], ys: [2, 1, 0.5] }], [{ xs: [64, 1000], ys: [0.1, null] }]], '1024'],
    ['x=step&m=loss&from=0&to=3000000000', [[{ xs: [0, 62], ys: [1, 1] }]], '62'],
    ['x=epochf&m=loss&from=0.5&to=1e300', [[{ xs: [0.25, 1.5], ys: [1, 1] }]], '1.5'],
  ]) {
    const { page } = pageWith(hash);
    const notes = page.openLink(hash, page.view);
    assert.ok(!notes.join(' ').match(/9007199254740992|2147483647/), notes.join(' '));
    const said = page.linesEndWords(notes, lines);
    assert.match(said.join(' '), new RegExp(`past the end of the x axis: not zoomed, the whole axis shown \\(the lines end at ${end.replace('.', '\\.')}\\)`), hash);
    assert.deepEqual(page.linesEndWords(notes, [[{ xs: [], ys: [] }]]), notes, 'no line yet: the words as they were');
  }
  // A notice without a zoom past the end is left as it is.
  assert.deepEqual(loadPage().linesEndWords(['sort: \'x\' is not one of a: unsorted'], [[{ xs: [1, 2], ys: [1, 1] }]]), ['sort: \'x\' is not one of a: unsorted']);
});

// The fourth audit's point 8: a range by epoch was ignored (the page said "not zoomed", `hypergrid plot` drew every
// epoch). By epoch the page zooms as by step: the range [from, to) of whole epochs, the axis from..to, the figure the same.
test('a link zoom by epoch opens zoomed, draws only its epochs, and the figure asks the same range', () => {
  const { page } = pageWith('x=epoch&m=loss&from=5&to=10');
  assert.deepEqual(Array.from(page.view.zoom), [5, 10]);
  assert.deepEqual(page.linkNotices('x=epoch&m=loss&from=5&to=10', page.view), []);
  assert.match(page.figureUrl('loss', 'svg'), /x=epoch.*from=5&to=10/);
  const line = { xs: [1, 4, 5, 9, 10, 12], ys: [6, 5, 4, 3, 2, 1], band: { upper: [7, 6, 5, 4, 3, 2], lower: [5, 4, 3, 2, 1, 0] } };
  const [shown] = page.inZoom([line]);
  assert.deepEqual(JSON.parse(JSON.stringify([shown.ys, shown.band.upper])), [[null, null, 4, 3, null, null], [null, null, 5, 4, null, null]]);
  assert.equal(JSON.stringify(page.zoomScale(page.view.zoom).range()), '[5,10]');
});
