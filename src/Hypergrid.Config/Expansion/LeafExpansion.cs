namespace Hypergrid.Config.Expansion;

/// <summary>
/// What expanding one leaf produced: its trials in number order, its orphans, how many trials are new,
/// and the trials whose cfg.yaml is missing or differs from what it should be (the files a write changes).
/// </summary>
public sealed record LeafExpansion(LeafPlan Plan, IReadOnlyList<Trial> Trials, IReadOnlyList<Orphan> Orphans, int Added, IReadOnlyList<Trial> Changed)
{
    /// <summary>How many cfg.yaml files the expansion writes (or would write, in a dry run).</summary>
    public int Written => Changed.Count;

    /// <summary>What is allowed but probably a mistake (an axis no placeholder names, so trials run the same command), one line each.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
