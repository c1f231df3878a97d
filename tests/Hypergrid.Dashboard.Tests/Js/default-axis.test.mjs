// app.js: the default x axis (the audit 4's defects 1 and 7). A page opened before a short study started stayed by
// epoch for the whole run, and a link whose notes were read at open (zoom=1, m=loss,loss,acc, x=, an unknown hidden
// trial) wrote x=epoch into the URL, turning the default into a choice. The default is judged again until the study
// says enough, never over the user's choice, and never written into the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage, evaluate } from './page.mjs';
import { trial } from './trials.mjs';

const leaf = 'experiment/toy/net/sgd';

/** A page whose loadLogs loads nothing (the trials' logs are set by the test) and whose x select is a plain object. */
function pageAt(hash) {
  const select = { value: '' };
  const document = { getElementById: id => (id === 'x' ? select : null) };
  const page = loadPage({ hash, globals: { document } });
  evaluate(page, 'loadLogs = async () => {}; showLinkNotices = () => {}');
  return { page, select };
}

test('the axis is not judged while the page knows no trial, nor while a running trial has no plan and few epochs', () => {
  const page = loadPage();
  assert.equal(page.axisJudgement([], new Map()), null);
  const unplanned = trial(leaf, 0, {}, { state: 'running' });
  assert.equal(page.axisJudgement([unplanned], new Map([[unplanned.path, { phases: { train: { epoch: [1] } } }]])), null);
  assert.equal(page.axisJudgement([unplanned], new Map([[unplanned.path, { phases: { train: { epoch: [1, 2, 3, 4] } } }]])), 'epoch');
  assert.equal(page.axisJudgement([trial(leaf, 1, { epochs: 2 }, { state: 'pending' })], new Map()), 'step');
  assert.equal(page.axisJudgement([trial(leaf, 1, { epochs: 20 }, { state: 'pending' })], new Map()), 'epoch');
});

test('a page opened before a short study starts turns to step when its first trials appear', async () => {
  const { page, select } = pageAt('');
  assert.equal(await page.judgeDefaultAxis.raw(), false); // no trial yet: nothing to judge, judged again later
  assert.equal(page.view.x, 'epoch');
  page.store.trials = [0, 1].map(i => trial(leaf, i, { seed: i, epochs: 2 }, { state: i ? 'pending' : 'running' }));
  assert.equal(await page.judgeDefaultAxis.raw(), true);
  assert.equal(page.view.x, 'step');
  assert.equal(select.value, 'step');
  // Judged once: a later look does not move the axis under the user.
  page.store.trials = [trial(leaf, 0, { epochs: 50 }, { state: 'running' })];
  assert.equal(await page.judgeDefaultAxis.raw(), false);
  assert.equal(page.view.x, 'step');
});

test('a running trial with no plan is judged when its log passes three epochs or it completes', async () => {
  const { page } = pageAt('');
  const t = trial(leaf, 0, {}, { state: 'running' });
  page.store.trials = [t];
  page.store.logs.set(t.path, { phases: { train: { epoch: [1, 2] } } });
  assert.equal(await page.judgeDefaultAxis.raw(), false);
  page.store.trials = [{ ...t, state: 'complete' }];
  assert.equal(await page.judgeDefaultAxis.raw(), true);
  assert.equal(page.view.x, 'step');
});

test('an axis the user chose (in the link, the select or by a zoom) is never judged again', async () => {
  for (const hash of ['x=epoch', 'x=time&m=loss']) {
    const { page } = pageAt(hash);
    page.store.trials = [trial(leaf, 0, { epochs: 2 }, { state: 'pending' })];
    assert.equal(await page.judgeDefaultAxis.raw(), false, hash);
    assert.equal(page.view.x, hash.slice(2, hash.indexOf('&') < 0 ? undefined : hash.indexOf('&')), hash);
  }
  const { page } = pageAt('');
  page.view.xChosen = true; // as the select's change and a zoom's drag set it
  page.store.trials = [trial(leaf, 0, { epochs: 2 }, { state: 'pending' })];
  assert.equal(await page.judgeDefaultAxis.raw(), false);
  assert.equal(page.view.x, 'epoch');
});

test('a link rewritten after a notice keeps the default axis a default: no x= written, step judged later', async () => {
  for (const hash of ['zoom=1', 'm=loss,loss,acc', 'x=', 'x=foo', 'hide=experiment/toy/net/sgd/trial_009', 'sort=nope', 'sm=5']) {
    const { page } = pageAt(hash);
    page.openLink(hash, page.view);
    page.store.trials = [trial(leaf, 0, { epochs: 2 }, { state: 'running' })];
    page.store.fromLink = new Set(new URLSearchParams(hash).keys());
    page.checkLinkStudy.raw();
    assert.ok(!new URLSearchParams(page.location.hash.slice(1)).has('x'), `${hash}: wrote ${page.location.hash}`);
    // The rewritten link opens as the first did: on the default, judged from the study.
    const again = pageAt(page.location.hash.slice(1)).page;
    again.store.trials = page.store.trials;
    await again.judgeDefaultAxis.raw();
    assert.equal(again.view.x, 'step', hash);
  }
});

test('the note for an x the page did not take says the default is judged, not that epoch was chosen', () => {
  const page = loadPage({ hash: 'x=' });
  const said = page.linkNotices('x=', page.view);
  assert.match(said.join(' '), /^x: '' is not one of epoch.*: the default axis/);
});

// Review 5: a link's zoom by epoch (#from=1&to=2, x by default) on a 2-epoch study was judged over: step, zoom dropped.
test('a link zoom is the choice of the axis it was drawn on: never judged over, the zoom kept', async () => {
  const { page } = pageAt('from=1&to=2');
  assert.equal(page.view.xChosen, true);
  page.store.trials = [0, 1].map(i => trial(leaf, i, { seed: i, epochs: 2 }, { state: 'pending' }));
  assert.equal(await page.judgeDefaultAxis.raw(), false);
  assert.equal(page.view.x, 'epoch');
  assert.deepEqual(Array.from(page.view.zoom), [1, 2]);
  assert.equal(pageAt('from=2&to=1').page.view.xChosen, false); // no range: no choice
});

// Review 5: while the axis was undecided (a running trial with no plan), the judgement asked every trial's log at each
// refresh and the redraw asked the running ones again: two /api/epochs per refresh. It asks only logs not loaded yet.
test('the judgement asks only the logs not loaded yet; a loaded running trial is left to the redraw', async () => {
  const { page } = pageAt('');
  evaluate(page, 'var __asked = []; loadLogs = async trials => { __asked.push(trials.map(t => t.path)); }');
  const asked = () => JSON.parse(evaluate(page, 'JSON.stringify(__asked)'));
  const running = trial(leaf, 0, {}, { state: 'running' }), other = trial(leaf, 1, {}, { state: 'running' });
  page.store.trials = [running, other];
  page.store.logs.set(running.path, { state: 'running', phases: { train: { epoch: [1] } }, have: new Set() });
  assert.equal(await page.judgeDefaultAxis.raw(), false); // no plan, one epoch: undecided
  assert.deepEqual(asked(), [[other.path]]);
  page.store.logs.set(other.path, { state: 'running', phases: { train: { epoch: [1] } }, have: new Set() });
  await page.judgeDefaultAxis.raw();
  assert.deepEqual(asked(), [[other.path]]); // nothing asked the second time
});
