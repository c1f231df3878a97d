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
  assert.deepEqual(Array.from(page.view.zoom), [570.25, 870.25]);
  const groups = [trial('experiment/d/m/sgd-bs16', 0, { batch_size: 16 }), trial('experiment/d/m/sgd-bs64', 0, { batch_size: 64 })];
  await page.loadGroupSteps.raw(groups, ['loss']);
  assert.equal(asked.length, 2);
  for (const url of asked) assert.deepEqual([params(url).get('from'), params(url).get('to'), params(url).get('x')], ['570.25', '870.25', 'samples']);
  assert.match(page.location.hash, /from=570\.25&to=870\.25/);
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
