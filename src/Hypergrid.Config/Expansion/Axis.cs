using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Expansion;

/// <summary>A top-level list that becomes one dimension of the trial grid, with the file that set it.</summary>
public sealed record Axis(string Key, IReadOnlyList<CfgNode> Values, string File);
