using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hypergrid.Findings;

/// <summary>
/// A report (one per metric) as JSON, CSV, Markdown or LaTeX: the same columns in every format, a caption that says
/// what they are, the best bold and the groups indistinguishable from it marked; cells a paper can take as they are.
/// </summary>
public static class ReportText
{
    public static readonly string[] Formats = ["table", "markdown", "latex", "csv", "json"];

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly string[] CsvFields =
    [
        "section", "metric", "leaf", "values", "trials", "seeds", "n", "mean", "std", "sem", "ci_low", "ci_high", "boot_low", "boot_high", "iqm", "median", "min", "max",
        "delta", "diff_low", "diff_high", "p", "test", "p_holm", "p_perm", "perm_method", "poi", "p_equivalence", "verdict", "indistinguishable", "seeds_needed", "seeds_decide", "best",
        "adaptive", "adaptive_verdict", "adaptive_round",
    ];

    /// <summary>One report as JSON (the page's /api/report); several as {"caption", "metrics": [...]}.</summary>
    public static string ToJson(IReadOnlyList<Report> reports) => reports.Count == 1 ? ToJson(reports[0])
        : JsonSerializer.Serialize(new { Caption = ReportColumns.Caption(reports), Metrics = reports }, Json);

    public static string ToJson(Report r) => ToJsonNode(r).ToJsonString(Json);

    /// <summary>One report as the JSON object <see cref="ToJson(Report)"/> writes, for a caller that adds to it (the page's labels).</summary>
    public static JsonObject ToJsonNode(Report r)
    {
        var node = JsonSerializer.SerializeToNode(r, Json)!.AsObject();
        node.Insert(0, "caption", ReportColumns.Caption([r]));
        return node;
    }

    public static string ToCsv(Report r) => ToCsv([r]);

    /// <summary>A row per group and metric (long format: a metric column), every figure as a number.</summary>
    public static string ToCsv(IReadOnlyList<Report> reports)
    {
        var sb = new StringBuilder(string.Join(',', CsvFields)).Append('\n');
        foreach (var r in reports)
            foreach (var (section, g) in r.Sections.SelectMany(s => s.Groups.Select(g => (s, g))))
            {
                string[] cells =
                [
                    section.Name, r.Metric, g.Leaf, string.Join(';', Values(g)), string.Join(';', g.Trials), string.Join(';', g.Seeds), g.N.ToString(CultureInfo.InvariantCulture),
                    N(g.Mean), N(g.Std), N(g.Sem), N(g.CiLow), N(g.CiHigh), N(g.BootLow), N(g.BootHigh), N(g.Iqm), N(g.Median), N(g.Min), N(g.Max),
                    N(g.Delta), N(g.DiffLow), N(g.DiffHigh), N(g.P), g.Test ?? "", N(g.PHolm), N(g.PPerm), g.PermMethod ?? "", N(g.Poi), N(g.PEquivalence),
                    g.Verdict ?? "", B(g.Indistinguishable), g.SeedsNeeded?.ToString(CultureInfo.InvariantCulture) ?? "", g.SeedsDecide ?? "", B(g.Best),
                    g.Adaptive?.State ?? "", g.Adaptive?.Verdict ?? "", g.Adaptive?.Round?.ToString(CultureInfo.InvariantCulture) ?? "",
                ];
                sb.Append(string.Join(',', cells.Select(Inert.Csv))).Append('\n');
            }
        return sb.ToString();
    }

    public static string ToMarkdown(Report r) => ToMarkdown([r]);

    /// <summary>The caption, then a table per section, then each leaf's importance.</summary>
    public static string ToMarkdown(IReadOnlyList<Report> reports)
    {
        var md = Inert.Markdown;
        var sb = new StringBuilder(md(ReportColumns.Caption(reports))).Append("\n\n");
        foreach (var table in ReportTable.Of(reports))
        {
            sb.Append($"### {md(table.Name)}\n\n");
            if (table.Note is { } note) sb.Append(note).Append("\n\n");
            if (table.Adaptive is { } adaptive) sb.Append(md(adaptive)).Append("\n\n");
            var heads = Heads(table, reports).Select(md).ToList();
            sb.Append("| ").Append(string.Join(" | ", heads)).Append(" |\n");
            sb.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", heads.Count))).Append('\n');
            for (var i = 0; i < table.Rows.Count; i++)
                sb.Append("| ").Append(string.Join(" | ", Cells(table, i, reports, md, g => $"**{md(ReportColumns.Cell(g))}**", g => md(ReportColumns.Cell(g) + " ≈")))).Append(" |\n");
            sb.Append('\n');
            foreach (var leaf in table.Rows.Select((_, i) => table.Named(i).Leaf).Distinct()) AppendImportance(sb, reports[0], leaf, "- ", md);
        }
        return sb.ToString();
    }

    public static string ToLatex(Report r) => ToLatex([r]);

