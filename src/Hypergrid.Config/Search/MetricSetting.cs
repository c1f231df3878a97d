using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Search;

/// <summary>
/// The metric a decision reads (<c>metric</c>, <c>goal</c>, <c>reduce</c> in its mapping), from the epoch log as report
/// reads it: one reading for <c>search:</c> and <c>seeds:</c>, each mistake an error at its line.
/// </summary>
public sealed record MetricSetting(string Metric, string Goal, string Reduce)
{
    /// <summary>Reads the three keys of <paramref name="map"/>, naming them <c>{prefix}.metric</c> and so on in errors.</summary>
    public static MetricSetting Read(CfgMap map, string prefix, string reduceHint, List<ConfigError> errors)
    {
        SourceMark At(string key) => map.Entries.FirstOrDefault(e => e.Key == key)?.KeyMark ?? map.Mark;
        var metric = map["metric"] is CfgScalar { Kind: ScalarKind.String } m ? m.Text : "val_acc";
        if (map["metric"] is { } mn && (mn is not CfgScalar { Kind: ScalarKind.String } || MetricName.TryParse(metric) is null))
            errors.Add(new ConfigError(At("metric"), $"{prefix}.metric", $"is {mn.Canonical}, not a phase and an epoch-log column", "write e.g. metric: val_acc or metric: val_loss (as report --metric)"));
        var goal = (map["goal"] as CfgScalar)?.Text ?? MetricName.DefaultGoal(metric);
        if (goal is not ("max" or "min"))
            errors.Add(new ConfigError(At("goal"), $"{prefix}.goal", $"is '{goal}'", "write goal: max or goal: min (default: max for names ending in acc, else min)"));
        var reduce = (map["reduce"] as CfgScalar)?.Text ?? "final";
        if (reduce is not ("final" or "best")) errors.Add(new ConfigError(At("reduce"), $"{prefix}.reduce", $"is '{reduce}'", reduceHint));
        return new MetricSetting(metric, goal, reduce);
    }
}
