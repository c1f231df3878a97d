using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hypergrid.Trials.Logs;

/// <summary>The median by selection (expected linear time), not by sorting: a million-row log has millions of values to reduce. Shared by per-batch solver statistics and epoch aggregation.</summary>
public static class Median
{
    /// <summary>The middle value, or the mean of the middle two for an even count. Reorders the list.</summary>
    public static double Of(List<double> list) => Of(CollectionsMarshal.AsSpan(list));

    /// <summary>
    /// The middle value, or the mean of the middle two for an even count, of the values ordered with -0 before 0 (the
    /// two compare equal, so without that rule a zero median's sign would depend on the order the values came in).
    /// Reorders the span.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // an epoch log's first build runs it before tiering could
    public static double Of(Span<double> a)
    {
        var n = a.Length;
        var upper = Select(a, n / 2);
        if (n % 2 == 1) return upper == 0 ? SignedZero(a, n / 2) : upper;
        // After selecting index n/2, everything before it is <= it: the lower middle is their maximum.
        var lower = double.NegativeInfinity;
        foreach (var v in a[..(n / 2)]) if (v > lower) lower = v;
        if (upper == 0) upper = SignedZero(a, n / 2);
        if (lower == 0) lower = SignedZero(a, n / 2 - 1);
        return (lower + upper) / 2;
    }

    // The zero at index k of the values in order with -0 before 0: -0 when more than k values are negative or -0.
    private static double SignedZero(Span<double> a, int k)
    {
        var negative = 0;
        foreach (var v in a) if (double.IsNegative(v)) negative++;
        return negative > k ? -0.0 : 0.0;
    }

    /// <summary>
    /// Quickselect: puts the k-th smallest at index k, smaller or equal ones before it. Each round partitions without a
    /// branch on the data (a compare picks whether the write position moves: values in random order would mispredict
    /// half of Hoare's branches), first into less than the pivot and the rest, then, if k is in the rest, that into equal
    /// to the pivot and greater; so runs of equal values (a column of small integers) finish in one round.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Select(Span<double> a, int k)
    {
        int lo = 0, hi = a.Length; // [lo, hi) holds the k-th
        while (hi - lo > 1)
        {
            var pivot = MedianOfThree(a[lo], a[lo + (hi - lo) / 2], a[hi - 1]);
            var less = Partition(a[lo..hi], pivot, orEqual: false) + lo;
            if (k < less) { hi = less; continue; }
            var equal = Partition(a[less..hi], pivot, orEqual: true) + less;
            if (k < equal || equal == less) return a[k]; // equal == less only for a NaN pivot: stop rather than go round
            lo = equal;
        }
        return a[k];
    }

    // Moves the values under the pivot (or equal to it) to the front, the others behind them; returns how many moved.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // not inlined into Select: compiled optimized on its own at once
    private static int Partition(Span<double> a, double pivot, bool orEqual)
    {
        var front = 0;
        if (orEqual)
            for (var i = 0; i < a.Length; i++) front += Swap(a, i, front, a[i] <= pivot);
        else
            for (var i = 0; i < a.Length; i++) front += Swap(a, i, front, a[i] < pivot);
        return front;
    }

    // Swaps a[i] into the front position whatever the test said; the front moves past it only if it passed.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Swap(Span<double> a, int i, int front, bool passed)
    {
        var v = a[i];
        a[i] = a[front];
        a[front] = v;
        return passed ? 1 : 0;
    }

    private static double MedianOfThree(double x, double y, double z) =>
        x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
}
