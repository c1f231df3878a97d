// results.js drawParallel: the parallel coordinates' category labels are whole where the window has room, and its
// tick labels are drawn over the lines (with a halo, style.css), never under them (the fourth audit's defect 9:
// "…0.1,bs…" in a 720 px SVG of a 1400 px window; lr's 0.1 and 0.3 under the lines).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadPage } from './page.mjs';

/** The little of a DOM drawParallel touches: SVG elements as a tree, a canvas measuring 5 px a character at 10 px. */
class Node {
  constructor(name) { Object.assign(this, { name, children: [], attrs: {}, textContent: '', style: {}, dataset: {} }); }
  setAttribute(k, v) { this.attrs[k] = v; }
  getAttribute(k) { return this.attrs[k]; }
  append(...c) { this.children.push(...c); }
  replaceChildren(...c) { this.children = [...c]; }
  addEventListener() {}
  *walk() { yield this; for (const c of this.children) yield* c.walk(); }
}

function pageWith(rowWidth) {
  const svg = new Node('svg'), row = new Node('div');
  row.clientWidth = rowWidth;
  svg.parentElement = row;
  const document = {
    createElementNS: (_, n) => new Node(n),
    createElement: n => (n === 'canvas' ? { getContext: () => ({ font: '', measureText: t => ({ width: t.length * 5 }) }) } : new Node(n)),
    getElementById: id => (id === 'r-parallel' ? svg : new Node(id)),
  };
  const page = loadPage({ globals: { document } });
  page.results.report = { metric: 'val_acc' };
  return { page, svg };
}

// The audit's four experiment leaves: the trainer's categories on the first axis.
const groups = [
  { leaf: 'e/c/s/sgd@lr=0.1,bs=64', values: { trainer: 'sgd@lr=0.1,bs=64', batch_size: 64, lr: 0.1 }, mean: 0.901, trials: [] },
  { leaf: 'e/c/s/sgd@lr=0.03,bs=32', values: { trainer: 'sgd@lr=0.03,bs=32', batch_size: 32, lr: 0.03 }, mean: 0.903, trials: [] },
  { leaf: 'e/c/s/sgd@50%', values: { trainer: 'sgd@50%', batch_size: 32, lr: 0.1 }, mean: 0.9089, trials: [] },
  { leaf: 'e/c/s/sgd', values: { trainer: 'sgd', batch_size: 16, lr: 0.3 }, mean: 0.9085, best: true, trials: [] },
];
const keys = ['trainer', 'batch_size', 'lr'];

test('in a wide window the first axis\'s categories are whole and the SVG takes the row beside the scatter', () => {
  const { page, svg } = pageWith(1370);
  page.drawParallel.raw(groups, keys);
  const ticks = [...svg.walk()].filter(n => n.name === 'text' && n.attrs.class === 'r-tick' && n.attrs['data-full']?.startsWith('sgd'));
  assert.deepEqual(ticks.map(t => t.textContent).sort(), groups.map(g => g.values.trainer).sort());
  for (const t of ticks) assert.ok(Number(t.attrs.x) - t.textContent.length * 5 >= 0, `${t.textContent} runs off the left edge`);
  assert.equal(Number(svg.attrs.width), 1370 - 548);
});

test('where the scatter cannot sit beside it, the parallel coordinates take the whole row', () => {
  const { page, svg } = pageWith(1000);
  page.drawParallel.raw(groups, keys);
  assert.equal(Number(svg.attrs.width), 996);
});

test('in a narrow window the SVG keeps 720 px and still cuts a label at one end only', () => {
  const { page, svg } = pageWith(600);
  page.drawParallel.raw(groups, keys);
  assert.equal(Number(svg.attrs.width), 720);
  const ticks = [...svg.walk()].filter(n => n.name === 'text' && n.attrs.class === 'r-tick' && n.attrs['data-full']?.startsWith('sgd'));
  for (const t of ticks) assert.ok(!(t.textContent.startsWith('…') && t.textContent.endsWith('…')), t.textContent);
});

test('every axis\'s tick labels come after every line, so they are drawn over them', () => {
  const { page, svg } = pageWith(1370);
  page.drawParallel.raw(groups, keys);
  const order = [...svg.walk()];
  const lastLine = Math.max(...order.map((n, i) => (n.name === 'polyline' ? i : -1)));
  const firstTick = order.findIndex(n => n.name === 'text' && n.attrs.class === 'r-tick' && n.attrs['data-full'] !== undefined);
  assert.ok(firstTick > lastLine, `tick ${firstTick}, last line ${lastLine}`);
  // The halo that keeps them readable over the lines.
  const css = readFileSync(new URL('../../../dashboard/style.css', import.meta.url), 'utf8');
  assert.match(css, /#r-parallel \.r-tick[^{]*\{[^}]*paint-order: stroke/);
});

// Audit 5's defect 9: over the lines, lr's "0.1" was struck through by a red line between its glyphs: the halo rings
// each glyph, not the gaps between them. Each tick label sits on a solid box of its own width, drawn with it.
test('every tick label over the lines sits on a solid box that covers its whole text', () => {
  const { page, svg } = pageWith(1370);
  page.drawParallel.raw(groups, keys);
  const order = [...svg.walk()];
  const lastLine = Math.max(...order.map((n, i) => (n.name === 'polyline' ? i : -1)));
  // The axes' ticks (the colour key's, in a row of their own above the lines, need none).
  const ticks = order.filter(n => n.name === 'g' && n.attrs.class === 'r-axis').flatMap(g => g.children.filter(n => n.name === 'text' && n.attrs.class === 'r-tick'));
  assert.ok(ticks.length >= 8);
  for (const t of ticks) {
    const i = order.indexOf(t), box = order[i - 1];
    assert.equal(box.name, 'rect', `${t.textContent}: no box just under it`);
    assert.ok(i - 1 > lastLine, `${t.textContent}: its box is under a line`);
    assert.equal(box.attrs.class, 'r-tick-box');
    const x = Number(t.attrs.x), y = Number(t.attrs.y), w = t.textContent.length * 5; // end-anchored at x, baseline y
    const [bx, by, bw, bh] = ['x', 'y', 'width', 'height'].map(k => Number(box.attrs[k]));
    assert.ok(bx <= x - w && bx + bw >= x, `${t.textContent}: box ${bx}..${bx + bw} for text ${x - w}..${x}`);
    assert.ok(by <= y - 8 && by + bh >= y + 2, `${t.textContent}: box ${by}..${by + bh} for a 10 px line at ${y}`);
  }
  const css = readFileSync(new URL('../../../dashboard/style.css', import.meta.url), 'utf8');
  assert.match(css, /#r-parallel \.r-tick-box[^{]*\{[^}]*fill: #fff/);
});
