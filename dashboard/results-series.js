'use strict';
// Hypergrid dashboard, the Results scatter's series: the groups that share all but the x key (a batch size over lrs),
// as the server answers them (GET /api/report's section.series per x key; src/Hypergrid.Dashboard/Figures/
// ResultsSeries.cs decides, the Results figure draws the same): one colour per series, its points joined, series at one
// x drawn apart. The page decides none of it.

/**
 * The drawn groups' series (the first `count` of the section's groups, as the scatter draws them): per group its
 * series' colour slot (null: the group's own colour, as the table's) and dodge in steps; the joined series as
 * { color, groups } with their drawn groups in x order; and the px a dodge step is. No answer (an older server): group
 * colours, nothing joined or moved.
 */
function scatterSeries(answer, count) {
  const slot = new Array(count).fill(null), dodge = new Array(count).fill(0), lines = [];
  for (const s of answer ?? []) {
    const drawn = s.groups.filter(i => Number.isInteger(i) && i >= 0 && i < count);
    for (const i of drawn) { slot[i] = s.color ?? null; dodge[i] = s.dodge ?? 0; }
    if (s.line && drawn.length > 1) lines.push({ color: s.color, groups: drawn });
  }
  return { slot, dodge, lines, step: dodgeStep(answer) };
}

/**
 * Px between series at one x per dodge step: 9 (a point's diameter and a little), less when many share an x so that
 * together they span at most 40 px: the figure's rule (FigureLayout.DodgeStep: 0.45 em a step, 2 em in all) at the
 * page's 20 px to the em; 0 when none is dodged.
 */
function dodgeStep(answer) {
  const span = 2 * Math.max(0, ...(answer ?? []).map(s => Math.abs(s.dodge ?? 0)));
  return span === 0 ? 0 : Math.min(9, 40 / span);
}

/**
 * The scatter's y range: the values' (error bars included) padded by a tenth of their span each side, as the Results
 * figure pads its points, so the lowest point and the best's ring are whole inside the frame; one value, 5% of it.
 */
function scatterYRange(lo, hi) {
  const pad = hi > lo ? (hi - lo) * 0.1 : Math.max(Math.abs(lo) * 0.05, 1e-9);
  return [lo - pad, hi + pad];
}

/**
 * The scatter's key when it draws series: one entry per series, in the server's (ranked) order, named by its first
 * group's label (section.labels: "batch_size=8"), in its colour. [{ color, text }]; none when no series has a colour.
 */
function seriesKey(answer, labels) {
  return (answer ?? []).filter(s => s.color != null && s.groups.length > 0).map(s => {
    const label = pointLabels([{ leaf: '' }], [labels?.[s.groups[0]] ?? { leaf: '', keys: [] }])[0];
    return { color: s.color, text: labelText(label) };
  });
}

/**
 * Where the key's entries go in `room` px from x 0: a dot (10 px) and the text, 14 px between entries, a new row when
 * the next would pass the room. [{ x, row }]
 */
function seriesKeyPlaces(texts, room, width = textWidth) {
  const out = [];
  let x = 0, row = 0;
  for (const t of texts) {
    const w = 14 + width(t, 11);
    if (x > 0 && x + w > room) { x = 0; row++; }
    out.push({ x, row });
    x += w + 14;
  }
  return out;
}
