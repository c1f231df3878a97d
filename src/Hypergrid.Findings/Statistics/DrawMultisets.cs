using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Hypergrid.Findings.Statistics;

/// <summary>
/// The resamples of a shared bootstrap table (<see cref="BootstrapDraws"/>) sorted by which values they draw: five seeds
/// drawn 2,000 times make only 126 multisets (how often each seed is drawn), so the tail quantiles of the resampled
/// means can be found from 126 approximate sums, and only the few resamples whose exact mean could be the order
/// statistic are summed as before (each in its own draw order). The very same doubles as summing all of them: every
/// resample's exact sum lies within a proven bound of its multiset's approximate sum, so the order statistic lies
/// within that bound of the approximate one, and every resample not within twice the bound of it is surely below or
/// above it (the rank counts those below).
/// </summary>
internal sealed class DrawMultisets
{
    // Where the multisets outnumber a quarter of the resamples (seven seeds or more at 2,000), summing them saves too little.
    private const int MostPerResample = 4;

    // Nor where they are many: a tail near the median keeps about half of them, sorted by insertion.
    private const int Most = 1024;

    private static readonly ConcurrentDictionary<(int N, int Resamples, ulong Seed), DrawMultisets?> Known = new();

    private readonly int n;
    private readonly int[] draws;
    private readonly byte[] counts; // per multiset, how often it draws each index
    private readonly int[] start;   // the multiset's resamples are members[start[m]..start[m + 1]]
    private readonly int[] members;

    private DrawMultisets(int n, int[] draws, byte[] counts, int[] start, int[] members) =>
        (this.n, this.draws, this.counts, this.start, this.members) = (n, draws, counts, start, members);

    /// <summary>How many multisets the resamples draw.</summary>
    public int Count => start.Length - 1;

    /// <summary>The multisets of the table of <paramref name="n"/> values, or null where they would not pay (many values, no table).</summary>
    public static DrawMultisets? Of(int n, int resamples, ulong seed)
    {
        if (n is < 1 or > 12 || resamples < 1 || Multisets(n) > Math.Min(Most, resamples / MostPerResample)) return null;
        if (Known.TryGetValue((n, resamples, seed), out var known)) return known;
        if (Known.Count > 256) Known.Clear();
        return Known.GetOrAdd((n, resamples, seed), k => BootstrapDraws.Of(k.N, 0, k.Resamples, k.Seed) is { } table ? Build(k.N, k.Resamples, table) : null);
    }

    // C(2n - 1, n): the multisets of n draws of n values.
    private static long Multisets(int n)
    {
        long c = 1;
        for (var i = 1; i <= n; i++) c = c * (n - 1 + i) / i;
        return c;
    }

    private static DrawMultisets Build(int n, int resamples, int[] draws)
    {
        var ids = new Dictionary<long, int>();
        var of = new int[resamples];
        var counts = new List<byte>();
        Span<byte> drawn = stackalloc byte[n];
        for (var r = 0; r < resamples; r++)
        {
            drawn.Clear();
            foreach (var i in draws.AsSpan(r * n, n)) drawn[i]++;
            long key = 0;
            foreach (var c in drawn) key = key * (n + 1) + c;
            if (!ids.TryGetValue(key, out var id))
            {
                ids[key] = id = ids.Count;
                foreach (var c in drawn) counts.Add(c);
            }
            of[r] = id;
        }
        var start = new int[ids.Count + 1];
        foreach (var id in of) start[id + 1]++;
        for (var m = 0; m < ids.Count; m++) start[m + 1] += start[m];
        var members = new int[resamples];
        var next = start[..^1];
        for (var r = 0; r < resamples; r++) members[next[of[r]]++] = r;
        return new DrawMultisets(n, draws, [.. counts], start, members);
    }

