// The page's scripts as a whole: every one is loaded by index.html, all but start.js run with no DOM, each page is
// fresh, and none writes markup (strings from cfg/ and out/log reach the page as text only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { loadPage, scripts } from './page.mjs';

const dashboard = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dashboard');
const files = readdirSync(dashboard).filter(f => f.endsWith('.js')).sort();

test('index.html loads every script of dashboard/, and start.js last', () => {
  const html = readFileSync(path.join(dashboard, 'index.html'), 'utf8');
  const loaded = [...html.matchAll(/<script src="\/assets\/([^"]+)"/g)].map(m => m[1]);
  assert.deepEqual([...loaded].sort(), files);
  assert.equal(loaded.at(-1), 'start.js');
  assert.deepEqual(scripts, loaded.slice(0, -1));
});

test('index.html asks for the trial list before its stylesheets and scripts, as fetchTrials will ask it', () => {
  // The browser fetches six files at a time from one server: asked only by start.js, the list waited for three rounds of them.
  const html = readFileSync(path.join(dashboard, 'index.html'), 'utf8');
  const preload = html.indexOf('<link rel="preload" href="/api/trials" as="fetch" crossorigin="anonymous">');
  assert.ok(preload > 0, 'index.html preloads /api/trials');
  assert.ok(preload < html.indexOf('<link rel="stylesheet"') && preload < html.indexOf('<script'));
  assert.match(readFileSync(path.join(dashboard, 'data.js'), 'utf8'), /fetch\('\/api\/trials', /);
});

test('every script but start.js only declares: it loads with no document, no fetch and no timers', () => {
  const page = loadPage();
  assert.equal(typeof page.xLabel, 'function');
  assert.equal(page.view.x, 'epoch');
});

test('each page is fresh: a view changed in one is not seen by the next', () => {
  const first = loadPage();
  first.view.x = 'samples';
  first.store.trials.push({ path: 'x' });
  const second = loadPage();
  assert.deepEqual([second.view.x, second.store.trials.length], ['epoch', 0]);
});

test('no page script writes markup: names, values and messages enter the DOM as text', () => {
  const markup = /\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|\bsrcdoc\b/;
  for (const f of files) {
    const lines = readFileSync(path.join(dashboard, f), 'utf8').split('\n');
    lines.forEach((line, i) => assert.doesNotMatch(line, markup, `dashboard/${f}:${i + 1} writes markup; use textContent, new Option(...) or createElement`));
  }
});
