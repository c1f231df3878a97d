'use strict';
// Hypergrid dashboard, a grouped plot's key: each group's colour and name (by the keys that differ between the groups
// shown, names.js), always in view under the plot; the hover legend (plots.js) still reads values under the cursor.

/** The fewest groups the key names (when there are as many); the rest are counted. */
const GROUP_LEGEND_ROWS = 8;

/**
 * An entry's width in the key (11 px text, style.css): its swatch, margin and the gap after it, and about a
 * character's width per letter of its name (measured text would need the DOM; a guess that errs wide keeps the key
 * within its lines). "and N more" takes LEGEND_MORE_PX.
 */
const LEGEND_ENTRY_PX = 26, LEGEND_CHAR_PX = 6.5, LEGEND_MORE_PX = 80, LEGEND_LINES = 3;

/**
 * How many of these names (in order) the key of a plot this wide names: as many as fit in LEGEND_LINES lines with room
 * for "and N more" when some are left, so a wide window names more groups (audit 5: 8 of 50 in a 2,000 px plot) and
 * the key stays a few lines under any plot; never fewer than GROUP_LEGEND_ROWS. A name wider than a line is cut to it.
 */
function legendShown(names, width, title = '') {
  const entry = n => Math.min(width, LEGEND_ENTRY_PX + LEGEND_CHAR_PX * n.length);
  let line = 1, used = title ? entry(title) : 0, count = 0;
  for (const name of names) {
    const w = entry(name);
    let nextLine = line, nextUsed = used + w;
    if (used > 0 && nextUsed > width) { nextLine++; nextUsed = w; }
    const last = count + 1 === names.length;
    if (nextLine > LEGEND_LINES || (nextLine === LEGEND_LINES && !last && nextUsed + LEGEND_MORE_PX > width)) break;
    line = nextLine; used = nextUsed; count++;
  }
  return Math.max(Math.min(GROUP_LEGEND_ROWS, names.length), count);
}

/** The plot's groups in the order of their lines, one entry per group (its train and val lines share it). */
function legendGroups(series) {
  const seen = new Map();
  for (const s of series) if (s.group !== undefined && !seen.has(s.group)) seen.set(s.group, s.color);
  return [...seen].map(([name, color]) => ({ name, color }));
}

/** Writes (or removes, ungrouped) the key of one plot's element, as many names as its width holds: text, never HTML. */
function renderGroupLegend(el, series, title) {
  let box = el.querySelector('.group-legend');
  const groups = view.group ? legendGroups(series) : [];
  if (!groups.length) { box?.remove(); return; }
  if (!box) {
    box = document.createElement('div');
    box.className = 'group-legend';
    el.querySelector('.legend')?.before(box);
  }
  const shown = legendShown(groups.map(g => g.name), el.clientWidth || 0, title ?? '');
  const entries = groups.slice(0, shown).map(g => {
    const entry = document.createElement('span');
    entry.className = 'group-entry';
    entry.dataset.color = g.color;
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = g.color;
    const name = document.createElement('span');
    name.className = 'group-name';
    name.textContent = g.name;
    name.title = g.name;
    entry.append(sw, name);
    return entry;
  });
  const parts = [];
  if (title) { const t = document.createElement('span'); t.className = 'group-title muted'; t.textContent = title + ':'; parts.push(t); }
  parts.push(...entries);
  if (groups.length > shown) {
    const more = document.createElement('span');
    more.className = 'group-more muted';
    more.textContent = `and ${groups.length - shown} more`;
    parts.push(more);
  }
  box.replaceChildren(...parts);
}
