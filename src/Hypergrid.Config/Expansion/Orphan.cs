namespace Hypergrid.Config.Expansion;

/// <summary>A trial folder whose axis values no longer exist in the tree; reported, never deleted.</summary>
public sealed record Orphan(int Number, string Directory);
