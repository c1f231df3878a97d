'use strict';
// Hypergrid dashboard, colours: one per group of seeds (or per trial when ungrouped), the same in the plots, the table,
// the Results and the figures the server draws (src/Hypergrid.Dashboard/Figures/Palette.cs holds the same rule).

/**
 * The fixed colours, in the order groups take them (Palette.cs says why these): Okabe and Ito's 8, told apart with
 * every common colour-vision deficiency (yellow last, faint on white), then Paul Tol's wine and indigo and two greys.
 */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442',
  '#882255', '#332288', '#777777', '#BBBBBB'];

/**
 * Colour i: one of the 12 fixed ones, past them hues around the wheel by the golden angle (as hex). It depends on i
 * alone, never on how many things are drawn, so a group keeps its colour in every view and figure.
 */
function color(i) {
  if (i >= 0 && i < PALETTE.length) return PALETTE[i];
  return hslHex((Math.abs(i) * 137.508) % 360, 0.7, 0.42);
}

/**
 * Seed j of a group of k drawn as separate lines (ungrouped): the group's colour for the first, then each mixed with
 * white by 0.6·j/k more (Palette.Shade holds the same rule), so a group's trials read as one family.
 */
function shade(i, j, k) {
  const hex = color(i);
  if (j <= 0 || k <= 1) return hex;
  const t = 0.6 * j / k;
  return '#' + [1, 3, 5].map(p => { const c = parseInt(hex.slice(p, p + 2), 16); return Math.round(c + (255 - c) * t).toString(16).padStart(2, '0'); }).join('').toUpperCase();
}

/** hsl (h in degrees, s and l from 0 to 1) as #rrggbb, as CSS computes it. */
function hslHex(h, s, l) {
  const a = s * Math.min(l, 1 - l);
  const f = n => { const k = (n + h / 30) % 12; return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)); };
  return '#' + [f(0), f(8), f(4)].map(v => Math.round(v * 255).toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** A colour as a light band fill. */
const fade = hex => hex + '2E';

/**
 * Each selected trial's place in the colour rule: [its seed group's index (groups in the order first seen, as the
 * figures and the Results number them), its place among the group's seeds, the group's size]. The figure button sends
 * these (shade=i.j.n), so the server colours the trials the page draws as the page does, whatever part of the
 * selection that is.
 */
function colorPlaces(trials) {
  const out = new Map();
  [...seedGroups(trials).values()].forEach((members, i) => members.forEach((t, j) => out.set(t.path, [i, j, members.length])));
  return out;
}

/**
 * Each selected trial's colour: its seed group's; ungrouped, shaded by its place among the group's seeds, so each line
 * is told apart and a group's Results dot has its trials' colour.
 */
function trialColors(trials) {
  const out = new Map();
  for (const [path, [i, j, n]] of colorPlaces(trials)) out.set(path, view.group ? color(i) : shade(i, j, n));
  return out;
}
