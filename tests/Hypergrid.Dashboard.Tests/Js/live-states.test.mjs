// data.js: a trial whose state changes while the page shows it (running -> complete, complete -> running again, a
// refresh that fails just then) keeps its lines or has them replaced by its new log's, on every step axis, ungrouped
// and grouped. The audit's defect 1: trials lost their lines when they completed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial } from './trials.mjs';

const leaf = 'sweep/mnist/mlp/adam';
const STEP_AXES = ['step', 'samples', 'epochf'];

/**
 * A batch log as /api/series reads it: `train` train rows (loss `value(step)`), and a val row after each `every`
 * train rows. Answers a series query over it one bucket per step (width 1), from `from` when asked.
 */
function log(train, every, value = s => 1 / (1 + s)) {
  const val = [];
  for (let s = every; s <= train; s += every) val.push(s);
  return {
    answer(url, axis) {
      const q = new URL(url, 'http://page').searchParams;
      const phase = q.get('phase');
      const extent = Math.max(train, val.length ? val[val.length - 1] + 1 : 0);
      const from = Number(q.get('fromstep') ?? q.get('from') ?? 0);
      const step = Array.from({ length: Math.max(0, extent - from) }, (_, i) => from + i);
      const has = s => (phase === 'train' ? s < train : val.includes(s));
      const ys = step.map(s => (has(s) ? value(s) : null));
      const places = step.map(s => (has(s) ? (phase === 'train' ? s + 1 : s) : null));
      return {
        axis: 'train_step', phase, rows: phase === 'train' ? train : val.length, from, to: extent, raw: true, width: 1, step,
        at: step.map(s => (has(s) ? s : null)),
        x: { axis, logged: false, scale: 1, mean: places, last: places },
        loss: { first: ys, last: ys, min: ys, max: ys, mean: ys },
      };
    },
  };
}

/** A page on `axis` whose server answers from `server.log` (swapped by a test) or fails while `server.down`. */
function pageOn(axis, extra = '') {
  const server = { log: null, down: false, asked: [] };
  const fetch = async url => {
    server.asked.push(url);
    if (server.down) return { ok: false, status: 404, json: async () => null };
    return { ok: true, json: async () => server.log.answer(url, axis) };
  };
  const document = { getElementById: () => ({ clientWidth: 400 }) };
  const page = loadPage({ hash: `x=${axis}&m=loss&ph=train,val${extra}`, globals: { fetch, document } });
  page.store.schema.push('loss');
  return { page, server };
}

const lineOf = (page, t, phase) => page.store.steps.get(t.path)?.[phase];
const values = line => Array.from(line.loss.last).filter(v => v != null);

