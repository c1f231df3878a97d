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
        Assert.Equal(label, BandLabel.Of(band, grouped: true, sizes, byStep: true));

    [Theory]
    [InlineData(true, new[] { 1, 1 })]
    [InlineData(false, new[] { 3, 3 })]
    public void Lines_of_one_trial_each_say_nothing_of_seeds(bool grouped, int[] sizes) =>
        Assert.Equal("", BandLabel.Of("std", grouped, sizes, byStep: true));

    /// <summary>
    /// A range band over lines of one trial each (a sweep's 50 groups, or ungrouped) is still a band by step, of each
    /// bucket's rows: the label says so (the fourth audit's point 16: the y label said only "loss"); by epoch one trial's
    /// range is its value, no band, and nothing is said.
    /// </summary>
    [Theory]
    [InlineData(true, true, ", mean and min–max of each bucket's rows (one seed each)")]
    [InlineData(false, true, ", with the min–max of each bucket's rows")]
    [InlineData(true, false, "")]
    [InlineData(false, false, "")]
    public void A_range_band_of_single_trials_by_step_says_what_it_spans(bool grouped, bool byStep, string label) =>
        Assert.Equal(label, BandLabel.Of("range", grouped, [1, 1, 1], byStep));
}
