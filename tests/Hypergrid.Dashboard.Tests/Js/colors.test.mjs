// palette.js and group-legend.js: one colour per group of seeds (or per trial), the same everywhere, and the key that
// names each group of a plot once.
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial } from './trials.mjs';

const leaf = 'sweep/mnist/mlp/adam';
const OKABE_ITO = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

test('the first eight colours are Okabe and Ito\'s, whatever the count of things drawn', () => {
  const page = loadPage();
  assert.deepEqual(Array.from({ length: 8 }, (_, i) => page.color(i)), OKABE_ITO);
  assert.equal(page.color(0), OKABE_ITO[0]);
});

test('the page\'s fixed colours are the figures\' (Palette.cs), in the same order, and past them every colour differs', () => {
  const page = loadPage();
  const cs = readFileSync(new URL('../../../src/Hypergrid.Dashboard/Figures/Palette.cs', import.meta.url), 'utf8');
  const list = cs.slice(cs.indexOf('Colors =')).split(';')[0].match(/#[0-9A-F]{6}/g);
  assert.equal(list.length, 12);
  assert.deepEqual(Array.from({ length: list.length }, (_, i) => page.color(i)), list);
  const colors = Array.from({ length: 50 }, (_, i) => page.color(i));
  assert.equal(new Set(colors).size, 50);
  for (const c of colors) assert.match(c, /^#[0-9A-F]{6}$/);
});

test('hslHex gives the colour CSS gives for hsl()', () => {
  const page = loadPage();
  assert.equal(page.hslHex(0, 1, 0.5), '#FF0000');
  assert.equal(page.hslHex(120, 1, 0.5), '#00FF00');
  assert.equal(page.hslHex(240, 1, 0.25), '#000080');
  assert.equal(page.hslHex(0, 0, 1), '#FFFFFF');
  assert.equal(page.hslHex(60, 0.5, 0.5), '#BFBF40');
});

test('a band is its line\'s colour, faded', () => {
  assert.equal(loadPage().fade('#0072B2'), '#0072B22E');
});

test('ungrouped, each trial takes its seed group\'s colour, its later seeds lighter shades of it', () => {
  const page = loadPage();
  const trials = [trial(leaf, 0, { lr: 0.1, seed: 0 }), trial(leaf, 1, { lr: 0.01, seed: 0 }), trial(leaf, 2, { lr: 0.1, seed: 1 })];
  // #0072B2 mixed with white by 0.6·1/2: the same literal PaletteTests asks of Palette.Shade.
  const colors = page.trialColors(trials);
  assert.deepEqual(trials.map(t => colors.get(t.path)), [OKABE_ITO[0], OKABE_ITO[1], '#4D9CC9']);
  assert.equal(page.shade(0, 0, 3), OKABE_ITO[0]);
  assert.equal(page.shade(6, 2, 3), '#666666'); // black, 0.4 of the way to white
});

test('grouped, the seeds of a group share its colour and groups differ, numbered as first seen', () => {
  const page = loadPage({ hash: 'g=1' });
  const trials = [trial(leaf, 0, { lr: 0.1, seed: 0 }), trial(leaf, 1, { lr: 0.01, seed: 0 }), trial(leaf, 2, { lr: 0.1, seed: 1 })];
  const colors = page.trialColors(trials);
  assert.deepEqual(trials.map(t => colors.get(t.path)), [OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[0]]);
});

test('grouped, the same config trained by other code is a group of its own', () => {
  const page = loadPage({ hash: 'g=1' });
  const trials = [trial(leaf, 0, { lr: 0.1, seed: 0 }), trial(leaf, 1, { lr: 0.1, seed: 1 }, { state: 'other-code', code: 'old' })];
  const colors = page.trialColors(trials);
  assert.notEqual(colors.get(trials[0].path), colors.get(trials[1].path));
});

test('grouped, nine groups take the wheel\'s hues for every group, not Okabe and Ito\'s for the first eight', () => {
  const page = loadPage({ hash: 'g=1' });
  const trials = Array.from({ length: 18 }, (_, i) => trial(leaf, i, { lr: i % 9, seed: Math.floor(i / 9) }));
  const colors = page.trialColors(trials);
  assert.equal(new Set(colors.values()).size, 9);
  assert.equal(colors.get(trials[0].path), page.color(0, 9));
});

test('legendGroups lists each group once, in the order of its lines, in the colour of its first line', () => {
  const page = loadPage();
  const series = [
    { group: 'lr=0.1', color: '#a', label: 'lr=0.1 train' }, { group: 'lr=0.01', color: '#b', label: 'lr=0.01 train' },
    { group: 'lr=0.1', color: '#e', label: 'lr=0.1 test' }, { color: '#c', label: 'a trial' }, { group: '', color: '#d', label: 'alone' },
  ];
  assert.deepEqual(page.legendGroups(series), [{ name: 'lr=0.1', color: '#a' }, { name: 'lr=0.01', color: '#b' }, { name: '', color: '#d' }]);
  assert.deepEqual(page.legendGroups([]), []);
});

// The audit 4's defect 12: torch trial_002 (seed 2, pending: no code yet) was orange beside seeds 0 and 1 in blue,
// then turned blue when it started. The colour rule must not depend on a trial's state.
test('a seed keeps its group\'s colour whatever its state: pending (no code), running, complete', () => {
  const page = loadPage();
  const seeds = state => [
    trial(leaf, 0, { lr: 0.1, seed: 0 }, { code: 'abc123' }), trial(leaf, 1, { lr: 0.1, seed: 1 }, { code: 'abc123' }),
    trial(leaf, 2, { lr: 0.1, seed: 2 }, { state, code: state === 'pending' ? null : 'abc123' }),
    trial(leaf, 3, { lr: 0.01, seed: 0 }, { code: 'abc123' }),
  ];
  const colours = ['pending', 'running', 'complete'].map(state => Array.from(page.trialColors(seeds(state)).values()));
  assert.deepEqual(colours[0], colours[1]);
  assert.deepEqual(colours[0], colours[2]);
  assert.equal(colours[0][2], page.shade(0, 2, 3)); // the third of group 0's three seeds
  assert.equal(colours[0][3], page.color(1));
  // Trained by other code: apart, in a group (and colour) of its own.
  const other = seeds('complete');
  other[1] = { ...other[1], state: 'other-code', code: 'old999' };
  const c = page.trialColors(other);
  assert.equal(c.get(other[1].path), page.color(1));
});

// Audit 5's defect 10: the 50-group key named 8 groups and "and 42 more" however wide the plot was. It names as many
// as fit in a few lines of the plot's width: never fewer than 8, more in a wide window, every one when all fit.
test('a grouped plot\'s key names as many groups as fit in three lines of its width, at least eight', () => {
  const page = loadPage();
  const names = Array.from({ length: 50 }, (_, i) => `lr=0.${String(i).padStart(3, '0')}`); // 8 characters each
  const at450 = page.legendShown(names, 450), at900 = page.legendShown(names, 900), at1200 = page.legendShown(names, 1200);
  assert.equal(page.legendShown(names, 200), 8); // the least, as before
  assert.ok(at450 >= 8 && at450 < at900 && at900 < at1200 && at1200 < 50, `${at450} ${at900} ${at1200}`);
  assert.equal(page.legendShown(names, 2400), 50); // a 2,400 px plot names all 50
  // What is named fits: each entry (swatch, name, gap) in three lines of the width, "and N more" with it.
  const entry = n => page.LEGEND_ENTRY_PX + page.LEGEND_CHAR_PX * n.length;
  for (const [shown, width] of [[at450, 450], [at900, 900], [at1200, 1200]]) {
    assert.ok(shown * entry(names[0]) + page.LEGEND_MORE_PX <= 3 * width, `${shown} entries in 3 lines of ${width} px`);
    // Room for more wasted at most at each line's end (an entry that did not fit there).
    assert.ok((shown + 1 + 3) * entry(names[0]) > 3 * width - page.LEGEND_MORE_PX, `${shown} at ${width} px: room for more`);
  }
  assert.equal(page.legendShown(names.slice(0, 12), 1200), 12); // all fit: all named, no "and 0 more"
  assert.equal(page.legendShown(names.slice(0, 5), 100), 5);
  const long = page.legendShown(['a'.repeat(500), ...names], 450); // cut with … in its entry: a line of its own, no more
  assert.ok(long >= 8 && long < at450, `${long} vs ${at450}`);
});
