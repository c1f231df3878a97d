using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Hypergrid.Findings;

/// <summary>A study's findings: one row per group (a leaf's trials that agree on everything but the seed), best first, and per-key importance.</summary>
public sealed record Report(
    string Metric, string Goal, string Reduce, [property: JsonPropertyName("at_best")] string? AtBest,
    Dictionary<string, int> Excluded, IReadOnlyList<GroupRow> Groups, Dictionary<string, IReadOnlyList<KeyImportance>> Importance);

/// <summary>One group's numbers. Spread fields are null with one trial; delta, p and test compare it with the best group (or the baseline).</summary>
public sealed record GroupRow(
    string Leaf, JsonObject Values, IReadOnlyList<string> Trials, IReadOnlyList<long> Seeds, int N,
    double Mean, double? Std, double? Sem, [property: JsonPropertyName("ci_low")] double? CiLow, [property: JsonPropertyName("ci_high")] double? CiHigh,
    double Median, double Min, double Max, double? Delta, double? P, string? Test, bool Tie, bool Best)
{
    /// <summary>The values of one trial per seed, in seed order (for paired tests).</summary>
    [JsonIgnore]
    public IReadOnlyList<double> Samples { get; init; } = [];

    /// <summary>The whole config the group's trials share (seed left out): what its key is made of.</summary>
    [JsonIgnore]
    public JsonObject Config { get; init; } = [];
}

/// <summary>A key's main-effect share of the total sum of squares in a leaf's grid, and its F-test p against the residual.</summary>
public sealed record KeyImportance(string Key, double Share, double? P);