    /// <summary>
    /// The (1 - level)/2 and (1 + level)/2 quantiles (type 7) of the table's resampled means of <paramref name="x"/>: the
    /// very doubles <see cref="TailQuantile"/> gives over all of them. Null where it would give null (a zero order
    /// statistic) or where the bound does not hold (a value not finite, or so large that a sum could overflow): the
    /// caller resamples as before.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Interval? Interval(double[] x, double level)
    {
        if (x.Length != n || !(level >= 0 && level <= 1)) return null;
        var count = Count;
        double[]? rented = null;
        int[]? rentedWeights = null;
        // Each multiset's sum, then room for a tail's multisets (their sums and weights) in order.
        var sums = count <= 256 ? stackalloc double[2 * count] : (rented = ArrayPool<double>.Shared.Rent(2 * count)).AsSpan(0, 2 * count);
        var weights = count <= 256 ? stackalloc int[count] : (rentedWeights = ArrayPool<int>.Shared.Rent(count)).AsSpan(0, count);
        try
        {
            var bound = Sums(x, sums[..count]);
            if (double.IsNaN(bound)) return null;
            var work = new Work(x, sums[..count], sums[count..], weights, bound);
            return Quantile(ref work, (1 - level) / 2) is { } low && Quantile(ref work, (1 + level) / 2) is { } high ? new Interval(low, high) : null;
        }
        finally
        {
            if (rented is not null) ArrayPool<double>.Shared.Return(rented);
            if (rentedWeights is not null) ArrayPool<int>.Shared.Return(rentedWeights);
        }
    }

    // One interval's values: x, each multiset's sum, room for a tail, and the bound.
    private readonly ref struct Work(double[] x, Span<double> sums, Span<double> tail, Span<int> tailWeights, double bound)
    {
        public readonly double[] X = x;
        public readonly Span<double> Sums = sums, Tail = tail;
        public readonly Span<int> TailWeights = tailWeights;
        public readonly double Bound = bound;
    }

    // As TailQuantile.Of over every resampled mean: the order statistics at h's floor and the one after, interpolated;
    // both found from the nearer tail.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double? Quantile(ref Work work, double q)
    {
        var resamples = members.Length;
        var h = (resamples - 1) * q;
        var lo = (int)Math.Floor(h);
        var interpolate = lo + 1 < resamples && h != lo;
        var fromBelow = lo <= resamples - 1 - lo;
        // The approximate order statistics: from below, ranks lo and lo + 1; from above, the same ones counted from the top.
        var size = fromBelow ? Lowest(ref work, 1, lo + 2) : Lowest(ref work, -1, resamples - lo);
        double At(ref Work w, int rank) => fromBelow ? Ranked(w, size, rank) : -Ranked(w, size, resamples - 1 - rank);
        var (low, next) = OrderStatistics(ref work, lo, At(ref work, lo), interpolate ? At(ref work, lo + 1) : double.NaN);
        // 0.0 or -0.0: which one is selection's choice.
        if (low == 0 || interpolate && next == 0) return null;
        return interpolate ? low + (h - lo) * (next - low) : low;
    }

    // The smallest multisets (by sign times their sum) whose weights reach need, in ascending order in the work's tail:
    // one pass over the multisets, each compared with the largest kept (few are kept: the tails are rare multisets).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Lowest(ref Work work, double sign, int need)
    {
        var kept = work.Tail;
        var weights = work.TailWeights;
        int size = 0, total = 0;
        for (var m = 0; m < work.Sums.Length; m++)
        {
            var v = sign * work.Sums[m];
            if (total >= need && v >= kept[size - 1]) continue;
            var at = size++;
            for (; at > 0 && kept[at - 1] > v; at--) (kept[at], weights[at]) = (kept[at - 1], weights[at - 1]);
            (kept[at], weights[at]) = (v, Weight(m));
            total += weights[at];
            while (total - weights[size - 1] >= need) total -= weights[--size];
        }
        return size;
    }

