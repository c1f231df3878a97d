using Hypergrid.Trials.Logs;
using FsCheck.Xunit;

namespace Hypergrid.Trials.Tests.Logs;

public class MedianTests
{
    [Property]
    public bool Selection_gives_the_same_median_as_sorting(double[] values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0) return true;
        var sorted = finite.Order().ToArray();
        var n = sorted.Length;
        var expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return Median.Of(finite).Equals(expected);
    }

    // Columns of small integers (iterations a solver used) are runs of equal values: each round must still finish.
    [Property]
    public bool Selection_gives_the_same_median_as_sorting_with_many_equal_values(byte[] values)
    {
        if (values.Length == 0) return true;
        var list = values.Select(v => (double)(v % 4)).ToList();
        var sorted = list.Order().ToArray();
        var n = sorted.Length;
        return Median.Of(list).Equals(n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2);
    }

    [Fact]
    public void A_NaN_among_the_values_does_not_stop_selection() =>
        Assert.False(double.IsInfinity(Median.Of(new List<double> { double.NaN, 1, double.NaN, 2, 3 })));
}
