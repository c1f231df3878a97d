namespace Hypergrid.Findings.Tests;

/// <summary>
/// Two groups whose values per seed differ only by the last bits of a double (a program whose result does not depend on
/// the setting, summed in another order) are no difference: a paired t-test of such differences, all but equal, said
/// p = 0 and "different" with a delta of 0.0000 (found in a study of 50 leaves). Values within 1e-12 of each other,
/// relative to their size, compare as equal: p 1, no improvement, an interval of the difference at 0, never "different".
/// </summary>
public class RoundingNoiseTests
{
    private static GroupRow Group(string name, double[] samples) => GroupRow.Of("experiment/d/" + name + "/adam", samples);

    public static TheoryData<double[], double[]> Alike => new()
    {
        // The same differences on every seed: the spread of the differences is 0, their mean a few ulps.
        { [0.12167499977534285, 0.1243558875] , [0.12167499977534287, 0.12435588750000002] },
        { [0.1 + 0.2, 0.7 + 0.1, 1.1 + 2.2], [0.3, 0.8, 3.3] },
        { [1e6 + 1e-7, 2e6 + 2e-7, 3e6], [1e6 + 1e-7 + 2.3e-10, 2e6 + 2e-7 + 4.6e-10, 3e6 + 4.6e-10] },
        { [-0.5, -0.25, -0.125], [-0.5 * (1 + 4e-16), -0.25 * (1 + 4e-16), -0.125 * (1 + 4e-16)] },
    };

    [Theory]
    [MemberData(nameof(Alike))]
    public void Values_equal_but_for_rounding_are_never_a_difference(double[] best, double[] other)
    {
        foreach (var higher in new[] { true, false })
        {
            var (b, o) = (Group("best", best), Group("other", other));
            var rows = Comparer.Section([b, o], b, b, new StatisticsOptions(Equivalence: 0.01), higherIsBetter: higher);
            var row = rows[1];
            Assert.Equal("paired", row.Test);
            Assert.Equal(1.0, row.P);
            Assert.NotEqual("different", row.Verdict);
            Assert.Equal("equivalent", row.Verdict);
            Assert.Equal((0.0, 0.0), (row.DiffLow!.Value, row.DiffHigh!.Value));
            Assert.True(row.Poi <= 0.5, $"P(improve) {row.Poi}");
            Assert.Equal(1.0, row.PPerm);
        }
    }

    [Fact]
    public void A_real_difference_of_the_same_size_on_every_seed_is_still_found()
    {
        // A constant difference far above rounding (1e-6 relative) stays what the tests make of it.
        var (b, o) = (Group("best", [0.5, 0.6, 0.7]), Group("other", [0.5 - 5e-7, 0.6 - 5e-7, 0.7 - 5e-7]));
        var row = Comparer.Section([b, o], b, b, new StatisticsOptions(), higherIsBetter: true)[1];
        Assert.True(row.P < 0.05, $"p {row.P}");
    }
}
