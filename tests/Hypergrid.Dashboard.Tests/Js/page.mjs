// The page's scripts (dashboard/*.js) loaded into node as the browser loads them: plain scripts, in index.html's order,
// sharing one global scope, in a fresh V8 context per page. start.js, the only script with effects at load (it wires
// the DOM and starts fetching), is left out; the rest only declare, so they need no DOM: a location (app.js reads the
// view from its hash) and a history (writeView puts the view back there) are all a page is given.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import vm from 'node:vm';

const dashboard = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dashboard');

/** The page's own scripts in the order index.html loads them, start.js excepted. */
export const scripts = [...readFileSync(path.join(dashboard, 'index.html'), 'utf8').matchAll(/<script src="\/assets\/([^"]+)"/g)]
  .map(m => m[1]).filter(name => name !== 'start.js');

const compiled = new Map();
const script = name => {
  if (!compiled.has(name)) compiled.set(name, new vm.Script(readFileSync(path.join(dashboard, name), 'utf8'), { filename: path.join(dashboard, name) }));
  return compiled.get(name);
};

/**
 * A value made in the page's context as one of this realm (arrays, maps, plain objects), so assert.deepStrictEqual
 * compares it; functions, and objects holding them, stay the page's own (compare those through Array.from).
 */
export function here(value) {
  if (value === null || (typeof value !== 'object')) return value;
  try { return structuredClone(value); } catch { return value; }
}

/**
 * A fresh page: its declarations by name (page.xLabel, page.view, page.store). Functions answer in this realm
 * (here()); objects such as view and store are the page's own, so a test sets page.view.x = 'samples' and the page
 * sees it. hash is the URL's hash (without '#'); globals adds what a test's functions touch (a document, say).
 */
export function loadPage({ hash = '', globals = {} } = {}) {
  const location = { hash: hash ? '#' + hash : '' };
  const history = { replaceState: (_state, _title, url) => { location.hash = String(url); } };
  const context = vm.createContext({ location, history, URLSearchParams, console, ...globals });
  context.window = context;
  for (const name of scripts) script(name).runInContext(context);
  const cache = new Map();
  const page = new Proxy({}, {
    get(_, name) {
      if (typeof name !== 'string') return undefined;
      if (!cache.has(name)) {
        const value = vm.runInContext(name, context);
        cache.set(name, typeof value === 'function' ? Object.assign((...args) => here(value(...args)), { raw: value }) : value);
      }
      return cache.get(name);
    },
  });
  contexts.set(page, context);
  return page;
}

const contexts = new WeakMap();

/**
 * An expression evaluated in a page, its answer in this realm, stopped after `timeout` ms: for a call that might
 * never return (a loop that makes no progress), which a test must see fail rather than hang the run.
 */
export function evaluate(page, code, timeout = 1000) {
  return here(vm.runInContext(code, contexts.get(page), { timeout }));
}
