// results-area.js: what the Results' chart area shows when the plotted section has no group, one, or several; and the
// best-so-far chart's dots, each its group's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';

const page = loadPage();
const group = (mean, trials) => ({ leaf: 'sweep/mnist/mlp/adam', values: {}, mean, trials });

test('with no group the chart area draws nothing, its figure buttons are off and it says why in the note\'s words', () => {
  for (const why of ['no complete trial yet', 'no complete trial in the selection']) {
    const area = page.chartArea([], why);
    assert.equal(area.kind, 'none');
    assert.equal(area.figures, false);
    assert.match(area.why, new RegExp(why));
  }
});

test('with no group and no reason given the area still says why it is empty', () => {
  const area = page.chartArea([], '');
  assert.equal(area.kind, 'none');
  assert.ok(area.why.length > 0);
});

test('one group is shown in words and two or more as charts, figures on either way', () => {
  assert.deepEqual(page.chartArea([group(1, ['trial_000'])], 'x'), { kind: 'single', figures: true, why: '' });
  assert.deepEqual(page.chartArea([group(1, ['trial_000']), group(2, ['trial_001'])], 'x'), { kind: 'charts', figures: true, why: '' });
});

test('each best-so-far point names its group, so its dot takes that group\'s colour', () => {
  const groups = [group(0.5, ['trial_004']), group(0.9, ['trial_001', 'trial_002']), group(0.7, ['trial_000'])];
  const points = page.bestSoFar(groups, 'max');
  assert.deepEqual(points.map(p => p.trial), [0, 1, 4]);
  assert.deepEqual(points.map(p => p.group), [2, 1, 0]);
  // A group left out (no finite mean) leaves the others' indices as they are.
  const gap = page.bestSoFar([group(NaN, ['trial_000']), group(0.3, ['trial_001'])], 'min');
  assert.deepEqual(gap.map(p => p.group), [1]);
});

test('the Results rank by the schema\'s metrics and then the logs\' own, in each phase, never by an x axis', () => {
  // What the results' logs report (an x axis among them too): ranked by in that order, the x axes never.
  const logged = ['loss', 'bleu', 'samples', 'time', 'acc', 'a_top5'];
  const reported = new Set(['val', 'train'].flatMap(p => logged.map(m => `${p}_${m}`)));
  assert.deepEqual(page.resultMetricNames(['loss', 'acc'], new Set(logged), reported),
    ['val_loss', 'val_acc', 'val_a_top5', 'val_bleu', 'train_loss', 'train_acc', 'train_a_top5', 'train_bleu']);
  assert.deepEqual(page.resultMetricNames(['loss'], new Set()), ['val_loss', 'train_loss']);
});

test('the best so far is drawn for the groups of one leaf (a search), not across leaves whose trial numbers do not order them', () => {
  const of = (leaf, n) => ({ leaf, values: {}, mean: n, trials: [`trial_00${n}`] });
  assert.equal(page.progressWhy([of('sweep/toy/mlp/tpe', 0), of('sweep/toy/mlp/tpe', 1)]), '');
  const across = page.progressWhy([of('sweep/toy/mlp/a', 0), of('sweep/toy/mlp/b', 0), of('sweep/toy/mlp/c', 1)]);
  assert.match(across, /3 leaves/);
  assert.equal(page.progressWhy([of('sweep/toy/mlp/a', 0)]), ''); // one group: hidden without words (the single box says it)
  assert.equal(page.progressWhy([]), '');
});
