using Hypergrid.Findings.Statistics;

namespace Hypergrid.Findings.Tests.Statistics;

public class TQuantileTests
{
    [Theory]
    // scipy.stats.t.isf(tail, df)
    [InlineData(0.025, 4, 2.7764451051977996)]
    [InlineData(1.25e-5, 1, 25464.790881065408)] // α/m for m = 2000: where MathNet's InvCDF does not converge
    [InlineData(1e-6, 3, 103.29946802190557)]
    [InlineData(0.3, 10, 0.5415280387550147)]
    public void Upper_tail_critical_values_match_scipy_even_far_in_the_tail(double tail, double df, double expected) =>
        Assert.Equal(expected, TQuantile.Upper(tail, df), expected * 1e-8);

    [Fact]
    public void Seeds_needed_at_a_strictly_corrected_level_are_found_and_not_an_error()
    {
        // Two thousand comparisons: α/m = 2.5e-5; a large effect still needs only a handful of seeds.
        var (seeds, _) = SeedsNeeded.Of(new Difference(1.0, 0.5, 3, 0.5, true), 0.05 / 2000, 0.8, null);
        Assert.InRange(seeds!.Value, 5, 20);
    }

    // The middle: t = 0 at any df. It was found as -Find(1 - 0.5), itself again, until the stack ran out (report
    // --power 0.5 asks for it, and so did the dashboard's /api/report?power=0.5).
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(29)]
    public void The_middle_of_the_distribution_is_zero(double df) => Assert.Equal(0, TQuantile.Upper(0.5, df));

    [Theory]
    [InlineData(null)]
    [InlineData(0.2)]
    public void Seeds_needed_at_power_one_half_are_found(double? margin)
    {
        var (seeds, _) = SeedsNeeded.Of(new Difference(0.05, 0.5, 3, 0.5, true), 0.05, 0.5, margin);
        Assert.True(seeds is null or > 1);
    }
}
