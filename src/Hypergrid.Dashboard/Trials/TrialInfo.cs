using System.Text.Json.Nodes;

namespace Hypergrid.Dashboard.Trials;

/// <summary>What /api/trials says of one trial.</summary>
public sealed record TrialInfo(
    string Path, string Mode, string Dataset, string Model, string Trainer, string Trial, string State,
    JsonObject? Config, string? DataSource, int? TrainSamples, int? ValSamples,
    Dictionary<string, double?> Final, double? Seconds, string? Error, string? Log);
