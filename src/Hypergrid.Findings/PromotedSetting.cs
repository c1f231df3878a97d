namespace Hypergrid.Findings;

/// <summary>One of the K best settings of a sweep leaf: its rank (1 is the best), its group, and the label that names its experiment leaf.</summary>
public sealed record PromotedSetting(int Rank, GroupRow Group, string Label);