for (const axis of STEP_AXES) {
  test(`by ${axis}, a trial that completes while shown keeps every bucket of its train and val lines`, async () => {
    const { page, server } = pageOn(axis);
    const t = trial(leaf, 0, { batch_size: 32 });
    server.log = log(40, 16);
    await page.loadSteps.raw([{ ...t, state: 'running', log: 'batch_log.partial.csv' }]);
    // Its last val pass is written (at step 48: the step axis one longer than the train rows); it still runs.
    server.log = log(48, 16);
    await page.loadSteps.raw([{ ...t, state: 'running', log: 'batch_log.partial.csv' }]);
    assert.equal(values(lineOf(page, t, 'train')).length, 48);
    // It ends: its finished log has the same rows.
    await page.loadSteps.raw([{ ...t, log: 'batch_log.csv' }]);
    assert.equal(values(lineOf(page, t, 'train')).length, 48);
    assert.equal(lineOf(page, t, 'train').step[0], 0);
    assert.deepEqual(values(lineOf(page, t, 'val')), [16, 32, 48].map(s => 1 / (1 + s)));
    // Complete and unchanged: not asked again.
    const before = server.asked.length;
    await page.loadSteps.raw([{ ...t, log: 'batch_log.csv' }]);
    assert.equal(server.asked.length, before);
  });

  test(`by ${axis}, a trial that runs again after completing shows its new attempt's rows, none of the old attempt's`, async () => {
    const { page, server } = pageOn(axis);
    const t = trial(leaf, 0, { batch_size: 32 });
    server.log = log(48, 16, () => 5); // the first attempt's loss: 5 everywhere
    await page.loadSteps.raw([t]);
    // Run again (another config's epochs, or --retrain): by the page's next look its new log already has more rows.
    server.log = log(60, 16, () => 1);
    await page.loadSteps.raw([{ ...t, state: 'running', log: 'batch_log.partial.csv' }]);
    const train = lineOf(page, t, 'train');
    assert.deepEqual([...new Set(values(train))], [1]);
    assert.equal(values(train).length, 60);
    assert.deepEqual([...new Set(values(lineOf(page, t, 'val')))], [1]);
  });

  test(`by ${axis}, an answer that fails as a trial completes keeps its lines and is asked again at the next refresh`, async () => {
    const { page, server } = pageOn(axis);
    const t = trial(leaf, 0, { batch_size: 32 });
    server.log = log(40, 16);
    await page.loadSteps.raw([{ ...t, state: 'running' }]);
    server.down = true;
    page.store.retry = false;
    await page.loadSteps.raw([t]);
    assert.equal(values(lineOf(page, t, 'train')).length, 40); // what it had, not nothing
    assert.equal(page.store.retry, true); // the refresh loop asks again even when nothing runs
    server.down = false;
    server.log = log(48, 16);
    await page.loadSteps.raw([t]);
    assert.equal(values(lineOf(page, t, 'train')).length, 48);
    assert.equal(values(lineOf(page, t, 'val')).length, 3);
  });

  test(`by ${axis}, grouped, a group whose answer fails as its seeds complete keeps its band and is asked again`, async () => {
    const { page, server } = pageOn(axis, '&g=1');
    const seeds = [0, 1].map(i => trial(leaf, i, { batch_size: 32 }));
    // A group's answer: one trial's buckets with mean/std/n, enough for the page to keep.
    const group = n => ({ answer(url) { const a = log(n, 16).answer(url, axis); return { ...a, trials: 2, loss: { mean: a.loss.last, std: a.loss.last.map(() => 0), min: a.loss.min, max: a.loss.max, n: a.loss.last.map(() => 2) } }; } });
    server.log = group(40);
    await page.loadSteps.raw(seeds.map(t => ({ ...t, state: 'running' })));
    server.down = true;
    page.store.retry = false;
    await page.loadSteps.raw(seeds);
    const entry = () => [...page.store.groupSteps.values()][0];
    assert.equal(entry().train.loss.mean.filter(v => v != null).length, 40);
    assert.equal(page.store.retry, true);
    server.down = false;
    server.log = group(48);
    await page.loadSteps.raw(seeds);
    assert.equal(entry().train.loss.mean.filter(v => v != null).length, 48);
  });
}

// The review: with neither train nor val shown (ph=test, or both unticked), the merged loadSteps set the state of a
// line entry it never made, and the redraw threw at every refresh.
test('with neither train nor val shown, loading step buckets asks nothing and throws nothing', async () => {
  const { page, server } = pageOn('step');
  server.log = log(40, 16);
  page.view.phases = ['test'];
  await page.loadSteps.raw([trial(leaf, 0, { batch_size: 32 }, { state: 'running' })]);
  assert.deepEqual(server.asked, []);
});

// A trial whose log lacks one of the ticked metrics (a built-in trial beside a program's bleu) answers the others:
// every ticked metric is asked as optional, which the server answers when the log has it (OptionalMetricsApiTests).
test('the ticked metrics are asked as optional columns, so a log without one still draws the others', async () => {
  const { page, server } = pageOn('step');
  server.log = log(40, 16);
  page.view.metrics = ['loss', 'bleu'];
  page.store.metrics.add('bleu');
  await page.loadSteps.raw([trial(leaf, 0, { batch_size: 32 })]);
  assert.ok(server.asked.length > 0);
  for (const url of server.asked) assert.match(url, /[?&]metrics=&optional=loss,bleu(&|$)/);
  assert.ok(values(lineOf(page, trial(leaf, 0), 'train')).length > 0);
});
