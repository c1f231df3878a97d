using System.Text.Json.Nodes;
using Hypergrid.Config.Yaml;
using Hypergrid.Trials;

namespace Hypergrid.Config.Expansion;

/// <summary>
/// The config a result was trained with: run.json's when the trial has one, else its cfg.yaml (a folder written by
/// another tool or by hand is a result too: a cfg.yaml and a valid batch_log.csv are all the description asks for).
/// </summary>
public static class TrainedConfig
{
    public static JsonObject? Of(string logRoot, TrialRecord record)
    {
        if (record.TrainedConfig is { } ran) return ran;
        if (record.Run is not null || record.State is not (TrialState.Complete or TrialState.Stale or TrialState.Orphan or TrialState.OtherCode)) return null;
        var path = Path.Combine(record.Directory, TrialFiles.Config);
        var bytes = SafeFiles.ReadAll(logRoot, path);
        if (bytes is null) return null;
        var map = YamlLoader.LoadMapping(System.Text.Encoding.UTF8.GetString(bytes), path, []);
        return map is null ? null : TrialConfig.FromMap(map, path).ToJson();
    }
}
