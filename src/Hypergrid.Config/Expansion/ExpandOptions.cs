namespace Hypergrid.Config.Expansion;

/// <summary>
/// Where the tree is, where trials go, which leaves, whether to write, what checks each trial's keys
/// (null: the mode rules only), and how many trials a leaf may have.
/// </summary>
public sealed record ExpandOptions(string CfgDir = "cfg", string OutDir = "out", Filters? Filters = null, bool DryRun = false)
{
    /// <summary>The default cap on a leaf's trials: a typo such as 16 axes of 16 values is refused, not planned.</summary>
    public const long DefaultMaxTrials = 100_000;

    public string LogDir => Path.Combine(OutDir, "log");

    public IConfigSchema? Schema { get; init; }

    public long MaxTrials { get; init; } = DefaultMaxTrials;
}
