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
}
