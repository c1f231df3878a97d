namespace Hypergrid.Findings;

/// <summary>A key's main-effect share of the total sum of squares in a leaf's grid, and its F-test p against the residual.</summary>
public sealed record KeyImportance(string Key, double Share, double? P)
{
    /// <summary>The quantile bins a continuous key was cut into (a search's range); null for a key taken value by value.</summary>
    public int? Bins { get; init; }
}
