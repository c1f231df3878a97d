using Hypergrid.Config;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Running.Search;

/// <summary>A complete trial's value of a metric over its whole committed log, read as report reads it (the cached epoch log): what a round is decided from.</summary>
public static class TrialValue
{
    /// <summary>The value (reduced by final or best, by the goal); null without a committed log or a finite value.</summary>
    public static double? Of(string trialDir, string metric, string reduce, string goal)
    {
        // Through the cached epoch log, as report, the page and the search snapshot read it: one reader, the same numbers.
        EpochTable? table;
        try { table = LeafSnapshotReader.Committed(trialDir); }
        catch (IOException) { return null; }
        if (table is null) return null;
        var name = MetricName.Parse(metric, "metric"); // checked when the tree was expanded
        var value = table.Value(name.Phase, name.Column, reduce, goal);
        return value is { } v && double.IsFinite(v) ? v : null;
    }
}
