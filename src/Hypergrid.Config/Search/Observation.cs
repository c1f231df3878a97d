namespace Hypergrid.Config.Search;

/// <summary>A complete trial's proposal (internal values, NaN where a parameter was inactive) and its loss (lower is better: a maximised metric is negated).</summary>
public sealed record Observation(double[] X, double Loss);
