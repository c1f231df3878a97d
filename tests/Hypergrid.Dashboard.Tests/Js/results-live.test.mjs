// app.js redraw and results.js refreshResults during a live run. Audit 5's defect 8: the table said a trial was
// complete while Results said "no complete trial yet" for up to 8 s: Results were asked only after the curves' logs
// had loaded. Once Results have been asked (not on the first draw, which the logs' loading must not wait behind), a
// redraw asks them again as soon as the table is drawn, if the complete count changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage, evaluate } from './page.mjs';

/** A page whose redraw draws nothing, whose logs never finish loading, and that records when Results are asked. */
function livePage(asked) {
  const page = loadPage({ hash: 'm=loss&x=epoch', globals: { performance } });
  evaluate(page, `
    globalThis.calls = [];
    selected = () => store.trials;
    trialColors = () => new Map(); tableColumns = () => []; sortRows = t => t; plotted = t => t;
    renderTable = () => calls.push('table');
    loadNames = async () => {}; loadSteps = loadLogs = () => new Promise(() => {}); // the logs are still loading
    refreshResults = async () => calls.push('results');
    results.asked = ${JSON.stringify(asked)};`);
  return page;
}

test('a live page asks Results again as the table is drawn, not after the curves\' logs have loaded', async () => {
  const page = livePage('metric=val_acc');
  evaluate(page, `store.trials = [{ path: 'e/d/m/t/trial_000', state: 'complete' }]; redraw(true); 0`);
  await new Promise(r => setTimeout(r, 10));
  assert.deepEqual(evaluate(page, 'calls'), ['table', 'results']);
});

test('the first draw asks Results after the curves, as before: its logs are not kept waiting behind the report', async () => {
  const page = livePage(''); // never asked yet
  evaluate(page, `store.trials = [{ path: 'e/d/m/t/trial_000', state: 'complete' }]; redraw(true); 0`);
  await new Promise(r => setTimeout(r, 10));
  assert.deepEqual(evaluate(page, 'calls'), ['table']);
});
