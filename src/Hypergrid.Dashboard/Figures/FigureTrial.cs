using System.Text.Json.Nodes;

namespace Hypergrid.Dashboard.Figures;

/// <summary>A trial a figure draws: its path under out/log, its folder, the config it shows and its code (a program's short hash).</summary>
public sealed record FigureTrial(string Path, string Directory, Lazy<JsonObject?> Shown, string? Code)
{
    /// <summary>A trial whose config is at hand.</summary>
    public FigureTrial(string path, string directory, JsonObject? config, string? code) : this(path, directory, new Lazy<JsonObject?>(config), code) { }

    /// <summary>The config it shows, made when first asked (a figure of a few trials does not parse every trial's).</summary>
    public JsonObject? Config => Shown.Value;

    /// <summary>
    /// Whether it was trained by other code than the study holds now: only then does its code set it apart from its
    /// seeds (<see cref="SeedGroups"/>). A trial not yet run has no code, yet it joins its seeds' group and colour.
    /// </summary>
    public bool OtherCode { get; init; }

    /// <summary>The size of its train set (run.json's data), for epochs as a fraction; null: unknown.</summary>
    public long? TrainSamples { get; init; }

    /// <summary>Its state (complete, running, ...), for the default x axis (<see cref="DefaultAxis"/>); null: not known.</summary>
    public Hypergrid.Trials.TrialState? State { get; init; }
}
