using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Expansion;

/// <summary>The value one trial takes on one axis, and the file that declared the axis.</summary>
public sealed record AxisValue(string Key, CfgNode Value, string File);
