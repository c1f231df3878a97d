// figures.js: the figure request for a plot as it is drawn now (selection, phases, axis, grouping, band, zoom, size).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial, HOSTILE } from './trials.mjs';

/** A page whose figure-size box holds this value (none: the page has no such box yet). */
const pageWith = (hash, size) => loadPage({ hash, globals: { document: { getElementById: id => (id === 'fig-size' && size ? { value: size } : null) } } });
const query = url => { assert.ok(url.startsWith('/api/figure?'), url); return [...new URLSearchParams(url.slice('/api/figure?'.length))]; };

test('figureUrl asks for the selected trials, the metric, the drawn phases, the axis and the paper column by default', () => {
  const page = pageWith('ph=train,val,test&x=step');
  page.store.trials = [trial('sweep/mnist/mlp/adam', 0), trial('sweep/mnist/mlp/adam', 1)];
  assert.deepEqual(query(page.figureUrl('loss', 'svg')), [['trial', 'sweep/mnist/mlp/adam/trial_000'], ['trial', 'sweep/mnist/mlp/adam/trial_001'],
    ['metric', 'loss'], ['phase', 'train,val'], ['x', 'step'], ['band', 'none'], ['width', '8.5cm'], ['height', '6cm'], ['format', 'svg']]);
});

test('figureUrl carries grouping, band, log y, smoothing, the zoom at step resolution and the chosen size', () => {
  const page = pageWith('g=1&b=range&log=1&sm=0.5&x=samples&ph=test', '17cm,8cm');
  page.store.trials = [trial('sweep/mnist/mlp/adam', 0)];
  page.view.zoom = [10, 200];
  const q = Object.fromEntries(query(page.figureUrl('acc', 'tex')));
  assert.deepEqual(q, { trial: 'sweep/mnist/mlp/adam/trial_000', metric: 'acc', phase: 'train', x: 'samples', group: '1', band: 'range', logy: '1',
    smooth: '0.5', from: '10', to: '200', width: '17cm', height: '8cm', format: 'tex' });
});

test('figureUrl asks a zoom by epoch too (the fourth audit\'s point 8: the figure drew every epoch)', () => {
  const page = pageWith('x=epoch');
  page.store.trials = [trial('sweep/mnist/mlp/adam', 0)];
  page.view.zoom = [10, 200];
  assert.ok(page.figureUrl('loss', 'pdf').includes('from=10&to=200'));
});

test('figureUrl keeps a hostile trial path and metric name whole inside their own parameters', () => {
  const page = pageWith('');
  const path = `sweep/mnist/mlp/a&trial=x#y/${HOSTILE}`;
  page.store.trials = [{ ...trial('sweep/mnist/mlp/adam', 0), path }];
  const q = query(page.figureUrl('loss&format=exe', 'svg'));
  assert.deepEqual(q.filter(([k]) => k === 'trial' || k === 'metric' || k === 'format'), [['trial', path], ['metric', 'loss&format=exe'], ['format', 'svg']]);
});

test('figureUrl follows the filter and the hidden trials', () => {
  const page = pageWith('q=lr%3D0.1&hide=sweep/mnist/mlp/adam/trial_002');
  page.store.trials = [trial('sweep/mnist/mlp/adam', 0, { lr: 0.1 }), trial('sweep/mnist/mlp/adam', 1, { lr: 0.2 }), trial('sweep/mnist/mlp/adam', 2, { lr: 0.1 })];
  assert.deepEqual(query(page.figureUrl('loss', 'svg')).filter(([k]) => k === 'trial').map(([, v]) => v), ['sweep/mnist/mlp/adam/trial_000']);
});
