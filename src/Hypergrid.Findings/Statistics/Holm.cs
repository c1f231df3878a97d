namespace Hypergrid.Findings.Statistics;

/// <summary>
/// Holm's step-down correction for m comparisons: the i-th smallest p (1-based) becomes max over j &lt;= i of
/// min(1, (m - j + 1)·p_(j)). It controls the family-wise error like Bonferroni and rejects at least as often.
/// </summary>
public static class Holm
{
    /// <summary>Adjusted p-values in the order given; a null (no test) stays null and does not count in m.</summary>
    public static double?[] Adjust(IReadOnlyList<double?> p)
    {
        var tested = Enumerable.Range(0, p.Count).Where(i => p[i] is not null).OrderBy(i => p[i]!.Value).ToList();
        var adjusted = new double?[p.Count];
        var running = 0.0;
        for (var rank = 0; rank < tested.Count; rank++)
        {
            running = Math.Max(running, Math.Min(1, (tested.Count - rank) * p[tested[rank]]!.Value));
            adjusted[tested[rank]] = running;
        }
        return adjusted;
    }
}
