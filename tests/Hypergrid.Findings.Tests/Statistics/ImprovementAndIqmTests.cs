using Hypergrid.Findings.Statistics;
using static Hypergrid.Findings.Tests.Statistics.ReferenceData;

namespace Hypergrid.Findings.Tests.Statistics;

public class ImprovementAndIqmTests
{
    [Theory]
    // scipy.stats.trim_mean(x, 0.25): cuts floor(n/4) from each end.
    [InlineData(10, 0.5333333333333333)]
    [InlineData(7, 0.52)]
    [InlineData(3, -0.3666666666666667)] // nothing cut below four values: the mean
    public void The_interquartile_mean_matches_scipys_trim_mean(int n, double expected) =>
        Assert.Equal(expected, Iqm.Of(Drug1.Take(n).ToList()), 12);

    [Fact]
    public void The_unpaired_probability_of_improvement_is_mann_whitney_u_over_n_m()
    {
        // scipy.stats.mannwhitneyu(Drug1, Drug2).statistic / 100 = 0.255 (ties count one half)
        Assert.Equal(0.255, Improvement.Unpaired(Drug1, Drug2, higherIsBetter: true), 12);
        // Lower is better: the complement (ties are symmetric).
        Assert.Equal(0.745, Improvement.Unpaired(Drug1, Drug2, higherIsBetter: false), 12);
        Assert.Equal(0.0, Improvement.Unpaired(X, Y, true));
    }

    [Fact]
    public void The_paired_probability_of_improvement_counts_the_seeds_won()
    {
        // By hand: Drug1 beats Drug2 on no patient and ties on one (-0.1 = -0.1): 0.5 / 10.
        Assert.Equal(0.05, Improvement.Paired(Drug1, Drug2, true), 12);
        Assert.Equal(0.95, Improvement.Paired(Drug1, Drug2, false), 12);
        // Paired differs from unpaired on the same numbers: [1, 5] vs [2, 0] wins seed 2 only, but 3 of 4 pairs.
        Assert.Equal(0.5, Improvement.Paired([1.0, 5.0], [2.0, 0.0], true));
        Assert.Equal(0.75, Improvement.Unpaired([1.0, 5.0], [2.0, 0.0], true));
    }
}
