using FsCheck.Xunit;
using Hypergrid.Findings.Statistics;

namespace Hypergrid.Findings.Tests.Statistics;

public class BootstrapTests
{
    private static readonly double[] Values = [1, 2, 4, 8, 16];

    // Every one of the 5^5 resamples, equally likely: the bootstrap distribution of the mean, exactly.
    private static double[] ExactMeans()
    {
        var means = new List<double>();
        for (var k = 0; k < 3125; k++)
        {
            double sum = 0;
            for (int i = 0, rest = k; i < 5; i++, rest /= 5) sum += Values[rest % 5];
            means.Add(sum / 5);
        }
        return [.. means.Order()];
    }

    [Theory]
    [InlineData(0.95)]
    [InlineData(0.80)]
    public void The_bootstrap_interval_of_the_mean_converges_to_the_exact_bootstrap_distributions_quantiles(double level)
    {
        var exact = ExactMeans();
        var interval = Bootstrap.Mean(Values, 20000, 7, level);
        // The exact quantiles at 0.95: 2.4 and 10.4; at 0.80 they move by more than a unit, so a wrong level fails.
        Assert.InRange(interval.Low, Quantile.OfSorted(exact, (1 - level) / 2) - 0.25, Quantile.OfSorted(exact, (1 - level) / 2) + 0.25);
        Assert.InRange(interval.High, Quantile.OfSorted(exact, (1 + level) / 2) - 0.25, Quantile.OfSorted(exact, (1 + level) / 2) + 0.25);
    }

    [Fact]
    public void The_same_values_and_seed_give_the_same_interval_and_another_seed_another()
    {
        Assert.Equal(Bootstrap.Mean(Values, 2000, 0), Bootstrap.Mean(Values, 2000, 0));
        Assert.NotEqual(Bootstrap.Mean(Values, 2000, 0), Bootstrap.Mean(Values, 2000, 1));
        // Pinned: the stream is this code's own (SplitMix64), so no runtime or machine changes it.
        var pinned = Bootstrap.Mean(ReferenceData.X, 2000, 0);
        // Pinned as written on the day (AMD EPYC, .NET 10): a change of the generator, the resampling or the quantile moves them.
        Assert.Equal(0.9038, pinned.Low, 12);
        Assert.Equal(0.9168, pinned.High, 12);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(-0.02)]
    public void The_paired_difference_resamples_seeds_together_so_a_shared_seed_effect_cancels(double shift)
    {
        // Seeds vary a lot, the difference not at all: paired, the interval is the difference itself; unpaired, it is wide.
        double[] b = [0.5, 0.9, 0.1, 0.7, 0.3];
        var a = b.Select(v => v + shift).ToArray();
        var paired = Bootstrap.PairedDifference(a, b, 2000, 0);
        Assert.Equal(shift, paired.Low, 12);
        Assert.Equal(shift, paired.High, 12);
        var unpaired = Bootstrap.UnpairedDifference(a, b, 2000, 0);
        Assert.True(unpaired.High - unpaired.Low > 0.3, $"unpaired {unpaired}");
        Assert.InRange(shift, unpaired.Low, unpaired.High);
    }

    [Fact]
    public void Quantiles_interpolate_between_order_statistics_as_numpy_does()
    {
        // numpy.percentile([1, 2, 4, 8, 16], [2.5, 50, 90, 100]) = 1.1, 4.0, 12.8, 16.0
        double[] sorted = [1, 2, 4, 8, 16];
        Assert.Equal(1.1, Quantile.OfSorted(sorted, 0.025), 12);
        Assert.Equal(4.0, Quantile.OfSorted(sorted, 0.5), 12);
        Assert.Equal(12.8, Quantile.OfSorted(sorted, 0.9), 12);
        Assert.Equal(16.0, Quantile.OfSorted(sorted, 1.0), 12);
    }

    [Property(MaxTest = 200)]
    public bool Selecting_a_quantile_gives_what_sorting_gives(double[] raw, byte percent)
    {
        var values = raw.Where(double.IsFinite).ToArray();
        if (values.Length == 0) return true;
        var q = percent % 101 / 100.0;
        var sorted = values.Order().ToArray();
        return Quantile.Select(values.ToArray(), q) == Quantile.OfSorted(sorted, q);
    }
}
