namespace Hypergrid.Findings;

/// <summary>
/// One section of a table over one or more metrics: its rows (a group each, in the first metric's order, matched across
/// metrics by what makes it a group), and the columns that name them: the keys that differ between its groups, and the
/// leaf only when nothing else tells two rows apart.
/// </summary>
public sealed record ReportTable(string Name, string? Note, bool LeafColumn, IReadOnlyList<string> Keys, IReadOnlyList<GroupRow?[]> Rows)
{
    /// <summary>The sections of <paramref name="reports"/> (one per metric, built with the same options), side by side.</summary>
    public static IReadOnlyList<ReportTable> Of(IReadOnlyList<Report> reports)
    {
        var names = reports.SelectMany(r => r.Sections.Select(s => s.Name)).Distinct().ToList();
        return names.Select(name =>
        {
            var sections = reports.Select(r => r.Sections.FirstOrDefault(s => s.Name == name)).ToList();
            var keys = sections.SelectMany(s => s?.Groups ?? []).Select(g => g.Key).Distinct().ToList();
            var rows = keys.Select(k => sections.Select(s => s?.Groups.FirstOrDefault(g => g.Key == k)).ToArray()).ToList();
            var named = rows.Select(r => r.First(g => g is not null)!).ToList();
            var columns = named.SelectMany(g => g.Values.Select(kv => kv.Key)).Distinct().ToList();
            // Named by the keys alone when they tell every row apart; the leaf too when they do not (or there are none).
            var distinct = named.Select(g => string.Join('\u0001', columns.Select(c => g.Values.ContainsKey(c) ? Reporter.Canonical(g.Values[c]) : "\u0002"))).Distinct().Count();
            var note = sections.Select(s => s?.Note).FirstOrDefault(n => n is not null);
            return new ReportTable(name, note, columns.Count == 0 || distinct < named.Count, columns, rows)
                { Adaptive = sections.Select(s => s?.AdaptiveSeeds).FirstOrDefault(a => a is not null) };
        }).ToList();
    }

    /// <summary>The section's adaptive seeds line (seeds spent, rounds, why each group stopped), or null.</summary>
    public string? Adaptive { get; init; }

    /// <summary>The group that names row <paramref name="i"/> (the first metric's, else the next that has it).</summary>
    public GroupRow Named(int i) => Rows[i].First(g => g is not null)!;
}
