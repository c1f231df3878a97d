using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>The y label counts the seeds of the lines drawn: one number when every group has as many, else the range.</summary>
public sealed class BandLabelTests
{
    [Theory]
    [InlineData("std", new[] { 5, 5, 5 }, ", mean ± std of 5 seeds")]
    [InlineData("std", new[] { 1, 1, 5, 1 }, ", mean ± std of 1–5 seeds")]
    [InlineData("range", new[] { 3, 2 }, ", mean and min–max of 2–3 seeds")]
    [InlineData("none", new[] { 4, 1 }, ", mean of 1–4 seeds")]
    public void Groups_of_different_sizes_say_the_fewest_and_the_most(string band, int[] sizes, string label) =>
        Assert.Equal(label, BandLabel.Of(band, grouped: true, sizes));

    [Theory]
    [InlineData(true, new[] { 1, 1 })]
    [InlineData(false, new[] { 3, 3 })]
    public void Lines_of_one_trial_each_say_nothing_of_seeds(bool grouped, int[] sizes) =>
        Assert.Equal("", BandLabel.Of("std", grouped, sizes));
}
