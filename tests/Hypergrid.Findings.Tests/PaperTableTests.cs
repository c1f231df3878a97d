using System.Text.RegularExpressions;
using Hypergrid.Config;
using Hypergrid.Tests;

namespace Hypergrid.Findings.Tests;

/// <summary>
/// Tables a paper can take: rows named by what differs, several metrics side by side, the same columns and intervals in
/// every format, a caption that says what the figures are, and the LaTeX compiled by the real pdflatex with booktabs.
/// </summary>
public sealed class PaperTableTests : IDisposable
{
    private readonly TrialLog log = new();

    public void Dispose() => log.Dispose();

    // Three settings over five seeds in one experiment section: cnn/adam best, mlp/adam and mlp/sgd behind it.
    private IReadOnlyList<Report> Experiment(params string[] metrics)
    {
        for (var s = 0; s < 5; s++)
        {
            log.Trial("experiment/mnist/cnn/adam", s, $"seed: {s}\nlr: 0.001\n", 0.5 + 0.01 * s);
            log.Trial("experiment/mnist/mlp/adam", s, $"seed: {s}\nlr: 0.001\n", 0.6 + 0.012 * s + 0.004 * (s % 2));
            log.Trial("experiment/mnist/mlp/sgd", s, $"seed: {s}\nlr: 0.1\n", 0.8 + 0.013 * s * s);
        }
        return Reports(metrics);
    }

    private IReadOnlyList<Report> Reports(params string[] metrics) =>
        metrics.Select(m => Reporter.Build(log.Log, new ReportOptions(new Filters(null), m))).ToList();

    [Fact]
    public void Rows_are_named_by_the_model_trainer_and_lr_that_differ_not_by_the_leaf()
    {
        var table = ReportTable.Of(Experiment("val_acc")).Single();
        Assert.False(table.LeafColumn);
        // lr differs between leaves only, but every leaf sets it: a column of its own, after the path's.
        Assert.Equal(["model", "trainer", "lr"], table.Keys);
        Assert.Equal(["cnn adam", "mlp adam", "mlp sgd"], table.Rows.Select((_, i) => $"{table.Named(i).Values["model"]} {table.Named(i).Values["trainer"]}"));
        // Names as a reader writes them (and the page shows them): text without JSON's quotes.
        Assert.Contains("| mlp | sgd | 0.1 | ", ReportText.ToMarkdown(Reports("val_acc")));
    }

    [Fact]
    public void Rows_of_one_leaf_are_named_by_its_varying_key_and_a_lone_group_by_its_leaf()
    {
        for (var s = 0; s < 3; s++)
        {
            log.Trial("experiment/d/mlp/adam", s, $"seed: {s}\nlr: 0.1\n", 1.0 + 0.1 * s);
            log.Trial("experiment/d/mlp/adam", 3 + s, $"seed: {s}\nlr: 0.2\n", 0.5 + 0.05 * s);
            log.Trial("experiment/e/mlp/adam", s, $"seed: {s}\nlr: 0.2\n", 0.5 + 0.05 * s);
        }
        var tables = ReportTable.Of(Reports("val_acc"));
        var d = tables.Single(t => t.Name == "experiment/d");
        Assert.False(d.LeafColumn);
        Assert.Equal(["lr"], d.Keys);
        var e = tables.Single(t => t.Name == "experiment/e");
        Assert.Equal((true, 0), (e.LeafColumn, e.Keys.Count));
    }

