using Hypergrid.Config;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Running.Search;

/// <summary>A complete trial's value of a metric over its whole committed log, as report reads it: what a round is decided from.</summary>
public static class TrialValue
{
    /// <summary>The value (reduced by final or best, by the goal); null without a committed log or a finite value.</summary>
    public static double? Of(string trialDir, string metric, string reduce, string goal)
    {
        var log = Path.Combine(trialDir, TrialFiles.BatchLog);
        byte[]? bytes;
        try { bytes = SafeFiles.ReadOwnBytes(log); }
        catch (IOException) { return null; }
        if (bytes is null || EpochAggregator.FromBytes(bytes) is not { } table) return null;
        var name = MetricName.Parse(metric, "metric"); // checked when the tree was expanded
        var value = table.Value(name.Phase, name.Column, reduce, goal);
        return value is { } v && double.IsFinite(v) ? v : null;
    }
}
