// plots.js, results.js, search.js: numbers as ticks and labels, round tick steps, the Results' axes (linear, log or
// categories), p-values and intervals, the trials of a selection in a URL, and a search's best so far.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage, evaluate } from './page.mjs';
import { trial, HOSTILE } from './trials.mjs';

const page = loadPage();

test('tick writes four significant digits, and tiny or huge values as exponents', () => {
  const cases = [[null, ''], [undefined, ''], [0, '0'], [1, '1'], [0.123456, '0.1235'], [1234.5, '1235'], [-2.5, '-2.5'],
    [0.001, '0.001'], [0.00012, '1.2e-4'], [-0.00012, '-1.2e-4'], [100000, '1.0e+5'], [123456789, '1.2e+8']];
  for (const [v, text] of cases) assert.equal(page.tick(v), text, String(v));
});

test('axisLabel writes at most four significant digits without float noise', () => {
  const cases = [[0.1 + 0.2, '0.3'], [1e-7, '1e-7'], [0.00012346, '0.0001235'], [250000, '250000'], [-3, '-3']];
  for (const [v, text] of cases) assert.equal(page.axisLabel(v), text, String(v));
});

test('niceTicks steps by 1, 2, 2.5 or 5 times a power of ten, inside the range, without float noise', () => {
  assert.deepEqual(page.niceTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(page.niceTicks(0.1, 0.35), [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
  assert.deepEqual(page.niceTicks(-10, 10), [-10, -5, 0, 5, 10]);
  assert.deepEqual(page.niceTicks(0, 1.2), [0, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual(page.niceTicks(0.91, 0.97), [0.92, 0.94, 0.96]);
  assert.deepEqual(page.niceTicks(3, 3), [3]);
});

test('niceTicks gives about n round ticks for any range', () => {
  for (const [lo, hi] of [[0, 7], [1e-5, 3e-5], [12, 1234], [-0.5, 0.25], [0.9612, 0.9688]]) {
    const ticks = page.niceTicks(lo, hi);
    assert.ok(ticks.length >= 2 && ticks.length <= 11, `${lo}..${hi}: ${ticks}`);
    assert.ok(ticks.every(t => t >= lo - 1e-12 && t <= hi + 1e-12), `${lo}..${hi}: ${ticks}`);
    assert.ok(ticks.every(t => String(t).length <= 8), `${lo}..${hi}: ${ticks}`);
  }
});

test('axisOf draws numbers linearly, from 0 at the lowest to 1 at the highest', () => {
  const axis = page.axisOf.raw([0.1, 0.3, 0.2]);
  assert.equal(axis.kind, 'linear');
  assert.deepEqual([0.1, 0.2, 0.3].map(v => Number(axis.pos(v).toFixed(12))), [0, 0.5, 1]);
  assert.equal(axis.missing, false);
});

test('axisOf draws positive numbers over two decades or more on a log axis with a tick per decade', () => {
  const axis = page.axisOf.raw([0.0001, 0.001, 0.01]);
  assert.equal(axis.kind, 'log');
  assert.deepEqual([0.0001, 0.001, 0.01].map(axis.pos), [0, 0.5, 1]);
  assert.deepEqual(Array.from(axis.ticks, t => t.label), ['0.0001', '0.001', '0.01']);
  assert.equal(page.axisOf.raw([0.01, 0.5]).kind, 'linear'); // under two decades
  assert.equal(page.axisOf.raw([0, 0.01, 10]).kind, 'linear'); // zero: no log
});

test('axisOf draws anything else as categories, hostile names as they are, and one value in the middle', () => {
  const axis = page.axisOf.raw(['adam', 'sgd', HOSTILE, 'adam']);
  assert.equal(axis.kind, 'categorical');
  assert.deepEqual(Array.from(axis.ticks, t => [t.at, t.label]), [[0, 'adam'], [0.5, 'sgd'], [1, HOSTILE]]);
  assert.equal(page.axisOf.raw([1, 'x']).kind, 'categorical');
  assert.equal(page.axisOf.raw([7, 7]).pos(7), 0.5);
  assert.equal(page.axisOf.raw(['only']).pos('only'), 0.5);
});

test('axisOf gives a missing value no position and says the axis has one', () => {
  const axis = page.axisOf.raw([1, undefined, 3]);
  assert.equal(axis.missing, true);
  assert.equal(axis.pos(undefined), null);
  assert.equal(page.axisOf.raw([undefined]).kind, 'categorical');
});

test('axisTitle says which kind of axis it is', () => {
  assert.equal(page.axisTitle('lr', { kind: 'log' }), 'lr (log)');
  assert.equal(page.axisTitle('opt', { kind: 'categorical' }), 'opt (categories)');
  assert.equal(page.axisTitle('hidden', { kind: 'linear' }), 'hidden');
});

test('the Results write p-values, intervals and group cells as the CLI does', () => {
  assert.deepEqual([null, 0.00001, 0.0001, 0.04567].map(page.pValue), ['', '<0.0001', '0.0001', '0.0457']);
  assert.equal(page.interval(0.1, 0.25), '[0.1000, 0.2500]');
  assert.equal(page.interval(null, 0.25), '');
  assert.equal(page.groupCell({ mean: 0.9, std: 0.01, n: 5 }), '0.9000 ± 0.0100 (n=5)');
  assert.equal(page.groupCell({ mean: 0.9, std: null, n: 1 }), '0.9000 (n=1)');
});

test('the Results\' figure columns say seeds to decide only for an undecided group', () => {
  const cell = Object.fromEntries(page.figureColumns.map(([head, get]) => [head, get]));
  const seeds = cell['seeds to decide'];
  assert.equal(seeds({ verdict: 'undecided', seeds_needed: 11, seeds_decide: 'different' }), '11 (different)');
  assert.equal(seeds({ verdict: 'undecided', seeds_needed: null }), 'more than 1000');
  assert.equal(seeds({ verdict: 'equivalent', seeds_needed: 3 }), '');
  assert.equal(cell.p({ p: 0.01, test: 'paired' }), '0.0100 (paired)');
  assert.equal(cell.p({ p: 0.01, test: 'welch' }), '0.0100 (Welch)');
  assert.equal(cell.p({ p: null }), '');
  assert.equal(cell['p sign-flip']({ p_perm: 0.5, perm_method: 'monte carlo' }), '0.5000 (MC)');
});

test('compactTrials writes each leaf\'s trial numbers as ranges', () => {
  const a = 'sweep/mnist/mlp/adam', b = 'sweep/mnist/cnn/sgd';
  const trials = [trial(a, 3), trial(a, 0), trial(a, 1), trial(a, 2), trial(a, 7), trial(b, 10), trial(a, 9), trial(a, 8)];
  assert.equal(page.compactTrials(trials), `${a}:0-3,7-9;${b}:10`);
  assert.equal(page.compactTrials([]), '');
});

test('bestSoFar keeps the best group value after each trial, by the report\'s goal, in trial order', () => {
  const groups = [{ trials: ['trial_004', 'trial_005'], mean: 0.5 }, { trials: ['trial_001'], mean: 0.7 }, { trials: ['trial_009'], mean: 0.9 },
    { trials: ['trial_002'], mean: NaN }];
  const max = page.bestSoFar(groups, 'max');
  assert.deepEqual(max.map(p => [p.trial, p.value, p.best]), [[1, 0.7, 0.7], [4, 0.5, 0.7], [9, 0.9, 0.9]]);
  const min = page.bestSoFar(groups, 'min');
  assert.deepEqual(min.map(p => p.best), [0.7, 0.5, 0.5]);
  assert.deepEqual(page.bestSoFar([], 'max'), []);
});

test('a plot axis\'s tick labels stay distinct when its ticks are close together, tiny, huge or near one', () => {
  for (const splits of [[1e-4, 1.01e-4, 1.02e-4], [123400, 123500, 123600], [1.0001, 1.0002, 1.0003], [-0.50001, -0.5, -0.49999]]) {
    const labels = page.tickLabels(splits);
    assert.equal(new Set(labels).size, splits.length, `${splits} read as ${labels}`);
    labels.forEach((label, i) => assert.ok(Math.abs(Number(label) - splits[i]) <= Math.abs(splits[1] - splits[0]) / 2, `${label} for ${splits[i]}`));
  }
});

test('a plot axis\'s tick labels are tick()\'s when those already differ', () => {
  assert.deepEqual(page.tickLabels([0, 0.25, 0.5]), ['0', '0.25', '0.5']);
  assert.deepEqual(page.tickLabels([1e-4, 2e-4]), ['1.0e-4', '2.0e-4']);
  assert.deepEqual(page.tickLabels([100000, 200000]), ['1.0e+5', '2.0e+5']);
  assert.deepEqual(page.tickLabels([]), []);
});

test('the Results\' axes label close ticks apart', () => {
  const axis = page.axisOf.raw([0.91234, 0.91235, 0.91236]);
  const labels = Array.from(axis.ticks, t => t.label);
  assert.equal(new Set(labels).size, labels.length, labels.join(' '));
  assert.deepEqual(Array.from(page.axisOf.raw([0, 0.5, 1]).ticks, t => t.label), ['0', '0.2', '0.4', '0.6', '0.8', '1']);
});

test('distinctLabels writes equal values alike and takes no more digits than different values need', () => {
  assert.deepEqual(page.distinctLabels([0.5, 0.5, 0.75], page.axisLabel.raw), ['0.5', '0.5', '0.75']);
  assert.deepEqual(page.distinctLabels([0.91234, 0.91236], page.axisLabel.raw), ['0.9123', '0.9124']);
  assert.deepEqual(page.distinctLabels([0.91234, 0.91233], page.axisLabel.raw), ['0.91234', '0.91233']);
  assert.deepEqual(page.distinctLabels([1, 1 + 1e-15], page.axisLabel.raw), ['1', '1.000000000000001']);
});

test('niceTicks ends for a range narrower than its values\' float resolution, with its ends inside', () => {
  // Two groups' means one float apart (sums of the same values in another order) once froze the Results' tab.
  for (const [lo, hi] of [['0.9', '0.9 + 1.1e-16'], ['1', '1 + 2 ** -52'], ['1e16', '1e16 + 2'], ['-0.3 - 5.5e-17', '-0.3'], ['2 ** 60', '2 ** 60 + 512']]) {
    const ticks = evaluate(page, `niceTicks(${lo}, ${hi})`);
    const [a, b] = [eval(lo), eval(hi)];
    assert.ok(ticks.length >= 1 && ticks.length <= 11, `${lo}..${hi}: ${ticks}`);
    assert.equal(new Set(ticks).size, ticks.length, `${lo}..${hi}: ${ticks}`);
    assert.ok(ticks.every(t => t >= a - Math.abs(a) * 1e-11 && t <= b + Math.abs(b) * 1e-11), `${lo}..${hi}: ${ticks}`);
  }
});

test('the Results\' axes over values one float apart have two distinct labelled ends', () => {
  const axis = evaluate(page, 'axisOf([0.9, 0.9 + 1.1e-16]).ticks.map(t => t.label)');
  assert.equal(new Set(axis).size, 2, axis.join(' '));
});

test('niceTicks gives nothing for a range that is not a number', () => {
  assert.deepEqual(evaluate(page, 'niceTicks(0, NaN)'), []);
  assert.deepEqual(evaluate(page, 'niceTicks(0, Infinity)'), []);
});
