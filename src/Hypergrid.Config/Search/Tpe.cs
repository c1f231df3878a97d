namespace Hypergrid.Config.Search;

/// <summary>
/// The tree-structured Parzen estimator (Bergstra, Bardenet, Bengio and Kégl, NeurIPS 2011), univariate as Optuna 3.1's
/// default TPESampler: the complete trials are split at the best γ(n) = min(⌈n/10⌉, 25) by loss (ties by trial order);
/// for each parameter a density l over the best and g over the rest is fitted to the trials where it was active
/// (<see cref="ParzenEstimator"/>), 24 candidates are drawn from l and the one with the largest log l − log g is
/// proposed. Pure: the proposal is a function of the space, the observations and the random stream.
/// </summary>
public static class Tpe
{
    /// <summary>Optuna's <c>n_ei_candidates</c> default.</summary>
    public const int Candidates = 24;

    /// <summary>Optuna's default γ: how many of n trials are the "good" ones.</summary>
    public static int Gamma(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);

    /// <summary>A proposal (internal values, one per parameter) from <paramref name="history"/> (in trial order; losses finite).</summary>
    public static double[] Propose(SearchSpace space, IReadOnlyList<Observation> history, SplitMix64 rng)
    {
        var ranked = Enumerable.Range(0, history.Count).OrderBy(i => history[i].Loss).ThenBy(i => i).ToList();
        var below = ranked.Take(Gamma(history.Count)).Order().ToList();
        var above = ranked.Skip(below.Count).Order().ToList();
        var x = new double[space.Parameters.Count];
        foreach (var p in space.Parameters)
        {
            var l = new ParzenEstimator(p, Values(history, below, p.Index));
            var g = new ParzenEstimator(p, Values(history, above, p.Index));
            var best = double.NegativeInfinity;
            for (var c = 0; c < Candidates; c++)
            {
                var candidate = l.Sample(ref rng);
                var score = l.LogPdf(candidate) - g.LogPdf(candidate);
                if (score > best)
                {
                    best = score;
                    x[p.Index] = candidate;
                }
            }
        }
        return x;
    }

    private static List<double> Values(IReadOnlyList<Observation> history, List<int> indices, int parameter) =>
        indices.Select(i => history[i].X[parameter]).Where(v => !double.IsNaN(v)).ToList();
}
