// Trials as GET /api/trials gives them to the page, for the JS tests: a leaf's parts, a path, a config.

/** A trial of a leaf ('sweep/mnist/mlp/adam') numbered n, with its config and any other fields (state, code, final...). */
export function trial(leaf, n, config = {}, fields = {}) {
  const [mode, dataset, model, trainer] = leaf.split('/');
  const name = `trial_${String(n).padStart(3, '0')}`;
  return { path: `${leaf}/${name}`, trial: name, mode, dataset, model, trainer, state: 'complete', log: true, config, ...fields };
}

/** Text a page must show as it is, never as markup. */
export const HOSTILE = '<img src=x onerror="alert(1)">&amp;';
