// data.js and results.js: the Results offer only what a result's log holds. A metric only a running trial had logged
// (its first epoch of a program's bleu, say) was offered, though the report ranks complete trials alone and refused it.
// POST /api/epochs answers each trial's reported metrics; the page counts those of trials in a result state, as
// GET /api/trials names them (resultStates), and ResultMetricsApiTests holds the server's side of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial } from './trials.mjs';

const leaf = 'sweep/mnist/mlp/adam';

/** An /api/epochs answer: each trial one val row of loss, with the metrics it reports. */
function epochs(trials) {
  const header = new TextEncoder().encode(JSON.stringify({ trials: trials.map(([path, reported]) =>
    ({ path, rows: 1, columns: ['epoch', 'mode', 'loss'], modes: ['val'], filled: ['loss'], reported })) }));
  const pad = (4 - header.length % 4) % 4;
  const buffer = new ArrayBuffer(4 + header.length + pad + trials.length * 3 * 4);
  new DataView(buffer).setUint32(0, header.length, true);
  new Uint8Array(buffer, 4).set(header);
  new Float32Array(buffer, 4 + header.length + pad).set(trials.flatMap(() => [1, 0, 0.5]));
  return buffer;
}

test('only the metrics of trials in a result state are what the Results may rank by', async () => {
  const done = trial(leaf, 0), running = trial(leaf, 1, {}, { state: 'running' });
  const answer = epochs([[done.path, ['val_loss', 'train_loss']], [running.path, ['val_loss', 'val_bleu', 'train_bleu']]]);
  const fetch = async () => ({ ok: true, arrayBuffer: async () => answer });
  const page = loadPage({ hash: 'm=loss&ph=train,val', globals: { fetch, TextDecoder } });
  page.store.schema = ['loss'];
  page.store.resultStates = new Set(['complete', 'other-code']);
  await page.loadLogs.raw([done, running]);
  assert.deepEqual([...page.store.reported].sort(), ['train_loss', 'val_loss']);
  page.store.metrics.add('bleu');
  assert.deepEqual([...page.resultMetricNames(page.store.schema, page.store.metrics, page.store.reported)], ['val_loss', 'train_loss']);
});

test('before any result\'s log is loaded, the schema\'s metrics are offered, not a running trial\'s own', () => {
  const page = loadPage();
  assert.deepEqual([...page.resultMetricNames(['loss', 'acc'], new Set(['loss', 'bleu']), new Set())], ['val_loss', 'val_acc', 'train_loss', 'train_acc']);
});
