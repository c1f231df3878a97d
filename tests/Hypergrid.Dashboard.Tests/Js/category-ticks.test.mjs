// category-ticks.js: a categorical axis's labels never overlap: level while each fits between its neighbours, else
// turned 45 degrees, and where even turned they would touch, every k-th written; on a vertical axis, every k-th.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { HOSTILE } from './trials.mjs';

const page = loadPage();
/** A text's width as a fixed-pitch font draws it: each character half the font size. */
const mono = (text, px = 10) => text.length * px / 2;
const names = n => Array.from({ length: n }, (_, i) => `lr${(0.05 + 0.02 * i).toFixed(2)}`);
const plan = (labels, spacing, room = 90) => page.categoryTicks(labels, spacing, { px: 10, room, width: mono });

test('labels that fit between their neighbours stay level, every one written', () => {
  const p = plan(['adam', 'sgd', 'rmsprop'], 200);
  assert.equal(p.angle, 0);
  assert.equal(p.every, 1);
  assert.deepEqual(p.texts, ['adam', 'sgd', 'rmsprop']);
});

test('labels too wide to sit level are turned, all written while turned ones do not touch', () => {
  const p = plan(names(10), 30); // 30 px wide each, with the gap 36
  assert.equal(p.angle, -45);
  assert.equal(p.every, 1);
  assert.deepEqual(p.texts, names(10));
  assert.ok(p.depth > 16, `depth ${p.depth}`);
});

test('fifty categories in a scatter\'s width are turned and thinned to every other one, the first written', () => {
  const p = plan(names(50), 440 / 49);
  assert.equal(p.angle, -45);
  assert.equal(p.every, 2);
  assert.equal(p.texts.filter(t => t !== '').length, 25);
  assert.equal(p.texts[0], 'lr0.05');
  assert.equal(p.texts[1], '');
});

test('at any count of categories the written labels never overlap', () => {
  for (const n of [2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233]) {
    const spacing = 440 / (n - 1), p = plan(names(n), spacing);
    const written = p.texts.map((t, i) => [t, i]).filter(([t]) => t !== '').map(([, i]) => i);
    assert.ok(written.length >= 1, `${n}: none written`);
    for (let j = 1; j < written.length; j++) {
      const apart = (written[j] - written[j - 1]) * spacing;
      if (p.angle === 0) assert.ok(mono(p.texts[written[j - 1]]) / 2 + mono(p.texts[written[j]]) / 2 < apart, `${n}: level labels touch`);
      else assert.ok(apart * Math.SQRT1_2 >= 12, `${n}: turned labels ${apart * Math.SQRT1_2} px apart`);
    }
  }
});

test('a turned label is cut to its room, and the axis takes the room of its longest one', () => {
  const long = ['a_very_long_category_name_indeed', 'b', HOSTILE];
  const p = plan(long, 20, 90);
  assert.ok(p.texts[0].endsWith('…') && mono(p.texts[0]) <= 90, p.texts[0]);
  assert.equal(p.texts[1], 'b');
  const widest = Math.max(...p.texts.map(t => mono(t)));
  assert.ok(Math.abs(p.depth - (widest * Math.SQRT1_2 + 10)) < 1e-9, `depth ${p.depth}`);
});

test('a vertical axis writes every k-th category where they would touch, the first always', () => {
  assert.equal(page.thinEvery(40, 12), 1);
  assert.equal(page.thinEvery(12, 12), 1);
  assert.equal(page.thinEvery(4, 12), 3);
  assert.equal(page.thinEvery(0, 12), 1); // one category: nothing to touch
  assert.equal(page.thinEvery(Infinity, 12), 1);
});
