namespace Hypergrid.Config.Search;

/// <summary>One proposal at one grid point: the point's index in the leaf's grid, the proposal's index in that point's sequence, and its internal values.</summary>
public sealed record SearchPoint(long Grid, int Index, double[] X);
