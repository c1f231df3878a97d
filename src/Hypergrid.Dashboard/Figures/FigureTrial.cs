using System.Text.Json.Nodes;

namespace Hypergrid.Dashboard.Figures;

/// <summary>A trial a figure draws: its path under out/log, its folder, the config it shows and its code (a program's short hash).</summary>
public sealed record FigureTrial(string Path, string Directory, JsonObject? Config, string? Code);
