// The page's default x axis (app.js axisJudgement) on the cases DefaultAxisTests gives the C# rule (DefaultAxis,
// `hypergrid plot` without --x): one table, so the page and the CLI open a selection on the same axis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadPage } from './page.mjs';
import { trial } from './trials.mjs';

const cases = JSON.parse(readFileSync(new URL('./default-axis-cases.json', import.meta.url), 'utf8'));
const page = loadPage();

for (const c of cases) {
  test(`axisJudgement: ${c.why} → ${c.axis}`, () => {
    const spec = Array.from({ length: c.repeat ?? 1 }, () => c.trials).flat();
    const trials = spec.map((t, n) => trial('sweep/mnist/mlp/adam', n, t.plan === null ? {} : { epochs: t.plan }, { state: t.state }));
    const epochs = t => Array.from({ length: t.last }, (_, i) => i + 1);
    const logs = new Map(trials.map((t, n) => [t.path, { phases: { train: { epoch: epochs(spec[n]) } } }]));
    assert.equal(page.axisJudgement(trials, logs), c.axis);
  });
}