    [Fact]
    public void Several_metrics_share_one_table_each_with_its_own_best_and_figures()
    {
        var reports = Experiment("val_acc", "val_loss");
        var md = ReportText.ToMarkdown(reports);
        var rows = md.Split('\n').Where(l => l.StartsWith('|')).ToList();
        Assert.Equal(5, rows.Count); // head, rule, three groups
        var cells = rows.Select(r => Regex.Matches(r, @"(?<!\\)\|").Count - 1).Distinct().ToList();
        Assert.Equal(3 + 2 * (1 + ReportColumns.Of("").Count), Assert.Single(cells)); // model, trainer, lr, then each metric's
        Assert.Contains("val\\_loss p Holm", rows[0]);
        // The best of each metric is bold: the cnn's accuracy (max) and the cnn's loss (min), in the same row.
        Assert.Equal(2, Regex.Matches(rows[2], @"\*\*\d").Count);
        var csv = ReportText.ToCsv(reports).TrimEnd('\n').Split('\n');
        Assert.Equal(1 + 2 * 3, csv.Length);
        Assert.Equal(3, csv.Count(l => l.Contains(",val_loss,")));
        using var json = System.Text.Json.JsonDocument.Parse(ReportText.ToJson(reports));
        Assert.Equal(["val_acc", "val_loss"], json.RootElement.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("metric").GetString()));
    }

    [Fact]
    public void Every_format_carries_the_same_intervals_and_p_values()
    {
        var reports = Experiment("val_acc");
        var g = reports[0].Sections[0].Groups[1];
        string Range(double? lo, double? hi) => $"[{ReportText.F(lo)}, {ReportText.F(hi)}]";
        var md = ReportText.ToMarkdown(reports);
        var tex = ReportText.ToLatex(reports);
        foreach (var text in new[] { Range(g.CiLow, g.CiHigh), Range(g.BootLow, g.BootHigh), Range(g.DiffLow, g.DiffHigh), ReportText.F(g.Iqm) })
        {
            Assert.Contains(Inert.Markdown(text), md);
            Assert.Contains(text, tex);
        }
        using var json = System.Text.Json.JsonDocument.Parse(ReportText.ToJson(reports));
        var row = json.RootElement.GetProperty("sections")[0].GetProperty("groups")[1];
        Assert.Equal(g.BootLow, row.GetProperty("boot_low").GetDouble());
        Assert.Equal(g.PHolm, row.GetProperty("p_holm").GetDouble());
        Assert.Equal(g.Verdict, row.GetProperty("verdict").GetString());
        var csv = CsvCells.Rows(ReportText.ToCsv(reports));
        var head = csv[0];
        Assert.Equal(g.DiffHigh, double.Parse(csv[2][head.IndexOf("diff_high")], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(g.PPerm, double.Parse(csv[2][head.IndexOf("p_perm")], System.Globalization.CultureInfo.InvariantCulture));
        // The heads of the text tables are one list.
        Assert.Equal(ReportText.Heads(ReportTable.Of(reports)[0], reports).Count, Regex.Matches(md.Split('\n').First(l => l.StartsWith('|')), @"(?<!\\)\|").Count - 1);
    }

    [Fact]
    public void The_caption_says_what_plus_minus_the_intervals_n_the_tests_and_the_correction_are()
    {
        var reports = Experiment("val_acc");
        var caption = ReportColumns.Caption(reports);
        foreach (var words in new[] { "sample standard deviation (n - 1) over n seeds", "Student's t", "percentile bootstrap (2000 resamples, seed 0)", "paired t-test", "Welch", "Holm", "sign-flip", "α = 0.05", "power 0.8" })
            Assert.Contains(words, caption);
        Assert.Contains("no equivalence margin", caption);
        var withMargin = Reporter.Build(log.Log, new ReportOptions(new Filters(null)) { Statistics = new StatisticsOptions(Equivalence: 0.01) });
        Assert.Contains("within ±0.01 by two one-sided t-tests", ReportColumns.Caption([withMargin]));
        foreach (var text in new[] { ReportText.ToMarkdown(reports), ReportText.ToLatex(reports), ReportText.ToJson(reports) }) Assert.Contains("Holm", text);
    }

    [Fact]
    public void The_latex_of_a_two_metric_table_compiles_with_booktabs()
    {
        var reports = Experiment("val_acc", "val_loss");
        var dir = Directory.CreateDirectory(Path.Combine(log.Root, "tex")).FullName;
        var tex = ReportText.ToLatex(reports);
        Assert.Contains("\\toprule", tex);
        Assert.Equal(2, Regex.Matches(tex, @"\\textbf\{").Count);
        File.WriteAllText(Path.Combine(dir, "paper.tex"), "\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n" + tex + "\\end{document}\n");
        var (code, output) = PdfLatex.Run(dir, "paper.tex");
        Assert.True(code == 0, $"pdflatex failed:\n{output}");
        Assert.True(new FileInfo(Path.Combine(dir, "paper.pdf")).Length > 1000);
    }
}
