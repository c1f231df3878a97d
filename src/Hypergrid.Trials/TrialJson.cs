using System.Text.Json.Serialization;

namespace Hypergrid.Trials;

/// <summary>The JSON of the trial folder (run.json, claim.json), source-generated: snake_case, indented, NaN allowed.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunRecord))]
[JsonSerializable(typeof(Claim))]
[JsonSerializable(typeof(CheckpointHeader))]
public sealed partial class TrialJson : JsonSerializerContext;
