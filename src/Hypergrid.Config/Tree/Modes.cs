namespace Hypergrid.Config.Tree;

/// <summary>The two config modes and the keys that come from a leaf's path.</summary>
public static class Modes
{
    public const string Sweep = "sweep";
    public const string Experiment = "experiment";
    public static readonly IReadOnlyList<string> All = [Sweep, Experiment];

    /// <summary>Keys set by the folder path; a file may repeat them only with the same value.</summary>
    public static readonly IReadOnlyList<string> PathKeys = ["mode", "dataset", "model", "trainer"];

    /// <summary>Top-level lists that are values, never sweep axes.</summary>
    public static readonly IReadOnlySet<string> StructuralLists = new HashSet<string> { "batch_metrics", Programs.ProgramKeys.Code };
}
