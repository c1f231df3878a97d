'use strict';
// Hypergrid dashboard, the start: the page's one script with effects at load (wires the controls, begins the refresh
// loop). Every other script only declares, so the JS tests (tests/Hypergrid.Dashboard.Tests/Js) load them without a page.

window.hypergrid = { store, view, refresh, csvCell, color, trialColors, figureUrl, results: () => results };
wire();
wireResults();
refresh().then(() => setInterval(refresh, REFRESH_MS));
