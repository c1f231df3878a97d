// figures.js: the figure button draws the current view, what the page draws, in its colours. Over its line limit the
// page draws only the table's first rows of the selection, coloured among the whole selection's groups and seeds; the
// figure was asked for the whole selection and coloured its trials among themselves. Now it is asked for the drawn
// trials with each one's place in the colour rule (shade=group.seed.seeds), which the server colours by
// (GroupColoursAgreeTests.The_figure_of_the_part_of_a_selection...).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPage } from './page.mjs';
import { trial } from './trials.mjs';

const leaf = 'sweep/mnist/mlp/adam';
// Two lrs of three seeds: trials 0-2 are lr 0.1's seeds, 3-5 lr 0.01's.
const trials = [0, 1, 2, 3, 4, 5].map(i => trial(leaf, i, { seed: i % 3, lr: i < 3 ? 0.1 : 0.01 }));

for (const grouped of [false, true]) {
  test(`the figure of part of the selection names the drawn trials and their colour places${grouped ? ', grouped' : ''}`, () => {
    const page = loadPage({ hash: `m=loss${grouped ? '&g=1' : ''}`, globals: { document: { getElementById: () => null } } });
    page.store.trials = trials;
    page.store.drawn = [trials[4], trials[1]];
    const url = new URL(page.figureUrl('loss', 'svg'), 'http://page');
    assert.deepEqual(url.searchParams.getAll('trial'), [trials[4].path, trials[1].path]);
    assert.deepEqual(url.searchParams.getAll('shade'), ['1.1.3', '0.1.3']);
    // The places are those the page's own colours come from.
    const colors = page.trialColors(trials);
    const [i, j, n] = [1, 1, 3];
    assert.equal(colors.get(trials[4].path), grouped ? page.color(i) : page.shade(i, j, n));
  });
}

test('before anything is drawn, the figure names the selection', () => {
  const page = loadPage({ hash: 'm=loss', globals: { document: { getElementById: () => null } } });
  page.store.trials = trials;
  const url = new URL(page.figureUrl('loss', 'svg'), 'http://page');
  assert.equal(url.searchParams.getAll('trial').length, 6);
  assert.deepEqual(url.searchParams.getAll('shade'), ['0.0.3', '0.1.3', '0.2.3', '1.0.3', '1.1.3', '1.2.3']);
});
