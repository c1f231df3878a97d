// figures.js: the figure request for a plot as it is drawn now (selection, phases, axis, grouping, band, zoom, size).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadPage } from './page.mjs';
import { trial, HOSTILE } from './trials.mjs';

/** A page whose figure-size box holds this value (none: the page has no such box yet). */
const pageWith = (hash, size) => loadPage({ hash, globals: { document: { getElementById: id => (id === 'fig-size' && size ? { value: size } : null) } } });
const query = url => { assert.ok(url.startsWith('/api/figure?'), url); return [...new URLSearchParams(url.slice('/api/figure?'.length))]; };

test('figureUrl asks for the selected trials with their colour places, the metric, the drawn phases, the axis and the paper column by default', () => {
  const page = pageWith('ph=train,val,test&x=step');
  page.store.trials = [trial('sweep/mnist/mlp/adam', 0), trial('sweep/mnist/mlp/adam', 1)];
  // Each trial with its place in the colour rule (one group of two, configs alike): the figure's colours are the page's.
  assert.deepEqual(query(page.figureUrl('loss', 'svg')), [['trial', 'sweep/mnist/mlp/adam/trial_000'], ['shade', '0.0.2'], ['trial', 'sweep/mnist/mlp/adam/trial_001'], ['shade', '0.1.2'],
    ['metric', 'loss'], ['phase', 'train,val'], ['x', 'step'], ['band', 'none'], ['width', '8.5cm'], ['height', '6cm'], ['font', '8'], ['format', 'svg']]);
});

test('figureUrl carries grouping, band, log y, smoothing, the zoom at step resolution and the chosen size', () => {
  const page = pageWith('g=1&b=range&log=1&sm=0.5&x=samples&ph=test', '17cm,8cm');
  page.store.trials = [trial('sweep/mnist/mlp/adam', 0)];
  page.view.zoom = [10, 200];
  const q = Object.fromEntries(query(page.figureUrl('acc', 'tex')));
  assert.deepEqual(q, { trial: 'sweep/mnist/mlp/adam/trial_000', shade: '0.0.1', metric: 'acc', phase: 'train', x: 'samples', group: '1', band: 'range', logy: '1',
    smooth: '0.5', from: '10', to: '200', width: '17cm', height: '8cm', font: '8', format: 'tex' });
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

// The audit 4's defect 13: the page offered 8.5x6 cm and 17x8 cm and no font size, yet its own error message told the
// user to choose "a smaller font size (the figure size select)".
test('the page offers a 3.5 in column and the font sizes a paper uses, and asks the figure at the chosen font', () => {
  const html = readFileSync(new URL('../../../dashboard/index.html', import.meta.url), 'utf8');
  const options = id => [...html.slice(html.indexOf(`id="${id}"`)).split('</select>')[0].matchAll(/value="([^"]+)"/g)].map(m => m[1]);
  assert.ok(options('fig-size').includes('3.5in,2.6in'), options('fig-size').join(' '));
  assert.deepEqual(options('fig-font'), ['7', '8', '9', '10']);
  const boxes = { 'fig-size': { value: '3.5in,2.6in' }, 'fig-font': { value: '9' } };
  const page = loadPage({ hash: 'x=step', globals: { document: { getElementById: id => boxes[id] ?? null } } });
  page.store.trials = [trial('sweep/mnist/mlp/adam', 0)];
  const q = Object.fromEntries(query(page.figureUrl('loss', 'pdf')));
  assert.deepEqual([q.width, q.height, q.font], ['3.5in', '2.6in', '9']);
  const r = new URLSearchParams(page.resultsFigureUrl('svg').split('?')[1]);
  assert.deepEqual([r.get('width'), r.get('height'), r.get('font')], ['3.5in', '2.6in', '9']);
  // The server's "a smaller font size" names the select that sets it.
  const said = page.pageWords('a figure of 1 x 1 cm at 8 pt has no room for its plot; give a larger width and height or a smaller font size (width=, height=, font=)');
  assert.match(said, /\(the figure size select, the font size select\)$/);
});
