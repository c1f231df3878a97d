namespace Hypergrid.Config.Search;

/// <summary>
/// The tree-structured Parzen estimator (Bergstra, Bardenet, Bengio and Kégl, NeurIPS 2011), with the choices of Optuna
/// 3.1's TPESampler: the complete trials are split at the best γ(n) = min(⌈n/10⌉, 25) by loss (ties by trial order); a
/// density l over the best and g over the rest is fitted to the trials where a parameter was active
/// (<see cref="ParzenEstimator"/>), candidates are drawn from l and the one with the largest log l − log g is proposed.
/// Univariate (Optuna's default): each parameter on its own. Multivariate (Optuna's <c>multivariate=True</c>): the
/// parameters active in every trial share one kernel per trial (widths by Scott's rule), so a candidate is drawn and
/// scored as a point; the rest (an option's keys) stay univariate. Pure: the proposal is a function of the space, the
/// observations, the settings and the random stream.
/// </summary>
public static class Tpe
{
    /// <summary>Optuna's <c>n_ei_candidates</c> default.</summary>
    public const int DefaultCandidates = 24;

    /// <summary>Optuna's default γ: how many of n trials are the "good" ones.</summary>
    public static int Gamma(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);

    /// <summary>Optuna's multivariate bandwidth (Scott's rule as in BOHB): 0.2·n^(−1/(d+4)) of each range.</summary>
    public static double Bandwidth(int n, int dimensions) => 0.2 * Math.Pow(Math.Max(n, 1), -1.0 / (dimensions + 4));

    /// <summary>A proposal (internal values, one per parameter) from <paramref name="history"/> (in trial order; losses finite).</summary>
    public static double[] Propose(SearchSpace space, IReadOnlyList<Observation> history, SplitMix64 rng,
        int candidates = DefaultCandidates, bool multivariate = false)
    {
        var ranked = Enumerable.Range(0, history.Count).OrderBy(i => history[i].Loss).ThenBy(i => i).ToList();
        var below = ranked.Take(Gamma(history.Count)).Order().ToList();
        var above = ranked.Skip(below.Count).Order().ToList();
        var x = new double[space.Parameters.Count];
        var joint = multivariate ? space.Parameters.Where(p => history.All(o => !double.IsNaN(o.X[p.Index]))).ToList() : [];
        if (joint.Count < 2) joint = [];
        if (joint.Count > 0) ProposeJointly(joint, history, below, above, ref rng, candidates, x);
        foreach (var p in space.Parameters.Except(joint))
        {
            var l = new ParzenEstimator(p, Values(history, below, p.Index));
            var g = new ParzenEstimator(p, Values(history, above, p.Index));
            var best = double.NegativeInfinity;
            for (var c = 0; c < candidates; c++)
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

    // The joint parameters' values: each candidate is one component of l drawn by weight, sampled in every dimension;
    // its score is log l − log g of the product kernels.
    private static void ProposeJointly(List<SpaceParameter> joint, IReadOnlyList<Observation> history, List<int> below, List<int> above,
        ref SplitMix64 rng, int candidates, double[] x)
    {
        ParzenEstimator[] Fit(List<int> set) =>
            joint.Select(p => new ParzenEstimator(p, Values(history, set, p.Index), Bandwidth(set.Count, joint.Count))).ToArray();
        var l = Fit(below);
        var g = Fit(above);
        var point = new double[joint.Count];
        var best = double.NegativeInfinity;
        for (var c = 0; c < candidates; c++)
        {
            var component = l[0].PickComponent(ref rng);
            for (var d = 0; d < joint.Count; d++) point[d] = l[d].SampleFrom(component, ref rng);
            var score = LogPdf(l, point) - LogPdf(g, point);
            if (score > best)
            {
                best = score;
                for (var d = 0; d < joint.Count; d++) x[joint[d].Index] = point[d];
            }
        }
    }

    // The product-kernel mixture's log score at a point: log Σ_i w_i Π_d p_{d,i}(x_d).
    private static double LogPdf(ParzenEstimator[] dims, double[] point)
    {
        var terms = new double[dims[0].Components];
        for (var i = 0; i < terms.Length; i++)
        {
            var t = dims[0].LogWeight(i);
            for (var d = 0; d < dims.Length; d++) t += dims[d].ComponentLogPdf(i, point[d]);
            terms[i] = t;
        }
        return ParzenEstimator.LogSumExp(terms);
    }

    private static List<double> Values(IReadOnlyList<Observation> history, List<int> indices, int parameter) =>
        indices.Select(i => history[i].X[parameter]).Where(v => !double.IsNaN(v)).ToList();
}
