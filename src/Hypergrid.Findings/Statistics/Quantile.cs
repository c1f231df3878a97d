namespace Hypergrid.Findings.Statistics;

/// <summary>Quantiles by linear interpolation between order statistics (Hyndman and Fan's type 7: R's and numpy's default).</summary>
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

    /// <summary>
    /// The same q-quantile of unsorted values, found by selection (Hoare's quickselect, expected linear time); reorders
    /// <paramref name="values"/>.
    /// </summary>
    public static double Select(Span<double> values, double q)
    {
        var h = (values.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var low = Kth(values, lo);
        if (lo + 1 >= values.Length || h == lo) return low;
        // After selecting the lo-th, everything right of it is at least it: the next order statistic is their minimum.
        var next = double.PositiveInfinity;
        foreach (var v in values[(lo + 1)..]) next = Math.Min(next, v);
        return low + (h - lo) * (next - low);
    }

    // Rearranges so that values[k] is the k-th smallest, smaller ones left of it, larger or equal right.
    internal static double Kth(Span<double> values, int k)
    {
        int left = 0, right = values.Length - 1;
        while (left < right)
        {
            var pivot = values[left + (right - left) / 2];
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j) { (values[i], values[j]) = (values[j], values[i]); i++; j--; }
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else break;
        }
        return values[k];
    }
}
