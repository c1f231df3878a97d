// plots.js drawMarks: a val line's marks are rings and a train line's dots, as the figure files draw them (audit 5's
// defect 2: a one-epoch study's train and val were the same filled dot).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadPage } from './page.mjs';

/** A canvas context that records which paint each path got. */
function recorder() {
  const calls = [];
  const ctx = { save() {}, restore() {}, rect() {}, clip() {}, beginPath() { calls.push(['path']); }, moveTo() {}, arc() { calls.push(['arc']); },
    fill() { calls.push(['fill', this.fillStyle]); }, stroke() { calls.push(['stroke', this.strokeStyle]); } };
  return { ctx, calls };
}

test('drawMarks fills a train line\'s marks and strokes a val line\'s', () => {
  const page = loadPage({ globals: { devicePixelRatio: 1 } });
  const { ctx, calls } = recorder();
  const u = { ctx, bbox: { left: 0, top: 0, width: 100, height: 100 }, data: [[1], [0.5], [0.9]], valToPos: v => v };
  page.drawMarks(u, [{ at: 1, color: '#E69F00', hollow: false }, { at: 2, color: '#56B4E9', hollow: true }]);
  const painted = calls.filter(c => c[0] === 'fill' || c[0] === 'stroke');
  assert.deepEqual(painted, [['fill', '#E69F00'], ['stroke', '#56B4E9']]);
});

test('buildPlot makes the marks of a dashed (val) line hollow', () => {
  const source = readFileSync(new URL('../../../dashboard/plots.js', import.meta.url), 'utf8');
  assert.match(source, /marks\.push\(\{ at: uSeries\.length, color: s\.color, hollow: !!s\.dash \}\)/);
});
