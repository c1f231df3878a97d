namespace Hypergrid.Findings.Adaptive;

/// <summary>A section's verdicts as a fixed design reaches them (all seeds at once, at α): what adaptive seeds are measured against.</summary>
public static class FixedDesign
{
    /// <summary>Ranked groups (best first) compared with the best as the report does.</summary>
    public static List<GroupRow> Compare(IReadOnlyList<GroupRow> ranked, StatisticsOptions options, bool higherIsBetter = true) =>
        Comparer.Section(ranked, ranked[0], ranked[0], options, higherIsBetter);
}
