using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hypergrid.Findings;

/// <summary>A report as JSON, CSV, Markdown or LaTeX: cells a paper can take as they are (best bold, ties marked).</summary>
public static class ReportText
{
    public static readonly string[] Formats = ["table", "markdown", "latex", "csv", "json"];

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly string[] CsvFields = ["section", "leaf", "values", "trials", "seeds", "n", "mean", "std", "sem", "ci_low", "ci_high", "median", "min", "max", "delta", "p", "test", "tie", "best"];

    public static string ToJson(Report r) => JsonSerializer.Serialize(r, Json);

    public static string ToCsv(Report r)
    {
        var sb = new StringBuilder(string.Join(',', CsvFields)).Append('\n');
        foreach (var (section, g) in r.Sections.SelectMany(s => s.Groups.Select(g => (s, g))))
        {
            string[] cells =
            [
                section.Name, g.Leaf, string.Join(';', Values(g)), string.Join(';', g.Trials), string.Join(';', g.Seeds), g.N.ToString(CultureInfo.InvariantCulture),
                N(g.Mean), N(g.Std), N(g.Sem), N(g.CiLow), N(g.CiHigh), N(g.Median), N(g.Min), N(g.Max), N(g.Delta), N(g.P),
                g.Test ?? "", g.Tie ? "true" : "false", g.Best ? "true" : "false",
            ];
            sb.Append(string.Join(',', cells.Select(Inert.Csv))).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>A table per section (a leaf column when several leaves are in it), then each leaf's importance.</summary>
    public static string ToMarkdown(Report r)
    {
        var md = Inert.Markdown;
        var sb = new StringBuilder($"{md(r.Metric)}, {md(Reduction(r))} epoch, {r.Goal} is better; best of each section in bold, (tie): not significantly different from it (p >= 0.05)\n\n");
        foreach (var section in r.Sections)
        {
            var (leafColumn, keys) = Columns(section);
            sb.Append($"### {md(section.Name)}\n\n");
            if (section.Note is { } note) sb.Append(note).Append("\n\n");
            var heads = (leafColumn ? ["leaf"] : Array.Empty<string>()).Concat(keys).Append(r.Metric).Select(md).Append("Δ").Append("p").ToList();
            sb.Append("| ").Append(string.Join(" | ", heads)).Append(" |\n");
            sb.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", heads.Count))).Append('\n');
            foreach (var g in section.Groups)
            {
                var cell = g.Best ? $"**{Cell(g)}**" : g.Tie ? Cell(g) + " (tie)" : Cell(g);
                var cells = (leafColumn ? [g.Leaf] : Array.Empty<string>()).Concat(keys.Select(k => g.Values[k]?.ToJsonString() ?? "")).Select(md).Append(cell).Append(F(g.Delta)).Append(P(g));
                sb.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
            }
            sb.Append('\n');
            foreach (var leaf in section.Groups.Select(g => g.Leaf).Distinct()) AppendImportance(sb, r, leaf, "- ", md);
        }
        return sb.ToString();
    }


    public static string ToLatex(Report r)
    {
        var sb = new StringBuilder($"% {Inert.Tex(r.Metric)}, {Inert.Tex(Reduction(r))} epoch, {r.Goal} is better; best of each section in bold, $\\approx$: not significantly different from it (p >= 0.05)\n");
        foreach (var section in r.Sections)
        {
            var (leafColumn, keys) = Columns(section);
            var heads = (leafColumn ? ["leaf"] : Array.Empty<string>()).Concat(keys).Select(Tex).Append(Tex(r.Metric)).Append("$\\Delta$").Append("$p$").ToList();
            sb.Append($"% {Tex(section.Name)}{(section.Note is { } note ? ": " + Tex(note) : "")}\n");
            sb.Append("\\begin{tabular}{").Append(new string('l', heads.Count - 3)).Append("rrr}\n\\hline\n");
            sb.Append($"\\multicolumn{{{heads.Count}}}{{l}}{{\\textit{{{Tex(section.Name)}}}}} \\\\\n\\hline\n");
            sb.Append(string.Join(" & ", heads)).Append(" \\\\\n\\hline\n");
            foreach (var g in section.Groups)
            {
                var cell = Cell(g).Replace("±", "$\\pm$");
                cell = g.Best ? $"\\textbf{{{cell}}}" : g.Tie ? cell + " $\\approx$" : cell;
                var cells = (leafColumn ? [Tex(g.Leaf)] : Array.Empty<string>()).Concat(keys.Select(k => Tex(g.Values[k]?.ToJsonString() ?? ""))).Append(cell).Append(F(g.Delta)).Append(P(g));
                sb.Append(string.Join(" & ", cells)).Append(" \\\\\n");
            }
            sb.Append("\\hline\n\\end{tabular}\n\n");
        }
        return sb.ToString();
    }

    public static (bool LeafColumn, List<string> Keys) Columns(ReportSection s) =>
        (s.Groups.Select(g => g.Leaf).Distinct().Count() > 1, s.Groups.SelectMany(g => g.Values.Select(kv => kv.Key)).Distinct().ToList());

    /// <summary>0.9475 ± 0.0015 (n=5); one trial is its value and n=1.</summary>
    public static string Cell(GroupRow g) => g.Std is { } s ? $"{F(g.Mean)} ± {F(s)} (n={g.N})" : $"{F(g.Mean)} (n=1)";

    public static string P(GroupRow g) => g.P is { } p ? (p < 0.0001 ? "<0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture)) + (g.Test == "paired" ? " (paired)" : "") : "";

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

    private static string Tex(string text) => Inert.Tex(text);
}
