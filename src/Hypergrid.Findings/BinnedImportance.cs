using System.Text.Json.Nodes;

namespace Hypergrid.Findings;

/// <summary>
/// Which keys matter in a leaf searched over ranges, where there is no complete grid to split the variance over: each
/// key's one-way share of the total sum of squares (η²) and its one-way F-test, the key's values taken as levels; a
/// continuous key (numbers with more than <see cref="Bins"/> distinct values) is first cut into <see cref="Bins"/>
/// quantile bins of about equal counts (equal values in one bin), and the output says so. A key a trial lacks (an
/// option's key when another option was chosen) has "absent" as a level. Shares of different keys overlap when the keys
/// are correlated: each is the key's effect alone.
/// </summary>
public static class BinnedImportance
{
    /// <summary>Quantile bins a continuous key is cut into.</summary>
    public const int Bins = 4;

    /// <summary>Whether a leaf's groups hold a continuous key (what makes this analysis the leaf's, rather than the grid's).</summary>
    public static bool Applies(IReadOnlyList<GroupRow> groups) => Keys(groups).Any(k => IsContinuous(groups, k));

    public static IReadOnlyList<KeyImportance>? Of(IReadOnlyList<GroupRow> groups)
    {
        var n = groups.Count;
        if (n < 3) return null;
        var y = groups.Select(g => g.Mean).ToArray();
        var grand = y.Average();
        var total = y.Sum(v => (v - grand) * (v - grand));
        var result = new List<KeyImportance>();
        foreach (var key in Keys(groups))
        {
            var continuous = IsContinuous(groups, key);
            var levels = continuous ? QuantileBins(groups.Select(g => Number(g.Values[key])!.Value).ToArray()) : groups.Select(g => Reporter.Canonical(g.Values[key]) ?? "(absent)").ToArray();
            var byLevel = Enumerable.Range(0, n).GroupBy(i => levels[i]).ToList();
            var l = byLevel.Count;
            if (l < 2) continue;
            var effect = byLevel.Sum(g => g.Count() * Math.Pow(g.Average(i => y[i]) - grand, 2));
            var within = total - effect;
            double? p = n - l > 0 && within > 0 ? Stats.FTest(effect / (l - 1) / (within / (n - l)), l - 1, n - l) : null;
            result.Add(new KeyImportance(key, total > 0 ? effect / total : 0, p) { Bins = continuous ? l : null });
        }
        return result.Count == 0 ? null : result.OrderByDescending(i => i.Share).ToList();
    }

    /// <summary>Each value's quantile bin (0 to <see cref="Bins"/> - 1) by rank; equal values share the bin of the first of them.</summary>
    public static string[] QuantileBins(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var bins = new string[values.Length];
        for (var r = 0; r < order.Length; r++)
        {
            var first = r;
            while (first > 0 && values[order[first - 1]] == values[order[r]]) first--;
            bins[order[r]] = "q" + (first * Bins / values.Length);
        }
        return bins;
    }

    private static IEnumerable<string> Keys(IReadOnlyList<GroupRow> groups) => groups.SelectMany(g => g.Values.Select(kv => kv.Key)).Distinct();

    private static bool IsContinuous(IReadOnlyList<GroupRow> groups, string key)
    {
        var values = groups.Select(g => Number(g.Values[key])).ToList();
        return values.All(v => v is not null) && values.Distinct().Count() > Bins;
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : null;
}