    // The rank-th smallest (0-based) of the kept tail, each multiset counted as often as it was drawn.
    private static double Ranked(in Work work, int size, int rank)
    {
        for (var i = 0; i < size; i++)
            if ((rank -= work.TailWeights[i]) < 0) return work.Tail[i];
        throw new InvalidOperationException("the tail holds fewer resamples than the rank"); // Lowest keeps enough
    }

    // Each multiset's sum of x (its counts times the values); and the bound within which each of its resamples' exact
    // sums lies (NaN where none is proven).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Sums(double[] x, Span<double> sums)
    {
        var most = 0.0;
        foreach (var v in x)
        {
            if (!double.IsFinite(v)) return double.NaN;
            most = Math.Max(most, Math.Abs(v));
        }
        // Summing n terms in any order, or n products of a count and a value, lands within about (2n - 1) n u max|x| of
        // the true sum (u = 2^-53, 1.1e-16): 1e-14 n² max|x| bounds it with a margin of 40 (which also covers the
        // rounding of t ± 2·bound below); 1e-300 covers the rounding of subnormal products.
        if (most > 1e300 / ((double)n * n)) return double.NaN;
        for (var m = 0; m < sums.Length; m++)
        {
            var sum = 0.0;
            var c = counts.AsSpan(m * n, n);
            for (var i = 0; i < n; i++) sum += c[i] * x[i];
            sums[m] = sum;
        }
        return 1e-14 * n * n * most + 1e-300;
    }

    // The rank-th and the next smallest resampled means (0-based; the next when its sum t1 is asked, not NaN), t0 and t1
    // the same ranks' multiset sums. Each exact sum lies within the bound of its multiset's sum, so the rank-th exact sum
    // lies within it of t0 (and the next within it of t1): every resample further than twice the bound below t0 is
    // below both (counted), every one further above t1 is above both, and they are found among the rest, summed exactly.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (double, double) OrderStatistics(ref Work work, int rank, double t0, double t1)
    {
        var (from, to) = (t0 - 2 * work.Bound, (double.IsNaN(t1) ? t0 : t1) + 2 * work.Bound);
        int below = 0, candidates = 0;
        for (var m = 0; m < work.Sums.Length; m++)
            if (work.Sums[m] < from) below += Weight(m);
            else if (work.Sums[m] <= to) candidates += Weight(m);
        double[]? rented = null;
        var means = candidates <= 256 ? stackalloc double[candidates] : (rented = ArrayPool<double>.Shared.Rent(candidates)).AsSpan(0, candidates);
        try
        {
            var c = 0;
            for (var m = 0; m < work.Sums.Length; m++)
                if (work.Sums[m] >= from && work.Sums[m] <= to)
                    foreach (var r in members.AsSpan(start[m], Weight(m))) means[c++] = Mean(work.X, draws.AsSpan(r * n, n));
            return Smallest(means, rank - below, !double.IsNaN(t1));
        }
        finally
        {
            if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        }
    }

    // The k-th smallest of the values (0-based) and, when asked, the next: a few sorted by insertion, more selected.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double, double) Smallest(Span<double> values, int k, bool next)
    {
        if (values.Length > 32)
        {
            var kth = Statistics.Quantile.Kth(values, k);
            // Everything right of the k-th is at least it: the next is their minimum.
            var after = double.NaN;
            if (next)
            {
                after = double.PositiveInfinity;
                foreach (var v in values[(k + 1)..]) after = Math.Min(after, v);
            }
            return (kth, after);
        }
        for (var i = 1; i < values.Length; i++)
        {
            var v = values[i];
            var at = i;
            for (; at > 0 && values[at - 1] > v; at--) values[at] = values[at - 1];
            values[at] = v;
        }
        return (values[k], next ? values[k + 1] : double.NaN);
    }

    private int Weight(int m) => start[m + 1] - start[m];

    // As Bootstrap sums a resample: in draw order, then divided by n.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Mean(double[] x, ReadOnlySpan<int> drawn)
    {
        var sum = 0.0;
        foreach (var i in drawn) sum += x[i];
        return sum / x.Length;
    }
}
