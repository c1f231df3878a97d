namespace Hypergrid.Findings;

/// <summary>
/// How a report tests and how it says so: the level α of every test (after Holm's correction), the equivalence margin
/// in the metric's units (null: no equivalence test), the power at which seeds needed are computed, and the resamples
/// and seed of the bootstrap and of Monte Carlo permutation p-values. Every format states these.
/// </summary>
public sealed record StatisticsOptions(double Alpha = 0.05, double? Equivalence = null, double Power = 0.8, int Resamples = 2000, ulong Seed = 0)
{
    /// <summary>The correction of the comparisons with a section's reference.</summary>
    public string Correction => "holm";

    /// <summary>The level of the t and bootstrap intervals.</summary>
    public double Level => 0.95;
}
