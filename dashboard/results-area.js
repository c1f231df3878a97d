'use strict';
// Hypergrid dashboard, the Results' chart area: no group (nothing drawn, the figure buttons off, why in words), one
// group (its values in words) or the charts. The decision is pure (chartArea); showChartArea puts it on the page.

/**
 * What the chart area shows for the plotted section's groups: { kind: 'none' | 'single' | 'charts', figures, why }.
 * why is the reason the report has no group as the Results' note says it ('no complete trial yet', the server's words).
 */
function chartArea(groups, why) {
  if (!groups.length) return { kind: 'none', figures: false, why: `no charts and no figures: ${why || 'the plotted section has no group'}` };
  return { kind: groups.length === 1 ? 'single' : 'charts', figures: true, why: '' };
}

/** Shows the area's decision: with no group the three charts and the one-group box hidden, the figure buttons off. */
function showChartArea(area) {
  const none = area.kind === 'none';
  for (const id of ['r-parallel', 'r-scatter', 'r-best']) if (none) document.getElementById(id).style.display = 'none';
  if (none) for (const id of ['r-single', 'r-scatter-why', 'r-best-why']) document.getElementById(id).hidden = true;
  const empty = document.getElementById('r-empty');
  empty.hidden = !none;
  empty.textContent = area.why; // the note's words (the server's, when it refused): text only
  for (const b of document.querySelectorAll('#r-figure button')) {
    b.dataset.title ??= b.title; // the button's own title, put back when there is a group again
    b.disabled = !area.figures;
    b.title = area.figures ? b.dataset.title : area.why;
  }
}
