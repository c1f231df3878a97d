using FsCheck.Xunit;
using Hypergrid.Findings.Statistics;

namespace Hypergrid.Findings.Tests.Statistics;

public class TailQuantileTests
{
    private static double Selected(double[] values, double q) => Quantile.Select(values.ToArray(), q);

    [Theory]
    [InlineData(2000, 0.95)]  // a report's bootstrap: 2.5% and 97.5% of 2,000 resamples
    [InlineData(2000, 0.80)]
    [InlineData(333, 0.95)]
    [InlineData(7, 0.95)]
    [InlineData(2, 0.95)]
    [InlineData(1, 0.95)]
    public void The_tail_quantiles_are_the_selected_ones_to_the_last_bit(int n, double level)
    {
        var random = new Random(n);
        // Resampled means of five values: many ties, as a bootstrap of few seeds has.
        double[] five = [0.91, 0.905, 0.9125, 0.899, 0.9071];
        var tied = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, 5).Sum(_ => five[random.Next(5)]) / 5).ToArray();
        var spread = Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-5, 5))).ToArray();
        foreach (var values in new[] { tied, spread })
            foreach (var q in new[] { (1 - level) / 2, (1 + level) / 2 })
                Assert.Equal(BitConverter.DoubleToInt64Bits(Selected(values, q)), BitConverter.DoubleToInt64Bits(TailQuantile.Of(values, q)!.Value));
    }

    [Property(MaxTest = 500)]
    public bool Any_finite_values_and_any_q_give_what_selection_gives(double[] raw, byte percent, bool someTies)
    {
        var values = raw.Where(double.IsFinite).Select(v => someTies ? Math.Round(v % 3) : v).ToArray();
        if (values.Length == 0) return true;
        var q = percent % 101 / 100.0;
        // A zero order statistic is left to selection (null), which picks one of 0.0 and -0.0 as it partitions.
        return TailQuantile.Of(values, q) is not { } tail ? values.Contains(0.0)
            : BitConverter.DoubleToInt64Bits(Selected(values, q)) == BitConverter.DoubleToInt64Bits(tail);
    }

    [Fact]
    public void Values_holding_a_NaN_are_left_to_selection()
    {
        Assert.Null(TailQuantile.Of([1, 2, double.NaN, 4], 0.025));
        Assert.Null(TailQuantile.Of([double.NaN, 2, 3, 4, 5, 6], 0.975));
        Assert.Null(TailQuantile.Of([], 0.5));
        Assert.Null(TailQuantile.Of([0.0, -0.0, 1, 2], 0.1)); // a zero: 0.0 or -0.0 is selection's choice
        Assert.NotNull(TailQuantile.Of([0.0, -0.0, 1, 2], 0.9));
    }

    [Fact]
    public void The_values_are_left_in_their_order()
    {
        double[] values = [5, 1, 4, 2, 3];
        _ = TailQuantile.Of(values, 0.3);
        Assert.Equal([5, 1, 4, 2, 3], values);
    }
}
