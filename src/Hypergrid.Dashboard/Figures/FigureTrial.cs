using System.Text.Json.Nodes;

namespace Hypergrid.Dashboard.Figures;

/// <summary>A trial a figure draws: its path under out/log, its folder, the config it shows and its code (a program's short hash).</summary>
public sealed record FigureTrial(string Path, string Directory, JsonObject? Config, string? Code)
{
    /// <summary>The size of its train set (run.json's data), for epochs as a fraction; null: unknown.</summary>
    public long? TrainSamples { get; init; }
}
