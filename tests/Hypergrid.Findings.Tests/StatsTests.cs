namespace Hypergrid.Findings.Tests;

/// <summary>
/// Against reference values from R 4.x (the implementation statisticians check against), on data sets shipped with R:
/// Student's sleep data (t.test in R's own examples) and PlantGrowth (anova(lm(weight ~ group))). Inputs are pasted beside
/// the numbers; R prints 4-5 significant digits, so the tolerances are those digits.
/// </summary>
public class StatsTests
{
    // sleep$extra, group 1 and group 2 (the same ten patients, in order).
    private static readonly double[] Drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    private static readonly double[] Drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    [Fact]
    public void Welchs_t_test_matches_R_on_the_sleep_data() =>
        // t.test(extra ~ group, data = sleep): t = -1.8608, df = 17.776, p-value = 0.07939
        Assert.Equal(0.07939, Stats.WelchT(Drug1, Drug2), 5);

    [Fact]
    public void The_paired_t_test_matches_R_on_the_sleep_data() =>
        // t.test(Drug1, Drug2, paired = TRUE): t = -4.0621, df = 9, p-value = 0.002833
        Assert.Equal(0.002833, Stats.PairedT(Drug1, Drug2), 6);

    [Fact]
    public void The_t_confidence_interval_of_a_mean_matches_R()
    {
        // The same paired test's 95 percent confidence interval of the mean difference: -2.4598858 -0.7001142
        var d = Stats.Describe(Drug1.Zip(Drug2, (a, b) => a - b).ToList());
        Assert.Equal(-2.4598858, d.Low!.Value, 6);
        Assert.Equal(-0.7001142, d.High!.Value, 6);
        Assert.Equal(-1.58, d.Mean, 10);
    }

    [Fact]
    public void The_f_test_matches_R_on_PlantGrowth()
    {
        // anova(lm(weight ~ group, PlantGrowth)): F value 4.8461 on 2 and 27 Df, Pr(>F) 0.01591
        Assert.Equal(0.01591, Stats.FTest(4.8461, 2, 27), 5);
    }

    [Fact]
    public void One_value_has_no_spread_and_identical_samples_are_no_difference()
    {
        var one = Stats.Describe([0.5]);
        Assert.Equal((0.5, (double?)null, (double?)null), (one.Mean, one.Std, one.Low));
        Assert.Equal(1.0, Stats.WelchT([0.9, 0.9], [0.9, 0.9]));
        Assert.Equal(0.0, Stats.PairedT([0.9, 0.9], [0.8, 0.8]));
    }
}