    /// <summary>A booktabs table per section with the caption (needs \usepackage{booktabs}).</summary>
    public static string ToLatex(IReadOnlyList<Report> reports)
    {
        var sb = new StringBuilder("% Hypergrid report: needs \\usepackage{booktabs} in the preamble\n");
        foreach (var table in ReportTable.Of(reports))
        {
            var heads = Heads(table, reports).Select(Tex).ToList();
            var naming = heads.Count - reports.Count * (1 + ReportColumns.Of("").Count);
            sb.Append("\\begin{table}[htbp]\n\\centering\n\\scriptsize\n");
            sb.Append($"\\caption{{{Tex(table.Name)}: {Tex(ReportColumns.Caption(reports))}{(table.Adaptive is { } a ? " " + Tex(a) : "")}}}\n");
            if (table.Note is { } note) sb.Append($"% {Tex(note)}\n");
            sb.Append("\\begin{tabular}{").Append(new string('l', naming)).Append(new string('r', heads.Count - naming)).Append("}\n\\toprule\n");
            sb.Append(string.Join(" & ", heads)).Append(" \\\\\n\\midrule\n");
            for (var i = 0; i < table.Rows.Count; i++)
                sb.Append(string.Join(" & ", Cells(table, i, reports, Tex, g => $"\\textbf{{{Tex(ReportColumns.Cell(g))}}}", g => Tex(ReportColumns.Cell(g) + " ≈")))).Append(" \\\\\n");
            sb.Append("\\bottomrule\n\\end{tabular}\n\\end{table}\n\n");
        }
        return sb.ToString();
    }

    /// <summary>The naming columns (leaf when needed, the keys that differ), then per metric its cell and its figures.</summary>
    public static List<string> Heads(ReportTable table, IReadOnlyList<Report> reports) =>
        [.. (table.LeafColumn ? ["leaf"] : Array.Empty<string>()), .. table.Keys,
         .. reports.SelectMany(r => ReportColumns.Of(reports.Count > 1 ? r.Metric + " " : "").Select(c => c.Head).Prepend(r.Metric))];

    /// <summary>Row <paramref name="i"/>'s cells, escaped by <paramref name="escape"/>; the metric cell of the best and of a group indistinguishable from it by the two functions.</summary>
    public static List<string> Cells(ReportTable table, int i, IReadOnlyList<Report> reports, Func<string, string> escape, Func<GroupRow, string> best, Func<GroupRow, string> indistinguishable) =>
        Cells<string>(table, i, reports, escape, best, indistinguishable);

    /// <summary>As <see cref="Cells(ReportTable, int, IReadOnlyList{Report}, Func{string, string}, Func{GroupRow, string}, Func{GroupRow, string})"/>, each cell made by the functions (a terminal's styled parts).</summary>
    public static List<T> Cells<T>(ReportTable table, int i, IReadOnlyList<Report> reports, Func<string, T> escape, Func<GroupRow, T> best, Func<GroupRow, T> indistinguishable)
    {
        var named = table.Named(i);
        var cells = (table.LeafColumn ? [named.Leaf] : Array.Empty<string>()).Concat(table.Keys.Select(k => Shown(named.Values[k]))).Select(escape).ToList();
        for (var m = 0; m < reports.Count; m++)
        {
            var columns = ReportColumns.Of("");
            if (table.Rows[i][m] is not { } g) { cells.AddRange(Enumerable.Repeat(escape(""), 1 + columns.Count)); continue; }
            cells.Add(g.Best ? best(g) : g.Indistinguishable ? indistinguishable(g) : escape(ReportColumns.Cell(g)));
            cells.AddRange(columns.Select(c => escape(c.Cell(g))));
        }
        return cells;
    }

    // A value as a table shows it (and the page): text without JSON's quotes, anything else as JSON; a missing key blank.
    private static string Shown(System.Text.Json.Nodes.JsonNode? v) =>
        v is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : v?.ToJsonString() ?? "";

    public static (bool LeafColumn, List<string> Keys) Columns(ReportSection s) =>
        (s.Groups.Select(g => g.Leaf).Distinct().Count() > 1, s.Groups.SelectMany(g => g.Values.Select(kv => kv.Key)).Distinct().ToList());

    public static string Reduction(Report r) => r.AtBest is { } other ? $"at best {other}" : r.Reduce;

    public static IEnumerable<string> Values(GroupRow g) => g.Values.Select(kv => $"{kv.Key}={kv.Value?.ToJsonString()}");

    /// <summary>Each key's share of a leaf's variance; <paramref name="escape"/> makes the names safe for the format (none: the terminal's plain text).</summary>
    public static void AppendImportance(StringBuilder sb, Report r, string leaf, string bullet, Func<string, string>? escape = null)
    {
        if (!r.Importance.TryGetValue(leaf, out var keys)) return;
        escape ??= s => s;
        sb.Append(keys.Any(k => k.Bins is not null)
            ? $"Importance in {escape(leaf)} (each key alone: its share of the sum of squares, F-test p; continuous keys cut into quantile bins):\n"
            : $"Importance in {escape(leaf)} (share of the sum of squares, F-test p):\n");
        foreach (var k in keys)
            sb.Append(bullet).Append($"{escape(k.Key)}{(k.Bins is { } b ? $" ({b} quantile bins)" : "")}: {k.Share:P1}, p {(k.P is { } p ? p.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a")}\n");
        sb.Append('\n');
    }

    public static string F(double? v) => v?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "";

    private static string N(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string B(bool b) => b ? "true" : "false";

    // Text for TeX, and the few symbols a report writes as math (pdflatex's default fonts have no Δ, ±, ≈, ≥ or α).
    private static string Tex(string text) => Inert.Tex(text)
        .Replace("Δ", "$\\Delta$").Replace("±", "$\\pm$").Replace("≈", "$\\approx$").Replace("≥", "$\\geq$").Replace("α", "$\\alpha$");
}
