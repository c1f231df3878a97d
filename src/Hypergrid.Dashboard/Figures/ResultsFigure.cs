using System.Text.Json.Nodes;
using Hypergrid.Findings;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// The page's Results chart as a figure: one section of a report, each group a point at its value of one key (a number,
/// or categories when the key has other values or there is none) with its mean and its error bar (± std over seeds or
/// the 95% CI), named in the legend by the keys that differ, the best ringed and named so. The numbers are the
/// report's own (GET /api/report), never recomputed.
/// </summary>
public static class ResultsFigure
{
    public static readonly string[] ErrorBars = ["std", "ci"];

    /// <summary>How many decades a key's values must span for its axis to be logarithmic by itself (0.0001 to 0.01: two).</summary>
    public const int LogDecades = 2;

    /// <summary>
    /// The figure of a report's section (null: the first) by key (null: the first key with a number, as the page
    /// chooses); colorOf gives a group's colour index (the page's seed-group order: <see cref="PageColors"/>).
    /// logX: a log x axis (true), a linear one (false), or (null) log when the key's values are all above 0 and span
    /// <see cref="LogDecades"/> decades or more; the x label says "(log scale)" either way. words: who asked (errors name
    /// their options or parameters; the CLI's by default).
    /// </summary>
    public static Figure Build(Report report, string? section, string? key, string errorBars, Func<GroupRow, int?>? colorOf = null, bool? logX = null, FigureWords? words = null)
    {
        var w = words ?? FigureWords.Command;
        if (!ErrorBars.Contains(errorBars)) throw FigureErrors.UnknownErrorBars(errorBars, w);
        if (report.Sections.Count == 0) throw FigureErrors.NothingToDraw();
        var shown = section is null ? report.Sections[0]
            : report.Sections.FirstOrDefault(s => s.Name == section) ?? throw FigureErrors.UnknownSection(section, report.Sections.Select(s => s.Name), w);
        var groups = shown.Groups;
        var keys = groups.SelectMany(g => g.Values.Select(kv => kv.Key)).Distinct().ToList();
        var numeric = keys.Where(k => groups.Any(g => SeedGroups.Number(g.Values[k]) is not null)).ToList();
        if (key is not null && !keys.Contains(key))
            throw FigureErrors.UnknownResultsKey(key, shown.Name, keys, report.Sections.Where(s => s.Groups.Any(g => g.Values.ContainsKey(key))).Select(s => s.Name).ToList(), w);
        key ??= numeric.FirstOrDefault();
        var (drawn, byNumber) = Drawn(groups, key);
        if (drawn.Count == 0) throw FigureErrors.NothingToDraw();
        var (title, names) = Names(drawn, keys, key);
        string Category(int i) => key is not null && drawn[i].Values[key] is { } v ? SeedGroups.Text(v) : names[i].Length > 0 ? names[i] : drawn[i].Leaf;
        var categories = byNumber ? null : Enumerable.Range(0, drawn.Count).Select(Category).Distinct().ToList();
        double XOf(int i) => byNumber ? SeedGroups.Number(drawn[i].Values[key!])!.Value : categories!.IndexOf(Category(i));
        (double? Lo, double? Hi) Bar(GroupRow g) => errorBars == "ci" ? (g.CiLow, g.CiHigh) : g.Std is { } s ? (g.Mean - s, g.Mean + s) : (null, null);
        // The groups that share all but the x key are a series (ResultsSeries: ranked, a colour each when several).
        var at = new Dictionary<GroupRow, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < drawn.Count; i++) at[drawn[i]] = i;
        var lines = new List<FigureLine>();
        FigureLine? ring = null;
        foreach (var series in ResultsSeries.Of(drawn, keys, key))
        {
            var members = series.Groups.ToList();
            // Each point its group's colour (no series colour): a line of one point each, as the legend lists them.
            var parts = series.Color is null ? members.Select(i => new List<int> { i }).ToList() : [members];
            foreach (var part in parts)
            {
                var color = series.Color ?? colorOf?.Invoke(drawn[part[0]]) ?? part[0];
                var bars = part.Select(i => Bar(drawn[i])).ToList();
                var line = new FigureLine(names[part[0]], color, false, [.. part.Select(XOf)], [.. part.Select(i => (double?)drawn[i].Mean)])
                {
                    Lower = [.. bars.Select(b => b.Lo)], Upper = [.. bars.Select(b => b.Hi)], Markers = true, Joined = series.Joined, Dodge = series.Dodge,
                };
                // With one group there is nothing it is best among: no ring, no note. The best of a series is ringed by
                // a point of its own on top (no bar, not in the legend); a point alone is its own line, ringed.
                var top = part.FindIndex(i => drawn[i].Best);
                if (top >= 0 && drawn.Count > 1)
                {
                    if (part.Count == 1) line = line with { Ringed = true };
                    else ring = new FigureLine(line.Name, color, false, [line.X[top]], [line.Y[top]]) { Markers = true, Ringed = true, InLegend = false, Dodge = series.Dodge };
                }
                lines.Add(line);
            }
        }
        if (ring is not null) lines.Add(ring);
        var xs = lines.SelectMany(l => l.X).ToList();
        var log = byNumber && xs.All(x => x > 0) && (logX ?? xs.Max() / xs.Min() >= Math.Pow(10, LogDecades));
        if (logX == true && !log) throw FigureErrors.LogXNeedsPositive(byNumber ? key : null, w);
        var left = groups.Count - drawn.Count;
        var xLabel = key is null ? "group" : key + (log ? " (log scale)" : "") + (left > 0 ? $" ({left} group(s) without {key} left out)" : "");
        // Groups of one seed each have no error bar to draw: the label says n=1 rather than promising bars.
        var noBars = lines.All(l => l.Lower is null || l.Upper is null || l.Lower.Zip(l.Upper).All(b => b.First is null || b.Second is null));
        var yLabel = report.Metric + (noBars ? " (one seed each, n=1: no error bars)" : errorBars == "ci" ? " (mean, 95% CI)" : " (mean ± std over seeds)");
        var best = drawn.Count > 1 ? drawn.FindIndex(g => g.Best) : -1;
        return new Figure(xLabel, yLabel, lines)
        {
            LegendTitle = title, Note = best < 0 ? null : "ringed: the best" + BestAt(drawn[best], names[best], key),
            XCategories = categories, LogX = log,
        };
    }

    /// <summary>
    /// Each report group's colour as the page and `hypergrid plot --group` give it: the index of its first trial's seed
    /// group among the trials the report covers (its filters and its selection; grouped by all but seed, in the order
    /// of a scan, as the page orders them). One rule, whoever asks: the colour depends on the selection, never on the
    /// whole study beside it.
    /// </summary>
    public static Func<GroupRow, int?> PageColors(IEnumerable<FigureTrial> all, ReportOptions options)
    {
        var selected = all.Where(t => t.Path.Split('/') is [var mode, var dataset, var model, var trainer, ..]
            && options.Filters.Matches(mode, dataset, model, trainer)
            && (options.Only is not { } only || Hypergrid.Trials.TrialId.TryParse(t.Path) is { } id && only(id)));
        var groups = SeedGroups.Of(selected);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Count; i++)
            foreach (var t in groups[i]) index[t.Path] = i;
        return g => g.Trials.Count > 0 && index.TryGetValue($"{g.Leaf}/{g.Trials[0]}", out var i) ? i : null;
    }

    /// <summary>
    /// The groups' legend names by <see cref="LegendNames"/>' rule (the parts of the leaf and the keys that differ) with
    /// the x key left out, since the axis shows it: the groups of one name at different x are one series
    /// (<see cref="ResultsSeries"/>), one legend entry. A name with nothing left to tell is empty ("" for one group, or the group's leaf).
    /// </summary>
    public static (string? Title, List<string> Names) Names(IReadOnlyList<GroupRow> groups, IReadOnlyList<string> keys, string? xKey)
    {
        var (title, parts) = NameParts(groups, keys, xKey);
        return (title, parts.Select(p => title is null ? p.Text : p.Pairs.Count == 0 ? "—" : p.Pairs[0][(title.Length + 1)..]).ToList());
    }

    /// <summary>
    /// The groups' names in parts, by <see cref="Names"/>' rule, and the legend's title when one key alone tells them
    /// apart (then each name's one pair is that key's "key=value"; none for a group without it).
    /// </summary>
    public static (string? Title, List<LegendName> Names) NameParts(IReadOnlyList<GroupRow> groups, IReadOnlyList<string> keys, string? xKey)
    {
        var others = SeriesKeys(groups, keys, xKey);
        JsonObject Shown(GroupRow g) => new(others.Where(g.Values.ContainsKey).Select(k => KeyValuePair.Create(k, g.Values[k]?.DeepClone())));
        var series = groups.Select(g => (g.Leaf, Config: Shown(g))).ToList();
        var keyOf = series.Select(s => s.Leaf + "\n" + s.Config.ToJsonString()).ToList();
        // Each distinct (leaf, shown config) once, by its first group: the /api/report answer names every scatter key's
        // groups, so this stays linear in the groups.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var firsts = new List<FigureTrial>();
        for (var i = 0; i < series.Count; i++)
            if (index.TryAdd(keyOf[i], firsts.Count)) firsts.Add(new FigureTrial($"{series[i].Leaf}/{firsts.Count}", "", series[i].Config, null));
        if (firsts.Count == 1) return (null, groups.Select(_ => new LegendName("", [])).ToList());
        var (title, names) = LegendNames.Parts(firsts, withSeed: false, without: xKey);
        return (title, keyOf.Select(k => names[index[k]]).ToList());
    }

    /// <summary>
    /// Each group's label on the page's Results scatter with this x key: its legend name in the figure of that key, in
    /// parts (the legend's title folded in as "key=value"); a group the figure leaves out (no value of a numeric key) is
    /// named among all the section's groups. A group whose name would be empty (the groups differ by their x alone) is
    /// labelled by its x value ("lr=0.1"), else by its leaf: a point's label is never empty where the legend may be.
    /// </summary>
    public static List<LegendName> Labels(IReadOnlyList<GroupRow> groups, IReadOnlyList<string> keys, string xKey)
    {
        var (drawn, _) = Drawn(groups, xKey);
        var inFigure = NameParts(drawn, keys, xKey).Names;
        var named = new Dictionary<GroupRow, LegendName>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < drawn.Count; i++) named[drawn[i]] = inFigure[i];
        var all = drawn.Count == groups.Count ? null : NameParts(groups, keys, xKey).Names;
        return groups.Select((g, i) => named.GetValueOrDefault(g) ?? all![i]).Select((n, i) =>
            n.Leaf.Length > 0 || n.Pairs.Count > 0 ? n
            : groups[i].Values[xKey] is { } x ? new LegendName("", [$"{xKey}={SeedGroups.Text(x)}"]) : new LegendName(groups[i].Leaf, [])).ToList();
    }

    /// <summary>
    /// The keys the Results scatter may put on its x, in the section's order: those with a number in some group, else
    /// (groups that differ by words alone) every key, drawn by category. The page offers exactly these (GET /api/report's
    /// section.scatter_keys, <see cref="Api.ReportLabels"/>).
    /// </summary>
    public static List<string> ScatterKeys(IReadOnlyList<GroupRow> groups)
    {
        var keys = groups.SelectMany(g => g.Values.Select(kv => kv.Key)).Distinct().ToList();
        var numeric = keys.Where(k => groups.Any(g => SeedGroups.Number(g.Values[k]) is not null)).ToList();
        return numeric.Count > 0 ? numeric : keys;
    }

    /// <summary>
    /// The keys that tell series apart by this x key: every key but x and those x decides (each x value with one value
    /// of it, where some x value has two groups or more: act=relu at wd 0.1 and gelu above it would split one lr's
    /// points into two series, as a key a leaf implies would). Names and series leave the others out.
    /// </summary>
    internal static List<string> SeriesKeys(IReadOnlyList<GroupRow> groups, IReadOnlyList<string> keys, string? xKey)
    {
        var others = keys.Where(k => k != xKey).ToList();
        if (xKey is null) return others;
        var places = groups.Where(g => g.Values.ContainsKey(xKey) && g.Values[xKey] is not null).GroupBy(g => SeedGroups.Text(g.Values[xKey])).ToList();
        if (!places.Any(p => p.Count() > 1)) return others;
        return others.Where(k => !places.All(p => p.Select(g => g.Values.ContainsKey(k) ? g.Values[k]?.ToJsonString() ?? "null" : "\u0000").Distinct().Count() == 1)).ToList();
    }

    /// <summary>The groups a figure by this key draws (by number: those with a value of it; by category: all) and whether by number.</summary>
    internal static (List<GroupRow> Drawn, bool ByNumber) Drawn(IReadOnlyList<GroupRow> groups, string? key)
    {
        var byNumber = key is not null && groups.All(g => g.Values[key] is null || SeedGroups.Number(g.Values[key]) is not null);
        return (byNumber ? groups.Where(g => g.Values[key!] is not null).ToList() : groups.ToList(), byNumber);
    }

    /// <summary>" (name, key=value)" of the best group, or what of it there is.</summary>
    private static string BestAt(GroupRow g, string name, string? key)
    {
        var parts = new[] { name, key is not null && g.Values[key] is { } v ? $"{key}={SeedGroups.Text(v)}" : "" }.Where(p => p.Length > 0).ToList();
        return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
    }
}
