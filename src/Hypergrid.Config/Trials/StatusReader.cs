using Hypergrid.Config.Expansion;

namespace Hypergrid.Config.Trials;

/// <summary>Reads the states of every trial of the selected leaves, orphans included.</summary>
public static class StatusReader
{
    public static IReadOnlyList<(LeafExpansion Leaf, IReadOnlyList<TrialReport> Trials)> Read(ExpandOptions options)
    {
        var leaves = Expander.Expand(options with { DryRun = true });
        var result = new List<(LeafExpansion, IReadOnlyList<TrialReport>)>();
        foreach (var leaf in leaves)
        {
            var reports = leaf.Trials
                .Select(t => { var s = TrialStatus.Read(t.Directory, t.ConfigText); return new TrialReport(t.Id, t.Directory, s.State, t.AxisValues, s); })
                .Concat(leaf.Orphans.Select(o => new TrialReport(
                    Path.Combine(leaf.Plan.Leaf.RelativePath, TrialFolder.Name(o.Number)), o.Directory, TrialState.Orphan, [], null)))
                .ToList();
            result.Add((leaf, reports));
        }
        return result;
    }
}
