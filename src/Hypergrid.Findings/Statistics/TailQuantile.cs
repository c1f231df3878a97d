namespace Hypergrid.Findings.Statistics;

/// <summary>
/// A q-quantile (type 7, as <see cref="Quantile.Select"/> gives it) found from the nearer tail alone: the order
/// statistics it interpolates between are kept in a heap of the tail's size while the values pass once, unreordered. A
/// bootstrap's 2.5% and 97.5% quantiles of 2,000 resamples keep 51 values each instead of partitioning all 2,000; the
/// same two order statistics, so the very same double.
/// </summary>
internal static class TailQuantile
{
    /// <summary>The q-quantile of <paramref name="values"/> (0 &lt;= q &lt;= 1); null when they hold a NaN (which has no order) or the order statistics are zeros (0.0 and -0.0 are equal, not the same bits): the caller selects as before.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double? Of(ReadOnlySpan<double> values, double q)
    {
        var n = values.Length;
        if (n == 0) return null;
        var h = (n - 1) * q;
        var lo = (int)Math.Floor(h);
        var interpolate = lo + 1 < n && h != lo;
        // The lo-th smallest (0-based) and, when interpolating, the next: from below, or as the (n-1-lo)-th and the one
        // before it from above (the values negated, which is exact).
        var fromBelow = lo <= n - 1 - lo;
        var rank = fromBelow ? lo : n - 1 - lo;
        var count = rank + 1 + (interpolate && fromBelow ? 1 : 0);
        double[]? rented = null;
        var heap = count <= 256 ? stackalloc double[count] : (rented = System.Buffers.ArrayPool<double>.Shared.Rent(count)).AsSpan(0, count);
        try
        {
            if (!Smallest(values, heap, negate: !fromBelow)) return null;
            // heap[0] is the largest of the kept, heap[1] or heap[2] the next largest.
            var second = count < 2 ? double.NaN : count == 2 ? heap[1] : Math.Max(heap[1], heap[2]);
            double low, next;
            if (fromBelow) (low, next) = interpolate ? (second, heap[0]) : (heap[0], double.NaN);
            else (low, next) = (-heap[0], interpolate ? -second : double.NaN);
            // Equal doubles are the same bits, but for zeros: which of 0.0 and -0.0 is "the" order statistic is the
            // partition's choice, so a zero is left to it.
            if (low == 0 || next == 0) return null;
            return interpolate ? low + (h - lo) * (next - low) : low;
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<double>.Shared.Return(rented);
        }
    }

    // Keeps the heap.Length smallest values (of the negated values when asked) as a max-heap; false on a NaN.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static bool Smallest(ReadOnlySpan<double> values, Span<double> heap, bool negate)
    {
        var size = heap.Length;
        for (var i = 0; i < size; i++)
        {
            var v = negate ? -values[i] : values[i];
            if (double.IsNaN(v)) return false;
            // Sift up.
            var at = i;
            while (at > 0 && heap[(at - 1) / 2] < v) { heap[at] = heap[(at - 1) / 2]; at = (at - 1) / 2; }
            heap[at] = v;
        }
        for (var i = size; i < values.Length; i++)
        {
            var v = negate ? -values[i] : values[i];
            if (v < heap[0]) SiftDown(heap, v);
            else if (double.IsNaN(v)) return false;
        }
        return true;
    }

    // Replaces the root by v and restores the heap.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void SiftDown(Span<double> heap, double v)
    {
        var at = 0;
        while (true)
        {
            var child = 2 * at + 1;
            if (child >= heap.Length) break;
            if (child + 1 < heap.Length && heap[child + 1] > heap[child]) child++;
            if (heap[child] <= v) break;
            heap[at] = heap[child];
            at = child;
        }
        heap[at] = v;
    }
}
