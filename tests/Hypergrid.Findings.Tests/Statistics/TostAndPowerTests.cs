using Hypergrid.Findings.Statistics;
using static Hypergrid.Findings.Tests.Statistics.ReferenceData;

namespace Hypergrid.Findings.Tests.Statistics;

public class TostAndPowerTests
{
    [Theory]
    // d = Drug1 - Drug2; max(ttest_rel(d + D, 0, alternative='greater').p, ttest_rel(d - D, 0, alternative='less').p)
    [InlineData(3.0, 0.0026555702926587)]
    [InlineData(2.0, 0.15415723566909756)]
    [InlineData(1.0, 0.9149441145512887)]
    public void The_paired_two_one_sided_tests_match_scipy(double margin, double expected) =>
        Assert.Equal(expected, Tost.P(Difference.OfPaired(Drug1, Drug2), margin), 9);

    [Fact]
    public void The_welch_two_one_sided_tests_match_scipy()
    {
        // max(ttest_ind(x + 0.03, y, equal_var=False, alternative='greater').p, ttest_ind(x - 0.03, y, equal_var=False, alternative='less').p)
        Assert.Equal(0.026039873680532278, Tost.P(Difference.OfWelch(X, Y), 0.03), 9);
        // And the difference itself: ttest_rel(x, y).p, ttest_ind(x, y, equal_var=False).p
        Assert.Equal(0.015962717180844434, Stats.PairedT(X, Y), 9);
        Assert.Equal(0.004148453332890187, Stats.WelchT(X, Y), 9);
    }

    [Theory]
    // scipy.stats.nct.cdf(t, df, nc)
    [InlineData(2.1, 9, 1.5, 0.6861473162120867)]
    [InlineData(-2.1, 9, 1.5, 0.0006474496844443223)]
    [InlineData(1.0, 3, 2.0, 0.1573494339700365)]
    [InlineData(2.0, 40, -1.0, 0.9982354352872952)]
    [InlineData(0.5, 1, 0.3, 0.5361876885303859)]
    public void The_noncentral_t_cdf_matches_scipy(double t, double df, double delta, double expected) =>
        Assert.Equal(expected, NoncentralT.Cdf(t, df, delta), 7);

    [Theory]
    // The smallest n whose power 1 - nct.cdf(c, df, ncp) + nct.cdf(-c, df, ncp) reaches the target, by scipy, counting n up from 2:
    // c = t.ppf(1 - alpha/2, df), ncp = delta / (sd / sqrt(n)), df = n - 1 (paired) or 2n - 2 (unpaired).
    [InlineData(0.01, 0.02, 0.05, 0.8, true, 34)]
    [InlineData(0.01, 0.02, 0.05, 0.9, true, 44)]
    [InlineData(-0.005, 0.004, 0.025, 0.8, true, 9)]
    [InlineData(0.01, 0.02, 0.05, 0.8, false, 33)]
    [InlineData(1.0, 1.0, 0.05, 0.8, true, 10)]
    [InlineData(2.0, 1.0, 0.05, 0.8, true, 5)]   // few seeds: where a wrong df shows
    [InlineData(1.5, 1.0, 0.05, 0.8, true, 6)]
    [InlineData(2.0, 1.0, 0.05, 0.8, false, 4)]
    [InlineData(3.0, 1.0, 0.01, 0.9, true, 6)]
    public void Seeds_needed_are_the_smallest_n_reaching_the_power_as_scipy_counts_them(double delta, double sd, double alpha, double power, bool paired, int expected)
    {
        var (seeds, decides) = SeedsNeeded.Of(new Difference(delta, sd / 3, 8, sd, paired), alpha, power, null);
        Assert.Equal(expected, seeds);
        Assert.Equal("different", decides);
    }

    [Theory]
    // 1 - nct.cdf(c, df, ncp) + nct.cdf(-c, df, ncp) as above, at a given n
    [InlineData(0.01, 0.02, 10, 0.05, true, 0.2931756065300415)]
    [InlineData(2.0, 1.0, 4, 0.05, true, 0.7549839171138953)]
    [InlineData(1.0, 1.0, 6, 0.05, false, 0.5991533194236999)]
    public void The_power_of_the_t_test_at_n_seeds_matches_scipy(double delta, double sd, int n, double alpha, bool paired, double expected) =>
        Assert.Equal(expected, SeedsNeeded.DifferencePower(new Difference(delta, 0, 1, sd, paired), n, alpha), 7);

    [Fact]
    public void With_no_difference_observed_only_a_margin_can_decide_and_a_wider_margin_needs_fewer_seeds()
    {
        var none = new Difference(0, 0.01, 4, 0.02, true);
        Assert.Equal((null, null), SeedsNeeded.Of(none, 0.05, 0.8, null));
        var (narrow, what) = SeedsNeeded.Of(none, 0.05, 0.8, 0.01);
        var (wide, _) = SeedsNeeded.Of(none, 0.05, 0.8, 0.02);
        Assert.Equal("equivalent", what);
        Assert.True(wide < narrow, $"wide {wide}, narrow {narrow}");
        // At the n found the approximate power reaches 0.8, one seed fewer it does not.
        Assert.True(SeedsNeeded.EquivalencePower(none, narrow!.Value, 0.05, 0.01) >= 0.8);
        Assert.True(SeedsNeeded.EquivalencePower(none, narrow.Value - 1, 0.05, 0.01) < 0.8);
    }
}
