using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Hypergrid.Findings;

/// <summary>
/// One group's numbers. Spread fields are null with one trial; delta, p and the fields after it compare it with the
/// best group (or the baseline) and are null for the reference itself and where no test applies.
/// </summary>
public sealed record GroupRow(
    string Leaf, JsonObject Values, IReadOnlyList<string> Trials, IReadOnlyList<long> Seeds, int N,
    double Mean, double? Std, double? Sem, [property: JsonPropertyName("ci_low")] double? CiLow, [property: JsonPropertyName("ci_high")] double? CiHigh,
    double Median, double Min, double Max, double? Delta, double? P, string? Test, bool Best)
{
    /// <summary>
    /// A group described from its values per seed alone (no config, no trials): what a decision over groups in memory
    /// (adaptive seeds, tests) compares. Seeds default to 0..n-1, so that groups of equal n pair.
    /// </summary>
    public static GroupRow Of(string leaf, IReadOnlyList<double> samples, IReadOnlyList<long>? seeds = null)
    {
        var d = Stats.Describe(samples);
        return new GroupRow(leaf, [], [], seeds ?? [.. Enumerable.Range(0, samples.Count).Select(i => (long)i)], samples.Count,
            d.Mean, d.Std, d.Sem, d.Low, d.High, d.Median, d.Min, d.Max, null, null, null, false) { Samples = samples };
    }

    /// <summary>The values of one trial per seed, in seed order (for paired tests).</summary>
    [JsonIgnore]
    public IReadOnlyList<double> Samples { get; init; } = [];

    /// <summary>The whole config the group's trials share (seed left out): what its key is made of.</summary>
    [JsonIgnore]
    public JsonObject Config { get; init; } = [];

    /// <summary>What makes the group one: its leaf, config (seed left out), data and code; equal across a report's metrics.</summary>
    [JsonIgnore]
    public string Key { get; init; } = "";

    /// <summary>The interquartile mean (scipy's trim_mean(x, 0.25)).</summary>
    public double Iqm { get; init; }

    /// <summary>The percentile bootstrap interval of the mean (n &gt;= 2).</summary>
    [JsonPropertyName("boot_low")] public double? BootLow { get; init; }

    /// <inheritdoc cref="BootLow"/>
    [JsonPropertyName("boot_high")] public double? BootHigh { get; init; }

    /// <summary>P, Holm-corrected over the section's comparisons with its reference.</summary>
    [JsonPropertyName("p_holm")] public double? PHolm { get; init; }

    /// <summary>The sign-flip permutation p of the paired differences (paired tests only).</summary>
    [JsonPropertyName("p_perm")] public double? PPerm { get; init; }

    /// <summary>How <see cref="PPerm"/> was found: "exact" (every sign assignment) or "monte carlo" (seeded resamples).</summary>
    [JsonPropertyName("perm_method")] public string? PermMethod { get; init; }

    /// <summary>The percentile bootstrap interval of the difference to the reference (paired: seeds resampled together).</summary>
    [JsonPropertyName("diff_low")] public double? DiffLow { get; init; }

    /// <inheritdoc cref="DiffLow"/>
    [JsonPropertyName("diff_high")] public double? DiffHigh { get; init; }

    /// <summary>The probability that this group improves on the reference (paired over seeds, or over all pairs: <see cref="Test"/> says which).</summary>
    public double? Poi { get; init; }

    /// <summary>The two-one-sided-tests p of equivalence within the margin, Holm-corrected like <see cref="PHolm"/> (with --equivalence).</summary>
    [JsonPropertyName("p_equivalence")] public double? PEquivalence { get; init; }

    /// <summary>"different" (Holm p &lt; α), "equivalent" (within the margin), or "undecided".</summary>
    public string? Verdict { get; init; }

    /// <summary>Not significantly different from the reference after correction (a tested group whose Holm p is at least α).</summary>
    public bool Indistinguishable { get; init; }

    /// <summary>For an undecided comparison: seeds per group that would decide it at the chosen power (null: more than the cap, or no difference to detect).</summary>
    [JsonPropertyName("seeds_needed")] public int? SeedsNeeded { get; init; }

    /// <summary>Where the group stands in its section's adaptive seeds (null without them): stopped (verdict, round), best, waiting.</summary>
    public Hypergrid.Findings.Adaptive.SeedProgress? Adaptive { get; init; }

    /// <summary>Which decision <see cref="SeedsNeeded"/> seeds would reach first: "different" or "equivalent".</summary>
    [JsonPropertyName("seeds_decide")] public string? SeedsDecide { get; init; }
}
