using System.Text.Json.Nodes;
using Hypergrid.Trials;

namespace Hypergrid.Findings;

/// <summary>
/// One trial as a report reads it: its record (state, run.json's data and code), the config it was trained with (as
/// run.json's object, or its text when it came from <see cref="ReportCache"/>), its group key and seed, and its value.
/// </summary>
internal readonly record struct ReportTrial(bool Selected, TrialRecord Record, JsonObject? Config, string? ConfigJson, double? Value, string? Key, long Seed)
{
    /// <summary>The config as an object (parsed from its text when it came from the cache: only a group's first trial's is asked for).</summary>
    public JsonObject ConfigObject() => Config ?? JsonNode.Parse(ConfigJson!)!.AsObject();
}
