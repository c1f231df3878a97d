// plots.js: a metric's plot with no point (the audit's defect 15: a running PyTorch trial with train rows but no val
// pass yet got an empty "acc" frame with made-up axes, "0 line(s)") is words instead: which running trials it waits
// for and which of their rows, or that no shown row has the metric.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial } from './trials.mjs';

const leaf = 'sweep/mnist/mlp/adam';

test('a running trial with train rows and no val pass yet: its val rows are waited for, by step and by epoch', () => {
  const page = loadPage({ hash: 'x=step&m=loss,acc&ph=train,val' });
  const t = trial(leaf, 1, {}, { state: 'running' });
  page.store.steps.set(t.path, { train: { rows: 30 }, val: { rows: 0 } });
  assert.equal(page.emptyPlotWords('acc', [t]), `acc: ${t.path} is running: waiting for its first val rows`);
  const byEpoch = loadPage({ hash: 'x=epoch&m=loss,acc&ph=train,val' });
  byEpoch.store.logs.set(t.path, { phases: { train: { epoch: [1] } } });
  assert.equal(byEpoch.emptyPlotWords('acc', [t]), `acc: ${t.path} is running: waiting for its first val rows`);
});

test('running trials that have every shown phase\'s rows but not the metric wait for rows with it; many are counted', () => {
  const page = loadPage({ hash: 'x=step&m=bleu&ph=train,val' });
  const ts = [0, 1, 2, 3, 4].map(i => trial(leaf, i, {}, { state: 'running' }));
  for (const t of ts) page.store.steps.set(t.path, { train: { rows: 3 }, val: { rows: 1 } });
  assert.equal(page.emptyPlotWords('bleu', ts),
    `bleu: ${ts[0].path}, ${ts[1].path}, ${ts[2].path} and 2 more are running: waiting for their first rows with bleu`);
});

test('with nothing running, the words say no shown row has the metric; trials without any row are left to the waiting note', () => {
  const page = loadPage({ hash: 'x=epoch&m=acc&ph=val' });
  const done = trial(leaf, 0);
  page.store.logs.set(done.path, { phases: { val: { epoch: [1] } } });
  assert.equal(page.emptyPlotWords('acc', [done]), 'acc: no val row of the shown trials has a value');
  const bare = trial(leaf, 1, {}, { state: 'running' }); // no row at all: #waiting names it, the plot says nothing more
  assert.equal(page.emptyPlotWords('acc', [bare]), '');
});

// The audit 4's defect 1: during a first epoch, by epoch, each trial's line had one point, drawn as nothing: empty
// frames with made-up axes saying "2 line(s)".
test('a line of one point is drawn as a dot; a line of two or more, and one of none, are not', () => {
  const page = loadPage();
  const marks = ys => JSON.parse(JSON.stringify(page.markPoints(ys) ?? null));
  assert.deepEqual(marks([0.5]), [0.5]);
  assert.deepEqual(marks([null, 0.5, null]), [null, 0.5, null]);
  assert.equal(marks([0.5, 0.4]), null);
  assert.equal(marks([null]), null);
  // Its plot is built anew when the line gets its second point (its dots are drawn by the plot it was built with).
  const one = [{ label: 'a train', color: '#000000', xs: [1], ys: [0.5], marks: page.markPoints([0.5]) }];
  const two = [{ label: 'a train', color: '#000000', xs: [1, 2], ys: [0.5, 0.4] }];
  assert.notEqual(page.signature('loss', one), page.signature('loss', two));
});

// The audit 4's defect 14: "b64/trial_000, trial_001 are running: waiting for the first rows" shown while their
// group's line was drawn (grouped at step resolution the rows are the group's answer, not each trial's).
test('grouped by step, running trials whose group\'s answer has every member\'s rows are not named as waiting', () => {
  const page = loadPage({ hash: 'x=step&g=1&m=loss' });
  const ts = [0, 1].map(i => trial('experiment/d/m/b64', i, { seed: i }, { state: 'running' }));
  page.store.groupSteps = new Map([['g', { members: ts, train: { loss: { mean: [1.2, 1.1], n: [2, 2] } } }]]);
  assert.equal(page.waitingWords(ts).count, 0);
  // One seed's rows in the answer (n=1 of 2): which one cannot be told, so both are still named.
  page.store.groupSteps = new Map([['g', { members: ts, train: { loss: { mean: [1.2, null], n: [1, 0] } } }]]);
  assert.equal(page.waitingWords(ts).count, 2);
  page.store.groupSteps = new Map([['g', { members: ts }]]);
  assert.equal(page.waitingWords(ts).count, 2);
});
