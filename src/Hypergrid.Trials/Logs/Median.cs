using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hypergrid.Trials.Logs;

/// <summary>The median by selection (expected linear time), not by sorting: a million-row log has millions of values to reduce. Shared by per-batch solver statistics and epoch aggregation.</summary>
public static class Median
{
    /// <summary>The middle value, or the mean of the middle two for an even count. Reorders the list.</summary>
    public static double Of(List<double> list) => Of(CollectionsMarshal.AsSpan(list));

    /// <summary>The middle value, or the mean of the middle two for an even count. Reorders the span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // an epoch log's first build runs it before tiering could
    public static double Of(Span<double> a)
    {
        var n = a.Length;
        var upper = Select(a, n / 2);
        if (n % 2 == 1) return upper;
        // After selecting index n/2, everything before it is <= it: the lower middle is their maximum.
        var lower = double.NegativeInfinity;
        foreach (var v in a[..(n / 2)]) if (v > lower) lower = v;
        return (lower + upper) / 2;
    }

    /// <summary>Hoare's quickselect: puts the k-th smallest at index k, smaller ones before it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Select(Span<double> a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        while (lo < hi)
        {
            var pivot = MedianOfThree(a[lo], a[lo + (hi - lo) / 2], a[hi]);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i > j) break;
                (a[i], a[j]) = (a[j], a[i]);
                i++;
                j--;
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return a[k];
        }
        return a[k];
    }

    private static double MedianOfThree(double x, double y, double z) =>
        x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
}
