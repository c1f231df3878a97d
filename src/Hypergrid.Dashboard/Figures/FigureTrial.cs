using System.Text.Json.Nodes;

namespace Hypergrid.Dashboard.Figures;

/// <summary>A trial a figure draws: its path under out/log, its folder, the config it shows and its code (a program's short hash).</summary>
public sealed record FigureTrial(string Path, string Directory, Lazy<JsonObject?> Shown, string? Code)
{
    /// <summary>A trial whose config is at hand.</summary>
    public FigureTrial(string path, string directory, JsonObject? config, string? code) : this(path, directory, new Lazy<JsonObject?>(config), code) { }

    /// <summary>The config it shows, made when first asked (a figure of a few trials does not parse every trial's).</summary>
    public JsonObject? Config => Shown.Value;

    /// <summary>The size of its train set (run.json's data), for epochs as a fraction; null: unknown.</summary>
    public long? TrainSamples { get; init; }
}
