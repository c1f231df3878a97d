using System.Globalization;
using Hypergrid.Config;

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

    /// <summary>
    /// The options as a user writes them (the CLI's --alpha, --equivalence, --power; the API's alpha, equivalence,
    /// power; <paramref name="prefix"/> names them so): null is the default; a value that is not one is an error saying what is.
    /// </summary>
    public static StatisticsOptions Parse(string? alpha, string? equivalence, string? power, string prefix) => new(
        alpha is null ? 0.05 : Probability(alpha, prefix + "alpha", "e.g. 0.05"),
        equivalence is null ? null : Margin(equivalence, prefix + "equivalence"),
        power is null ? 0.8 : Probability(power, prefix + "power", "e.g. 0.8"));

    private static double Margin(string text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && d > 0 ? d
        : throw new UsageException($"{option} {text} is not a positive number; give the margin in the metric's units, e.g. 0.005 for half a point of accuracy");

    private static double Probability(string text, string option, string example) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p > 0 && p < 1 ? p
        : throw new UsageException($"{option} {text} is not a probability between 0 and 1 (exclusive); {example}");
}
