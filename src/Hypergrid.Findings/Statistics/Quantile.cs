namespace Hypergrid.Findings.Statistics;

/// <summary>Quantiles of sorted values by linear interpolation between order statistics (Hyndman and Fan's type 7: R's and numpy's default).</summary>
public static class Quantile
{
    /// <summary>The q-quantile (0 &lt;= q &lt;= 1) of <paramref name="sorted"/>, which must be in ascending order.</summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
