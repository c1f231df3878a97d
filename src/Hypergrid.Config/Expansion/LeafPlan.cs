using Hypergrid.Config.Search;
using Hypergrid.Config.Tree;

namespace Hypergrid.Config.Expansion;

/// <summary>A validated leaf: its merged entries (path keys first), its axes, and its search space and proposals if it has ranges.</summary>
public sealed record LeafPlan(Leaf Leaf, IReadOnlyList<MergedEntry> Entries, IReadOnlyList<Axis> Axes)
{
    /// <summary>The leaf's proposing search, when it has ranges (null for a grid).</summary>
    public SearchPlan? Search { get; init; }

    /// <summary>The leaf's adaptive seeds (<c>seeds:</c>), when it has them: its seed axis then holds every seed up to max.</summary>
    public SeedsSpec? Seeds { get; init; }

    /// <summary>Number of grid points: the product of the axis lengths (1 without axes), saturating at long.MaxValue rather than overflowing.</summary>
    public long GridCount => Axes.Aggregate(1L, (n, a) => a.Values.Count == 0 ? 0 : n > long.MaxValue / a.Values.Count ? long.MaxValue : n * a.Values.Count);

    /// <summary>Number of trials: the grid points, times the proposals made from the seed when the leaf searches ranges.</summary>
    public long Count => Search is null ? GridCount : GridCount > long.MaxValue / Math.Max(1, Search.Proposals.Count) ? long.MaxValue : GridCount * Search.Proposals.Count;

    /// <summary>The proposal of the i-th trial: trials go proposal by proposal, each over the whole grid.</summary>
    public int Proposal(long index) => (int)(index / Math.Max(1, GridCount));

    /// <summary>The value index per axis of the i-th trial in product order; the last axis varies fastest.</summary>
    public int[] Indices(long index)
    {
        if (GridCount > 0) index %= GridCount;
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
