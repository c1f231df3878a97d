// results-look.js: texts cut to the room they have (shorten), the parallel coordinates' axis titles in one or two rows,
// and where the scatter's point labels go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { HOSTILE } from './trials.mjs';

const page = loadPage();
/** A text's width as a fixed-pitch font draws it: each character half the font size (the page measures with a canvas). */
const mono = (text, px = 11) => text.length * px / 2;

test('shorten leaves a text that fits as it is, hostile ones too', () => {
  assert.equal(page.shorten('learning rate', 200, 11, mono), 'learning rate');
  assert.equal(page.shorten(HOSTILE, 1000, 11, mono), HOSTILE);
  assert.equal(page.shorten('', 0, 11, mono), '');
});

test('shorten cuts a long text to the longest start that fits with its ellipsis', () => {
  for (const max of [30, 55, 56, 99]) {
    const cut = page.shorten('a_very_long_hyperparameter_name', max, 10, mono);
    assert.ok(cut.endsWith('…'), cut);
    assert.ok(mono(cut, 10) <= max, `${cut} in ${max}`);
    const kept = cut.slice(0, -1);
    assert.ok(mono('a_very_long_hyperparameter_name'.slice(0, kept.length + 1) + '…', 10) > max, `${cut} could keep one more character in ${max}`);
  }
});

test('shorten leaves only the ellipsis when not one character fits', () => {
  assert.equal(page.shorten('abc', 3, 10, mono), '…');
  assert.equal(page.shorten('abc', -5, 10, mono), '…');
});

test('axisTitles centres titles in one row while none touches its neighbour', () => {
  const titles = page.axisTitles(['lr', 'hidden', 'val_acc'], [60, 360, 660], 720, mono);
  assert.deepEqual(titles, [{ text: 'lr', row: 0 }, { text: 'hidden', row: 0 }, { text: 'val_acc', row: 0 }]);
});

test('axisTitles puts every other title in a second row when two would touch, cut to the room left', () => {
  const long = 'weight_decay_of_the_optimizer_used';
  const titles = page.axisTitles([long, long, long, long], [60, 260, 460, 660], 720, mono);
  assert.deepEqual(titles.map(t => t.row), [0, 1, 0, 1]);
  // At the SVG's edges a title has twice 58 px (its axis 60 px in, 2 px kept); inside, two axes apart, room for all.
  for (const t of [titles[0], titles[3]]) assert.ok(t.text.endsWith('…') && mono(t.text) <= 2 * 58, t.text);
  assert.deepEqual([titles[1].text, titles[2].text], [long, long]);
});

const box = { left: 64, top: 24, right: 504, bottom: 244 };

test('a point\'s label goes right of it, or left where the plot\'s right edge is near', () => {
  const [a, b] = page.labelPlacements([{ x: 100, y: 100, text: 'lr=0.1' }, { x: 490, y: 200, text: 'lr=0.2' }], box, mono);
  assert.deepEqual(a, { x: 107, y: 95, anchor: 'start', text: 'lr=0.1' });
  assert.deepEqual(b, { x: 483, y: 195, anchor: 'end', text: 'lr=0.2' });
});

test('a label that would overlap one placed before is left out, the best group\'s kept', () => {
  const labels = page.labelPlacements([{ x: 100, y: 100, text: 'best' }, { x: 102, y: 104, text: 'second' }, { x: 100, y: 160, text: 'apart' }], box, mono);
  assert.deepEqual(labels.map(l => l.text), ['best', 'apart']);
});

test('a label stays inside the plot\'s frame and is cut when long, hostile text as it is', () => {
  const hostile = '<i onclick="x()">a</i>&lt;';
  const [top, bottom] = page.labelPlacements([{ x: 100, y: 0, text: hostile }, { x: 300, y: 400, text: 'x'.repeat(80) }], box, mono);
  assert.equal(top.y, box.top + 12);
  assert.equal(top.text, hostile);
  assert.equal(bottom.y, box.bottom - 3);
  assert.ok(bottom.text.endsWith('…') && mono(bottom.text, 10) <= 150, bottom.text);
  assert.deepEqual(page.labelPlacements([], box, mono), []);
});

test('a label with no room on either side is left out', () => {
  const narrow = { left: 0, top: 0, right: 60, bottom: 100 };
  assert.deepEqual(page.labelPlacements([{ x: 30, y: 50, text: 'much too long' }], narrow, mono), []);
});

test('a parallel axis\'s category labels fit left of it, keeping the part that tells them apart', () => {
  // The audit: "sgd@lr=0.1,bs=64" started 38 px left of the SVG and read "=0.1,bs=64".
  const labels = ['sgd@lr=0.1,bs=64', 'sgd@lr=0.01,bs=16', 'sgd@lr=0.1,bs=16', 'adam'];
  const out = page.categoryLabels(labels, 50, 10, mono);
  for (const t of out) assert.ok(mono(t, 10) <= 50, t);
  assert.equal(out[3], 'adam'); // fits: as it is
  assert.equal(new Set(out).size, out.length);
  // Labels sharing a start lose it back to a separator: "lr=" is whole, the values and batch sizes tell them apart.
  const shared = page.categoryLabels(['sgd@lr=0.1,bs=64', 'sgd@lr=0.01,bs=16'], 60, 10, mono);
  assert.deepEqual(shared, ['…0.1,bs=64', '…0.01,bs=16']);
  assert.deepEqual(page.categoryLabels(['a', 'b'], 60, 10, mono), ['a', 'b']);
  assert.deepEqual(page.categoryLabels([HOSTILE], 1000, 10, mono), [HOSTILE]);
});

test('a label is never drawn over another point: it goes to the point\'s other side, or is left out', () => {
  const box = { left: 0, top: 0, right: 500, bottom: 300 };
  // A point just right of the first: the first's label goes left of it. (Before: drawn over the second point.)
  const [first] = page.labelPlacements([{ x: 200, y: 100, text: 'lr=0.1' }, { x: 220, y: 96, text: '' }], box, mono);
  assert.equal(first.anchor, 'end');
  assert.ok(first.x <= 193);
  // Points on both sides: no room, no label (hovering names it).
  const boxed = page.labelPlacements([{ x: 200, y: 100, text: 'lr=0.1' }, { x: 220, y: 96, text: '' }, { x: 180, y: 96, text: '' }], box, mono);
  assert.ok(boxed.every(l => l.text !== 'lr=0.1'), JSON.stringify(boxed));
});
