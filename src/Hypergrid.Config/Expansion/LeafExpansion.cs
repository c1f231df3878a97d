namespace Hypergrid.Config.Expansion;

/// <summary>What expanding one leaf produced: its trials in number order, its orphans, and how many files changed.</summary>
public sealed record LeafExpansion(LeafPlan Plan, IReadOnlyList<Trial> Trials, IReadOnlyList<Orphan> Orphans, int Added, int Written);
