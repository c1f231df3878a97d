namespace Hypergrid.Config.Search;

/// <summary>
/// TPE's density of one parameter over a set of observations (Bergstra et al., NeurIPS 2011), with the choices Optuna
/// 3.1's default TPESampler makes: a prior component (the range's middle, as wide as the range, weight 1) beside one per
/// observation; an observation's width the larger gap to its sorted neighbours (the outermost use their inner gap),
/// clipped to [range / min(100, 1 + components), range]; weights 1 for up to 25 observations, older ones ramped down
/// beyond that. Numeric parameters are truncated normals on their internal scale (integers as the mass of their unit
/// bin); a choice is a mixture of smoothed one-hot rows. A continuous component is scored as Optuna 3.1 scores it, by its
/// standardised height (see <see cref="LogPdf"/>). Pure.
/// </summary>
public sealed class ParzenEstimator
{
    private readonly SpaceParameter parameter;
    private readonly double low, high;
    private readonly double[] mus, sigmas, weights;
    private readonly double[][]? rows; // a choice's per-component probabilities

    /// <summary>
    /// Fits the density to <paramref name="values"/> (internal values in trial order, NaN left out by the caller).
    /// <paramref name="bandwidth"/>, when given, is every observation's width as a fraction of the range (multivariate
    /// TPE's Scott's rule, as Optuna's <c>multivariate=True</c>) instead of the gaps to its neighbours; the magic clip
    /// applies to both.
    /// </summary>
    public ParzenEstimator(SpaceParameter parameter, IReadOnlyList<double> values, double? bandwidth = null)
    {
        this.parameter = parameter;
        low = parameter.InternalLow;
        high = parameter.InternalHigh;
        var n = values.Count;
        weights = new double[n + 1];
        var w = DefaultWeights(n);
        for (var i = 0; i < n; i++) weights[i] = w[i];
        weights[n] = 1.0; // the prior
        var sum = weights.Sum();
        for (var i = 0; i <= n; i++) weights[i] /= sum;
        mus = [.. values, 0.5 * (low + high)];
        sigmas = new double[n + 1];
        if (parameter is ChoiceParameter choice)
        {
            var k = choice.Options.Count;
            rows = new double[n + 1][];
            for (var i = 0; i <= n; i++)
            {
                var row = Enumerable.Repeat(1.0 / (n + 1), k).ToArray();
                if (i < n) row[(int)values[i]] += 1;
                var total = row.Sum();
                rows[i] = row.Select(r => r / total).ToArray();
            }
            return;
        }
        var order = Enumerable.Range(0, n + 1).OrderBy(i => mus[i]).ThenBy(i => i).ToArray();
        var sorted = new double[n + 3];
        sorted[0] = low;
        for (var i = 0; i <= n; i++) sorted[i + 1] = mus[order[i]];
        sorted[n + 2] = high;
        var s = new double[n + 1];
        var range = high - low;
        for (var i = 0; i <= n; i++) s[i] = bandwidth is { } b ? b * range : Math.Max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
        if (bandwidth is null && sorted.Length >= 4)
        {
            s[0] = sorted[2] - sorted[1];
            s[n] = sorted[n + 1] - sorted[n];
        }
        var min = range / Math.Min(100.0, 1.0 + (n + 1));
        for (var i = 0; i <= n; i++) sigmas[order[i]] = Math.Clamp(s[i], min, range);
        sigmas[n] = range;
    }

    /// <summary>Optuna's default_weights: 1 each up to 25 observations; beyond, the oldest n-25 ramp from 1/n to 1.</summary>
    public static double[] DefaultWeights(int n)
    {
        if (n < 25) return Enumerable.Repeat(1.0, n).ToArray();
        var w = new double[n];
        var ramp = n - 25;
        for (var i = 0; i < ramp; i++) w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
        for (var i = ramp; i < n; i++) w[i] = 1.0;
        return w;
    }

    /// <summary>How many components the mixture has (one per observation and the prior, last).</summary>
    public int Components => weights.Length;

    /// <summary>One draw (a snapped internal value).</summary>
    public double Sample(ref SplitMix64 rng) => SampleFrom(PickComponent(ref rng), ref rng);

    /// <summary>A component drawn by the mixture's weights.</summary>
    public int PickComponent(ref SplitMix64 rng) => Pick(weights, rng.NextDouble());

    /// <summary>One draw from component <paramref name="c"/> (a snapped internal value).</summary>
    public double SampleFrom(int c, ref SplitMix64 rng)
    {
        if (rows is not null) return Pick(rows[c], rng.NextDouble());
        double x;
        var tries = 0;
        do x = mus[c] + sigmas[c] * rng.NextGaussian();
        while ((x < low || x > high) && ++tries < 1000);
        return parameter.Snap(Math.Clamp(x, low, high));
    }

    /// <summary>
    /// The log score TPE compares at internal value <paramref name="x"/>: the log of the mixture of the components'
    /// standardised heights (log mass for integers and choices).
    /// </summary>
    public double LogPdf(double x)
    {
        var terms = new double[weights.Length];
        for (var i = 0; i < weights.Length; i++) terms[i] = LogWeight(i) + ComponentLogPdf(i, x);
        return LogSumExp(terms);
    }

    /// <summary>The log of component <paramref name="i"/>'s weight in the mixture.</summary>
    public double LogWeight(int i) => Math.Log(weights[i]);

    /// <summary>Component <paramref name="i"/>'s log score at internal value <paramref name="x"/>, without its weight.</summary>
    public double ComponentLogPdf(int i, double x)
    {
        if (rows is not null) return Math.Log(rows[i][(int)x]);
        var z = NormalDistribution.Cdf((high - mus[i]) / sigmas[i]) - NormalDistribution.Cdf((low - mus[i]) / sigmas[i]);
        double p;
        if (parameter is RangeParameter { Kind: RangeKind.IntUniform })
            p = (NormalDistribution.Cdf((x + 0.5 - mus[i]) / sigmas[i]) - NormalDistribution.Cdf((x - 0.5 - mus[i]) / sigmas[i])) / z;
        else
        {
            // Each component's height is that of a standard normal truncated to the range, without the 1/sigma that
            // would make it a density of x: Optuna 3.1 scores candidates so (its truncnorm.logpdf leaves the scale out),
            // which weights wide components up against narrow ones. Measured here on Branin and Hartmann-6 (40 seeds),
            // it finds optima closer than the normalised density at every budget printed by `bench search`.
            var u = (x - mus[i]) / sigmas[i];
            p = Math.Exp(-0.5 * u * u) / (Math.Sqrt(2 * Math.PI) * z);
        }
        return Math.Log(Math.Max(p, 1e-300));
    }

    /// <summary>log Σ exp(terms), without overflow.</summary>
    public static double LogSumExp(IReadOnlyList<double> terms)
    {
        var max = terms.Max();
        return max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
    }

    private static int Pick(double[] probabilities, double u)
    {
        var acc = 0.0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            acc += probabilities[i];
            if (u < acc) return i;
        }
        return probabilities.Length - 1;
    }
}
