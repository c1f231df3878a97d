using System.Buffers;

namespace Hypergrid.Findings.Statistics;

/// <summary>
/// Percentile bootstrap intervals (Efron): the statistic recomputed on <c>resamples</c> resamples drawn with replacement
/// by a seeded <see cref="SplitMix"/>, its (1 - level)/2 and (1 + level)/2 quantiles (type 7) the interval. The same
/// values, resamples and seed give the same interval. No allocation per resample.
/// </summary>
public static class Bootstrap
{
    /// <summary>The interval of the mean of <paramref name="x"/>.</summary>
    public static Interval Mean(IReadOnlyList<double> x, int resamples, ulong seed, double level = 0.95) =>
        Resample(resamples, seed, level, (ref SplitMix rng) => MeanOf(x, ref rng));

    /// <summary>
    /// The interval of the mean of the paired differences a[i] - b[i] (the same seeds: a resample draws seeds, keeping
    /// each seed's pair together).
    /// </summary>
    public static Interval PairedDifference(IReadOnlyList<double> a, IReadOnlyList<double> b, int resamples, ulong seed, double level = 0.95) =>
        Resample(resamples, seed, level, (ref SplitMix rng) =>
        {
            var sum = 0.0;
            for (var k = 0; k < a.Count; k++)
            {
                var i = rng.Below(a.Count);
                sum += a[i] - b[i];
            }
            return sum / a.Count;
        });

    /// <summary>The interval of mean(a) - mean(b) for unpaired samples (each resampled on its own: a two-sample bootstrap).</summary>
    public static Interval UnpairedDifference(IReadOnlyList<double> a, IReadOnlyList<double> b, int resamples, ulong seed, double level = 0.95) =>
        Resample(resamples, seed, level, (ref SplitMix rng) => MeanOf(a, ref rng) - MeanOf(b, ref rng));

    private delegate double Statistic(ref SplitMix rng);

    private static double MeanOf(IReadOnlyList<double> x, ref SplitMix rng)
    {
        var sum = 0.0;
        for (var k = 0; k < x.Count; k++) sum += x[rng.Below(x.Count)];
        return sum / x.Count;
    }

    private static Interval Resample(int resamples, ulong seed, double level, Statistic statistic)
    {
        var rng = new SplitMix(seed);
        var values = ArrayPool<double>.Shared.Rent(resamples);
        try
        {
            for (var r = 0; r < resamples; r++) values[r] = statistic(ref rng);
            var span = values.AsSpan(0, resamples);
            span.Sort();
            return new Interval(Quantile.OfSorted(span, (1 - level) / 2), Quantile.OfSorted(span, (1 + level) / 2));
        }
        finally { ArrayPool<double>.Shared.Return(values); }
    }
}
