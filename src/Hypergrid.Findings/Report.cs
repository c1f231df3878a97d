using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Hypergrid.Findings;

/// <summary>A study's findings: one row per group (a leaf's trials that agree on everything but the seed), best first, and per-key importance.</summary>
public sealed record Report(
    string Metric, string Goal, string Reduce, [property: JsonPropertyName("at_best")] string? AtBest,
    Dictionary<string, int> Excluded, IReadOnlyList<GroupRow> Groups, Dictionary<string, IReadOnlyList<KeyImportance>> Importance);
