using Hypergrid.Config.Tree;

namespace Hypergrid.Config.Expansion;

/// <summary>A validated leaf: its merged entries (path keys first) and its axes.</summary>
public sealed record LeafPlan(Leaf Leaf, IReadOnlyList<MergedEntry> Entries, IReadOnlyList<Axis> Axes)
{
    /// <summary>Number of trials: the product of the axis lengths (1 without axes), saturating at long.MaxValue rather than overflowing.</summary>
    public long Count => Axes.Aggregate(1L, (n, a) => a.Values.Count == 0 ? 0 : n > long.MaxValue / a.Values.Count ? long.MaxValue : n * a.Values.Count);

    /// <summary>The value index per axis of the i-th trial in product order; the last axis varies fastest.</summary>
    public int[] Indices(long index)
    {
        var values = new int[Axes.Count];
        for (var a = Axes.Count - 1; a >= 0; a--)
        {
            var n = Axes[a].Values.Count;
            values[a] = (int)(index % n);
            index /= n;
        }
        return values;
    }
}
