using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Dashboard.Series;

/// <summary>
/// One metric of one phase, by step: the raw values (NaN where a row has no value) and, per power-of-two block size from
/// 64 up, each complete block's min, max, sum, count, first and last. A range query is answered from O(log n) blocks plus
/// at most two partial blocks of raw values, so any range of a 10,000,000-row log costs microseconds; appended rows
/// extend it without rebuilding.
/// </summary>
public sealed class Pyramid
{
    private const int BaseShift = 6; // blocks of 64 rows and up
    private readonly List<double> raw = [];
    private readonly List<Level> levels = [];

    public int Count => raw.Count;

    /// <summary>The values by step (NaN: no value), as kept.</summary>
    public double[] Values => raw.ToArray();

    /// <summary>The value at a step (NaN: none).</summary>
    public double this[int step] => raw[step];

    // The hot paths are compiled fully optimized at once: a server that just started answers its first requests with
    // them, and tiered compilation would run their million-step loops unoptimized first.

    /// <summary>Appends the next steps' values and the blocks they complete.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Append(ReadOnlySpan<double> values)
    {
        raw.AddRange(values);
        for (var k = 0; ; k++)
        {
            var size = 1 << (BaseShift + k);
            if (raw.Count < size) break;
            if (levels.Count <= k) levels.Add(new Level());
            var level = levels[k];
            while ((level.Count + 1) * size <= raw.Count)
            {
                var b = level.Count;
                if (k == 0) level.Add(Summarise(b * size, size));
                else level.Add(levels[k - 1].Combine(2 * b, 2 * b + 1));
            }
        }
    }

    /// <summary>min, max, sum, count, first and last of the values in steps [from, to); count 0 when all are empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Summary Query(int from, int to)
    {
        var s = Summary.Empty;
        var pos = from;
        var complete = levels.Count == 0 ? 0 : levels[0].Count << BaseShift; // steps covered by complete base blocks
        while (pos < to)
        {
            // Raw values up to the next block boundary (or the end, or where complete blocks stop).
            if ((pos & ((1 << BaseShift) - 1)) != 0 || pos + (1 << BaseShift) > to || pos >= complete)
            {
                s = s.Then(Summary.Of(raw[pos]));
                pos++;
                continue;
            }
            // The largest block that starts here (alignment), fits before 'to' and exists.
            var k = Math.Min(System.Numerics.BitOperations.TrailingZeroCount(pos | (1 << 30)), System.Numerics.BitOperations.Log2((uint)(to - pos))) - BaseShift;
            k = Math.Min(k, levels.Count - 1);
            while (k > 0 && (pos >> (BaseShift + k)) >= levels[k].Count) k--;
            s = s.Then(levels[k].At(pos >> (BaseShift + k)));
            pos += 1 << (BaseShift + k);
        }
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Summary Summarise(int start, int length)
    {
        var s = Summary.Empty;
        foreach (var v in CollectionsMarshal.AsSpan(raw).Slice(start, length)) s = s.Then(Summary.Of(v));
        return s;
    }

    /// <summary>The blocks of one size, column by column.</summary>
    private sealed class Level
    {
        private readonly List<Summary> blocks = [];
        public int Count => blocks.Count;
        public void Add(Summary s) => blocks.Add(s);
        public Summary At(int i) => blocks[i];
        public Summary Combine(int a, int b) => blocks[a].Then(blocks[b]);
    }
}

/// <summary>
/// The reductions of a run of steps; <see cref="Then"/> appends a later run (first stays, last moves). The sum is kept
/// scaled too, so that <see cref="Mean"/> of large finite values does not overflow (<see cref="ScaledSum"/>).
/// </summary>
public readonly record struct Summary(double Min, double Max, double Sum, long Count, double First, double Last, double Scaled)
{
    public static readonly Summary Empty = new(double.PositiveInfinity, double.NegativeInfinity, 0, 0, double.NaN, double.NaN, 0);

    public static Summary Of(double v) => double.IsNaN(v) ? Empty : new(v, v, v, 1, v, v, v * ScaledSum.Scale);

    /// <summary>The values' mean: an infinity among them makes it infinite, large finite values never do.</summary>
    public double Mean => ScaledSum.Mean(Sum, Scaled, Count);

    public Summary Then(Summary later) => later.Count == 0 ? this : Count == 0 ? later
        : new(Math.Min(Min, later.Min), Math.Max(Max, later.Max), Sum + later.Sum, Count + later.Count, First, later.Last, Scaled + later.Scaled);
}
