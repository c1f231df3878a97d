'use strict';
// Hypergrid dashboard, the start: the page's one script with effects at load (wires the controls, begins the refresh
// loop). Every other script only declares, so the JS tests (tests/Hypergrid.Dashboard.Tests/Js) load them without a page.

mark('scripts'); // every script loaded and run: the page's own work starts here
window.hypergrid = { store, view, refresh, csvCell, color, trialColors, figureUrl, results: () => results };
// What the link asked for that the page cannot show: said now; the study's own values once it says what it has.
store.fromLink = new Set(new URLSearchParams(location.hash.slice(1)).keys());
showLinkNotices(openLink(location.hash.slice(1), view));
wire();
wireResults();
refresh().then(() => setInterval(refresh, REFRESH_MS));
