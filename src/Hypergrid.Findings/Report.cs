using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Hypergrid.Findings;

/// <summary>
/// A study's findings in sections of groups that answer the same question (by default one per mode and dataset), each
/// ranked against its own best; per-leaf key importance.
/// </summary>
public sealed record Report(
    string Metric, string Goal, string Reduce, [property: JsonPropertyName("at_best")] string? AtBest, string Scope,
    Dictionary<string, int> Excluded, IReadOnlyList<ReportSection> Sections, Dictionary<string, IReadOnlyList<KeyImportance>> Importance)
{
    /// <summary>How the groups were tested: level, correction, margin, power, resamples and seed.</summary>
    public StatisticsOptions Statistics { get; init; } = new();

    /// <summary>Every section's groups, section by section.</summary>
    [JsonIgnore]
    public IReadOnlyList<GroupRow> Groups => Sections.SelectMany(s => s.Groups).ToList();
}

/// <summary>
/// Groups compared with each other: ranked best first, tested against the section's best (or the baseline when it is in
/// the section).
/// </summary>
public sealed record ReportSection(string Name, string? Mode, string? Dataset, string? Leaf, IReadOnlyList<GroupRow> Groups)
{
    /// <summary>Whether any group was tested: false when no two groups both have two or more seeds (a sweep's n=1 groups are ranked only).</summary>
    public bool Tested => Groups.Any(g => g.Test is not null);

    /// <summary>Its adaptive seeds as one line (null without them): seeds spent against the fixed design, rounds, why each group stopped.</summary>
    [JsonPropertyName("adaptive_seeds")] public string? AdaptiveSeeds { get; init; }

    /// <summary>Why a section of several groups has no p-values (every format and the page say it), or null when it has them.</summary>
    public string? Note =>
        Tested || Groups.Count < 2 ? null
        : Groups.All(g => g.N == 1) ? "one seed per group: ranked, not tested (promote the best to an experiment to test it over seeds)"
        : "not tested: a test needs two or more seeds in both a group and the section's best";
}
