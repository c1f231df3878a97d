// app.js browserLeaves: the leaf browser lists leaves by mode, then leaf (the fourth audit's defect 16: experiment/sgd,
// sweep/sgd, experiment/sgd@50% interleaved, in the order the trials came).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';

const page = loadPage();
const t = (path, state = 'complete') => {
  const [mode, dataset, model, trainer, trial] = path.split('/');
  return { path, mode, dataset, model, trainer, trial, state };
};

test('leaves are listed by mode, then by leaf, each with its trials in the order they came', () => {
  const trials = [
    t('experiment/clusters/softmax/sgd/trial_000'), t('sweep/clusters/softmax/sgd/trial_000'),
    t('experiment/clusters/softmax/sgd@50%/trial_000'), t('sweep/clusters/softmax/sgd/trial_001'),
    t('experiment/clusters/softmax/sgd/trial_001'), t('experiment/clusters/softmax/sgd@lr=0.03,bs=32/trial_000'),
    t('experiment/a/softmax/sgd/trial_000'),
  ];
  const leaves = page.browserLeaves.raw(trials);
  assert.deepEqual([...leaves.keys()], ['experiment/a/softmax/sgd', 'experiment/clusters/softmax/sgd', 'experiment/clusters/softmax/sgd@50%',
    'experiment/clusters/softmax/sgd@lr=0.03,bs=32', 'sweep/clusters/softmax/sgd']);
  assert.deepEqual(Array.from(leaves.get('experiment/clusters/softmax/sgd'), x => x.trial), ['trial_000', 'trial_001']);
});
