using System.Buffers;

namespace Hypergrid.Findings.Statistics;

/// <summary>
/// Percentile bootstrap intervals (Efron): the statistic recomputed on <c>resamples</c> resamples drawn with replacement
/// by a seeded <see cref="SplitMix"/>, its (1 - level)/2 and (1 + level)/2 quantiles (type 7) the interval. The same
/// values, resamples and seed give the same interval. No allocation per resample, the draws of a size kept for every
/// group of that size (<see cref="BootstrapDraws"/>), and the two quantiles selected from their tails
/// (<see cref="TailQuantile"/>), not sorted for; for a mean of a few values, found from the multisets the resamples draw
/// (<see cref="DrawMultisets"/>), summing only the resamples near the quantiles: a report of thousands of groups pays
/// little for them.
/// </summary>
public static class Bootstrap
{
    /// <summary>The interval of the mean of <paramref name="x"/>.</summary>
    public static Interval Mean(IReadOnlyList<double> x, int resamples, ulong seed, double level = 0.95) =>
        Resample([.. x], null, Kind.Mean, resamples, seed, level);

    /// <summary>
    /// The interval of the mean of the paired differences a[i] - b[i] (the same seeds: a resample draws seeds, keeping
    /// each seed's pair together).
    /// </summary>
    public static Interval PairedDifference(IReadOnlyList<double> a, IReadOnlyList<double> b, int resamples, ulong seed, double level = 0.95) =>
        Resample(Difference.PerSeed(a, b), null, Kind.Mean, resamples, seed, level);

    /// <summary>The interval of mean(a) - mean(b) for unpaired samples (each resampled on its own: a two-sample bootstrap).</summary>
    public static Interval UnpairedDifference(IReadOnlyList<double> a, IReadOnlyList<double> b, int resamples, ulong seed, double level = 0.95) =>
        Resample([.. a], [.. b], Kind.Difference, resamples, seed, level);

    private enum Kind { Mean, Difference }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double MeanOf(double[] x, ref SplitMix rng)
    {
        var sum = 0.0;
        for (var k = 0; k < x.Length; k++) sum += x[rng.Below(x.Length)];
        return sum / x.Length;
    }

    // The mean of the values at this resample's indices, added in the order they were drawn.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double MeanOf(double[] x, ReadOnlySpan<int> draws)
    {
        var sum = 0.0;
        foreach (var i in draws) sum += x[i];
        return sum / x.Length;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static Interval Resample(double[] a, double[]? b, Kind kind, int resamples, ulong seed, double level)
    {
        // A mean's quantiles from the multisets its resamples draw (the same doubles), where they are few.
        if (kind == Kind.Mean && DrawMultisets.Of(a.Length, resamples, seed)?.Interval(a, level) is { } fromMultisets) return fromMultisets;
        var rng = new SplitMix(seed);
        var values = ArrayPool<double>.Shared.Rent(resamples);
        var nb = kind == Kind.Mean ? 0 : b!.Length;
        try
        {
            // The same draws as one stream would give, from the table every group of these sizes shares.
            if (BootstrapDraws.Of(a.Length, nb, resamples, seed) is { } table)
            {
                var width = a.Length + nb;
                for (var r = 0; r < resamples; r++)
                {
                    var draws = table.AsSpan(r * width, width);
                    values[r] = kind == Kind.Mean ? MeanOf(a, draws) : MeanOf(a, draws[..a.Length]) - MeanOf(b!, draws[a.Length..]);
                }
            }
            else
                for (var r = 0; r < resamples; r++) values[r] = kind == Kind.Mean ? MeanOf(a, ref rng) : MeanOf(a, ref rng) - MeanOf(b!, ref rng);
            var span = values.AsSpan(0, resamples);
            // Each quantile from its tail (the same order statistics); resampled means with a NaN are selected as before.
            if (TailQuantile.Of(span, (1 - level) / 2) is { } low && TailQuantile.Of(span, (1 + level) / 2) is { } high) return new Interval(low, high);
            return new Interval(Quantile.Select(span, (1 - level) / 2), Quantile.Select(span, (1 + level) / 2));
        }
        finally { ArrayPool<double>.Shared.Return(values); }
    }
}
