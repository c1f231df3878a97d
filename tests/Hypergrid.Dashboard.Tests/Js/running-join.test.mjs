// data.js: how a running trial's step series is refreshed. The page asks only for the new rows (from its last bucket)
// and extends the line it holds, unless the answer was placed by another scale (x.scale: a running trial by epochs as a
// fraction, placed by its train set ÷ batch_size until its first epoch ends, then by its log's own rows per epoch) or
// its log shrank: then the whole series is asked again and replaces the line, so no line has a kink at the join.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial } from './trials.mjs';

const leaf = 'sweep/mnist/mlp/adam';

/** An /api/series answer over the steps [from, to) (one bucket each), placed by epochs at `scale` per train step. */
function answer({ from, to, rows, scale, phase = 'train' }) {
  const step = Array.from({ length: to - from }, (_, i) => from + i);
  const places = step.map(s => (phase === 'train' ? s + 1 : s) * scale);
  const values = step.map(s => 1 / (1 + s));
  return {
    axis: 'train_step', phase, rows, from, to, raw: true, width: 1, step, at: step,
    x: { axis: 'epochf', logged: false, scale, mean: places, last: places },
    loss: { first: values, last: values, min: values, max: values, mean: values },
  };
}

/** A page on the epochs-as-a-fraction axis whose fetch answers by `reply(url)` and keeps the URLs asked. */
function pageWith(reply, phases = 'train') {
  const asked = [];
  const fetch = async url => { asked.push(url); return { ok: true, json: async () => reply(url) }; };
  const document = { getElementById: () => ({ clientWidth: 400 }) };
  const page = loadPage({ hash: `x=epochf&m=loss&ph=${phases}`, globals: { fetch, document } });
  page.store.schema.push('loss');
  return { page, asked };
}

const from = url => Number(new URL(url, 'http://page').searchParams.get('fromstep') ?? 0);
const running = trial(leaf, 0, { batch_size: 64 }, { state: 'running' });

test('stepJoin extends a line placed by the same scale and asks afresh when the scale changed', () => {
  const { page } = pageWith(() => null);
  const prev = answer({ from: 0, to: 100, rows: 100, scale: 1 / 157 });
  assert.equal(page.stepJoin(prev, answer({ from: 99, to: 120, rows: 120, scale: 1 / 157 })), 'extend');
  assert.equal(page.stepJoin(prev, answer({ from: 99, to: 170, rows: 170, scale: 1 / 156 })), 'afresh');
  assert.equal(page.stepJoin(prev, { ...answer({ from: 99, to: 120, rows: 120, scale: 1 / 157 }), x: { ...prev.x, logged: true } }), 'afresh');
});

test('stepJoin asks afresh when the log shrank (restarted), judged by the rows of the phase', () => {
  const { page } = pageWith(() => null);
  assert.equal(page.stepJoin(answer({ from: 0, to: 100, rows: 100, scale: 1 }), answer({ from: 99, to: 100, rows: 40, scale: 1 })), 'afresh');
  // A val line has few rows over many steps: more val rows than before is growth, whatever the steps.
  const val = answer({ from: 0, to: 160, rows: 1, scale: 1 / 156, phase: 'val' });
  assert.equal(page.stepJoin(val, answer({ from: 159, to: 320, rows: 2, scale: 1 / 156, phase: 'val' })), 'extend');
});

test('a running trial whose scale is unchanged is extended from its last two buckets, asked once', async () => {
  const { page, asked } = pageWith(url => (from(url) === 0 ? answer({ from: 0, to: 100, rows: 100, scale: 1 / 157 })
    : answer({ from: 98, to: 150, rows: 150, scale: 1 / 157 })));
  await page.loadSteps.raw([running]);
  await page.loadSteps.raw([running]);
  assert.equal(asked.length, 2);
  assert.match(asked[1], /fromstep=98&width=1/);
  const line = page.store.steps.get(running.path).train;
  assert.deepEqual(Array.from(line.step), Array.from({ length: 150 }, (_, i) => i));
  assert.deepEqual(Array.from(line.x.last), line.step.map(s => (s + 1) * (1 / 157)));
});

test('a running trial whose first epoch ended shorter than reckoned is asked afresh and its line replaced: no kink', async () => {
  // Before its first epoch ended: 10,000 samples ÷ 64 = 157 reckoned; after: the log's 156 rows per epoch.
  let ended = false;
  const { page, asked } = pageWith(url => (from(url) === 0
    ? answer({ from: 0, to: ended ? 170 : 100, rows: ended ? 170 : 100, scale: ended ? 1 / 156 : 1 / 157 })
    : answer({ from: 98, to: 170, rows: 170, scale: 1 / 156 })));
  await page.loadSteps.raw([running]);
  ended = true;
  await page.loadSteps.raw([running]);
  assert.equal(asked.length, 3);
  assert.match(asked[1], /fromstep=98/);
  assert.doesNotMatch(asked[2], /from(step)?=/); // the whole series, at the plot's points
  const line = page.store.steps.get(running.path).train;
  assert.equal(line.x.scale, 1 / 156);
  // Every place is by one scale: the earlier buckets are not left at 1/157.
  assert.deepEqual(Array.from(line.x.last), line.step.map(s => (s + 1) * (1 / 156)));
});

test('a running trial\'s val line keeps its earlier buckets when its new rows come', async () => {
  // The val phase has a row per epoch over many steps: its rows are fewer than its steps.
  const { page } = pageWith(url => (from(url) === 0 ? answer({ from: 0, to: 160, rows: 1, scale: 1 / 156, phase: 'val' })
    : answer({ from: 159, to: 320, rows: 2, scale: 1 / 156, phase: 'val' })), 'val');
  await page.loadSteps.raw([running]);
  await page.loadSteps.raw([running]);
  const line = page.store.steps.get(running.path).val;
  assert.equal(line.step[0], 0);
  assert.equal(line.step.length, 320);
});
