'use strict';
// A search's progress in the Results: the best value so far against trial number, for the section plotted.
// Pure series (bestSoFar) apart from drawing; values come from GET /api/report and enter the page as text only.

/**
 * The best group value after each trial, in trial order: one point per group, at its first trial's number
 * (trial_012 is 12), keeping the best so far by the report's goal. [{ trial, value, best }]
 */
function bestSoFar(groups, goal) {
  const points = groups
    .map(g => ({ trial: Math.min(...g.trials.map(t => Number(String(t).replace(/^trial_/, '')))), value: g.mean }))
    .filter(p => Number.isFinite(p.trial) && Number.isFinite(p.value))
    .sort((a, b) => a.trial - b.trial);
  let best = null;
  for (const p of points) {
    if (best === null || (goal === 'max' ? p.value > best : p.value < best)) best = p.value;
    p.best = best;
  }
  return points;
}

/** Draws the best-so-far steps (and each trial's own value as a dot) into #r-best. */
function drawBestSoFar(groups) {
  const svg = document.getElementById('r-best');
  if (!svg) return;
  svg.replaceChildren();
  const report = results.report;
  const points = bestSoFar(groups, report?.goal);
  // One point (one group) has no progress to show: the chart is hidden, not left empty.
  svg.style.display = points.length < 2 ? 'none' : '';
  if (points.length < 2) return;
  const W = 520, H = 300, left = 64, right = 16, top = 28, bottom = 44, w = W - left - right, h = H - top - bottom;
  const lo = Math.min(...points.map(p => p.value)), hi = Math.max(...points.map(p => p.value));
  const first = points[0].trial, last = points[points.length - 1].trial;
  const X = t => left + (last === first ? 0.5 : (t - first) / (last - first)) * w;
  const Y = v => top + h - (hi === lo ? 0.5 : (v - lo) / (hi - lo)) * h;
  const frame = el('g', { class: 'r-axis', 'data-axis': 'trial' });
  frame.append(el('rect', { x: left, y: top, width: w, height: h, fill: 'none', stroke: '#9ca3af' }));
  for (const t of niceTicks(first, last).filter(Number.isInteger)) {
    frame.append(el('line', { x1: X(t), x2: X(t), y1: top + h, y2: top + h + 4, stroke: '#9ca3af' }));
    frame.append(el('text', { x: X(t), y: top + h + 16, 'text-anchor': 'middle', class: 'r-tick' }, String(t)));
  }
  const yTicks = niceTicks(lo, hi), yLabels = distinctLabels(yTicks, axisLabel);
  yTicks.forEach((v, i) => {
    frame.append(el('line', { x1: left - 4, x2: left, y1: Y(v), y2: Y(v), stroke: '#9ca3af' }));
    frame.append(el('text', { x: left - 6, y: Y(v) + 3, 'text-anchor': 'end', class: 'r-tick' }, yLabels[i]));
  });
  frame.append(el('text', { x: left + w / 2, y: H - 8, 'text-anchor': 'middle', class: 'r-axis-title' }, 'trial number'));
  frame.append(el('text', { x: 12, y: top + h / 2, 'text-anchor': 'middle', class: 'r-axis-title', transform: `rotate(-90 12 ${top + h / 2})` },
    `${report.metric} (best so far, ${report.goal === 'max' ? 'higher' : 'lower'} is better)`));
  svg.append(frame);
  // Each trial's dot while they can be told apart (a search of thousands is the line alone: the page stays small).
  for (const p of points.length <= 1000 ? points : []) {
    const dot = el('circle', { cx: X(p.trial), cy: Y(p.value), r: 3, fill: '#9ca3af', class: 'r-best-trial' });
    dot.append(el('title', {}, `trial_${String(p.trial).padStart(3, '0')}: ${report.metric} ${axisLabel(p.value)}`));
    svg.append(dot);
  }
  let d = `M${X(points[0].trial)},${Y(points[0].best)}`;
  for (const p of points.slice(1)) d += `H${X(p.trial)}V${Y(p.best)}`;
  svg.append(el('path', { d, fill: 'none', stroke: '#15803d', 'stroke-width': 2, class: 'r-best-line', 'data-points': points.length }));
}
