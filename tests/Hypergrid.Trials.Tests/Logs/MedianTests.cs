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

    // -0 and 0 compare equal, so which one selection lands on depended on the order the values came in (a log read in
    // ranges orders them otherwise than one pass). The median is now the one of the order where -0 comes before 0.
    [Theory]
    [InlineData(new[] { -0.0, 0.0, 1.0 }, 1)]
    [InlineData(new[] { -0.0, 0.0, 0.0, -0.0, 1.0, -1.0, 2.0 }, 2)]
    [InlineData(new[] { -0.0, -0.0, 0.0, 5.0 }, 3)]
    [InlineData(new[] { -2.0, -0.0, 0.0, 0.0, 0.0, 3.0 }, 4)]
    public void A_zero_median_has_the_same_sign_in_whatever_order_the_values_come(double[] values, int seed)
    {
        var ordered = values.Order(Comparer<double>.Create((a, b) => a != b ? a.CompareTo(b) : double.IsNegative(b).CompareTo(double.IsNegative(a)))).ToArray();
        var n = ordered.Length;
        var expected = n % 2 == 1 ? ordered[n / 2] : (ordered[n / 2 - 1] + ordered[n / 2]) / 2;
        var rng = new Random(seed);
        for (var i = 0; i < 50; i++)
        {
            var shuffled = values.OrderBy(_ => rng.Next()).ToList();
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(Median.Of(shuffled)));
        }
    }
}
