using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Hypergrid.Findings;

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
