namespace Hypergrid.Config.Expansion;

/// <summary>Where the tree is, where trials go, which leaves, and whether to write.</summary>
public sealed record ExpandOptions(string CfgDir = "cfg", string OutDir = "out", Filters? Filters = null, bool DryRun = false)
{
    public string LogDir => Path.Combine(OutDir, "log");
}
