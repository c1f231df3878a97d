using Hypergrid.Findings.Statistics;

namespace Hypergrid.Findings.Tests.Statistics;

public class BootstrapDrawsTests
{
    // The bootstrap as one seeded stream draws it, resample by resample (what Bootstrap computed before its draws were
    // kept per size): the intervals must be these very doubles, whether the draws come from a shared table or not.
    private static Interval Streamed(double[] a, double[]? b, int resamples, ulong seed)
    {
        var rng = new SplitMix(seed);
        double Mean(double[] x, ref SplitMix r)
        {
            var sum = 0.0;
            for (var k = 0; k < x.Length; k++) sum += x[r.Below(x.Length)];
            return sum / x.Length;
        }
        var values = new double[resamples];
        for (var r = 0; r < resamples; r++) values[r] = b is null ? Mean(a, ref rng) : Mean(a, ref rng) - Mean(b, ref rng);
        Array.Sort(values);
        const double level = 0.95; // the quantiles as Bootstrap computes them: (1 - 0.95) / 2 is not the literal 0.025
        return new Interval(Quantile.OfSorted(values, (1 - level) / 2), Quantile.OfSorted(values, (1 + level) / 2));
    }

    private static double[] Values(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => 0.9 + random.NextDouble() * 0.05)];
    }

    [Theory]
    [InlineData(5, 2000, 0UL)]   // a table shared by every group of five
    [InlineData(7, 333, 42UL)]
    [InlineData(600, 2000, 3UL)] // too large for a table: drawn as used
    public void The_mean_and_paired_intervals_are_the_streamed_bootstraps_to_the_last_bit(int n, int resamples, ulong seed)
    {
        var (a, b) = (Values(n, 1), Values(n, 2));
        Assert.Equal(Streamed(a, null, resamples, seed), Bootstrap.Mean(a, resamples, seed));
        // Two groups of one size share the draws, not the answer.
        Assert.Equal(Streamed(b, null, resamples, seed), Bootstrap.Mean(b, resamples, seed));
        Assert.NotEqual(Bootstrap.Mean(a, resamples, seed), Bootstrap.Mean(b, resamples, seed));
        var differences = a.Zip(b, (x, y) => x - y).ToArray();
        Assert.Equal(Streamed(differences, null, resamples, seed), Bootstrap.PairedDifference(a, b, resamples, seed));
    }

    [Theory]
    [InlineData(5, 3, 2000, 0UL)]
    [InlineData(3, 5, 2000, 0UL)] // the sizes' order is part of the draws
    [InlineData(400, 700, 1000, 9UL)] // too large for a table
    public void The_unpaired_interval_is_the_streamed_bootstrap_to_the_last_bit(int na, int nb, int resamples, ulong seed)
    {
        var (a, b) = (Values(na, 3), Values(nb, 4));
        Assert.Equal(Streamed(a, b, resamples, seed), Bootstrap.UnpairedDifference(a, b, resamples, seed));
    }
}
