namespace Hypergrid.Findings;

/// <summary>
/// Which keys matter in a leaf's grid: each key's balanced one-way (main-effect) sum of squares of the group means as a
/// share of the total, and an F-test of it against the residual (all the main effects leave), with N - 1 - Σ(levels - 1)
/// degrees of freedom. Only for a complete grid over two or more varying keys.
/// </summary>
public static class Importance
{
    public static IReadOnlyList<KeyImportance>? Of(IReadOnlyList<GroupRow> groups)
    {
        // A search over ranges has no grid: its keys are weighed one at a time, continuous ones in quantile bins.
        if (BinnedImportance.Applies(groups)) return BinnedImportance.Of(groups);
        var keys = groups.SelectMany(g => g.Values.Select(kv => kv.Key)).Distinct().ToList();
        if (keys.Count < 2) return null;
        string Level(GroupRow g, string k) => Reporter.Canonical(g.Values[k]);
        var levels = keys.ToDictionary(k => k, k => groups.Select(g => Level(g, k)).Distinct().Count());
        var cells = groups.Select(g => string.Join("\u0001", keys.Select(k => Level(g, k)))).Distinct().Count();
        if (cells != groups.Count || groups.Count != levels.Values.Aggregate(1L, (p, n) => p * n)) return null; // not a complete grid

        var y = groups.Select(g => g.Mean).ToList();
        var grand = y.Average();
        var total = y.Sum(v => (v - grand) * (v - grand));
        var effects = keys.ToDictionary(k => k, k => groups.GroupBy(g => Level(g, k)).Sum(l => l.Count() * Math.Pow(l.Average(g => g.Mean) - grand, 2)));
        var dfResidual = groups.Count - 1 - keys.Sum(k => levels[k] - 1);
        var residual = total - effects.Values.Sum();
        return keys.Select(k =>
        {
            double? p = dfResidual > 0 && residual > 0 ? Stats.FTest(effects[k] / (levels[k] - 1) / (residual / dfResidual), levels[k] - 1, dfResidual) : null;
            return new KeyImportance(k, total > 0 ? effects[k] / total : 0, p);
        }).OrderByDescending(i => i.Share).ToList();
    }
}
