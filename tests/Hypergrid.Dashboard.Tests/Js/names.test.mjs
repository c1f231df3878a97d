// names.js: the groups' names come from the server (POST /api/names, the figure files' rule, tested in C#); the page
// asks once per selection and trial list, only when grouped, and keeps the names it has when an answer fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial, HOSTILE } from './trials.mjs';

const leaf = 'sweep/mnist/mlp/adam';
const trials = [trial(leaf, 0, { lr: 0.1, seed: 0 }), trial(leaf, 1, { lr: 0.1, seed: 1 }), trial(leaf, 2, { lr: 0.01, seed: 0 })];
const answer = { title: 'lr', lines: [{ name: '0.1', trials: [trials[0].path, trials[1].path] }, { name: HOSTILE, trials: [trials[2].path] }] };

/** A page whose POST /api/names answers as `reply` says (a status and a body), counting the requests. */
function pageAnswering(hash, reply) {
  const asked = [];
  const fetch = async (url, init) => { asked.push({ url, body: JSON.parse(init.body) }); const r = reply(asked.length); return { ok: r.ok, json: async () => r.body }; };
  return { page: loadPage({ hash, globals: { fetch } }), asked };
}

test('without names asked, groups have none and no title', () => {
  const { title, byTrial } = loadPage({ hash: 'g=1' }).groupNames();
  assert.deepEqual([title, byTrial.size], [null, 0]);
});

test('grouped, the page asks the server to name the selection\'s groups and gives each trial its group\'s name', async () => {
  const { page, asked } = pageAnswering('g=1', () => ({ ok: true, body: answer }));
  await page.loadNames.raw(trials);
  assert.deepEqual(asked, [{ url: '/api/names', body: { trials: trials.map(t => t.path), group: true } }]);
  const { title, byTrial } = page.groupNames();
  assert.deepEqual([title, Array.from(byTrial)], ['lr', [[trials[0].path, '0.1'], [trials[1].path, '0.1'], [trials[2].path, HOSTILE]]]);
});

test('the page asks again only when the selection or the trial list changed, and never ungrouped', async () => {
  const { page, asked } = pageAnswering('g=1', () => ({ ok: true, body: answer }));
  await page.loadNames.raw(trials);
  await page.loadNames.raw(trials);
  assert.equal(asked.length, 1);
  await page.loadNames.raw(trials.slice(0, 2));
  assert.equal(asked.length, 2);
  page.store.trialsEtag = '"new"';
  await page.loadNames.raw(trials.slice(0, 2));
  assert.equal(asked.length, 3);
  const ungrouped = pageAnswering('', () => ({ ok: true, body: answer }));
  await ungrouped.page.loadNames.raw(trials);
  assert.equal(ungrouped.asked.length, 0);
});

test('a failed answer keeps the names of before and is asked again next time', async () => {
  const { page, asked } = pageAnswering('g=1', n => (n === 1 ? { ok: true, body: answer } : { ok: false }));
  await page.loadNames.raw(trials);
  await page.loadNames.raw(trials.slice(0, 2));
  assert.equal(page.groupNames().title, 'lr');
  await page.loadNames.raw(trials.slice(0, 2));
  assert.equal(asked.length, 3);
});
