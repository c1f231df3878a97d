using Hypergrid.Tests;
using Hypergrid.Trials;
using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// The page's CSV export over programs' logs whose metric names would be spreadsheet formulas: every cell of the file
/// opens as text, in Chromium.
/// </summary>
[Collection("browser")]
public sealed class ExportPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    private static readonly string[] Hostile = ["=1+2", "@SUM(A1)", "-2+3", "+cmd|' /C calc'!A0"];

    protected override void Build(LogTree tree)
    {
        for (var n = 0; n < 2; n++)
        {
            var dir = tree.AddTrial($"sweep/toyset/net/sgd/trial_00{n}", $"seed: 0\nwidth: {8 << n}\ncommand: python3 train.py\n");
            var rows = string.Concat(Enumerable.Range(1, 3).Select(e => $"{e},train,0,{1.0 / e},0.5,{e},{-e},0.5,1\n{e},val,0,{0.9 / e},0.5,{e},{-e},0.5,1\n"));
            File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), "epoch,mode,batch,loss,acc," + string.Join(',', Hostile) + "\n" + rows);
        }
    }

    [Fact]
    public async Task No_cell_of_the_export_starts_a_formula_and_hostile_metric_names_are_kept_as_text()
    {
        var page = await Open("#m=" + string.Join(',', Hostile.Select(Uri.EscapeDataString)) + "&x=epoch&leaves=sweep/toyset/net/sgd");
        await page.WaitForFunctionAsync($"() => hypergrid.store.plots.length === {Hostile.Length}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export").ClickAsync());
        var rows = CsvCells.Rows(await File.ReadAllTextAsync((await download.PathAsync())!));
        Assert.Equal(["metric", "series", "x", "y"], rows[0]);
        var cells = rows.Skip(1).ToList();
        Assert.Equal(Hostile.Length * 2 * 2 * 3, cells.Count); // metrics x trials x phases x epochs
        Assert.Equal(Hostile.Select(h => "'" + h).Order(), cells.Select(c => c[0]).Distinct().Order());
        foreach (var cell in cells.SelectMany(c => c)) Assert.False(CsvCells.StartsFormula(cell), $"cell '{cell}' would start a formula");
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("-", "'-")]
    [InlineData("-0.25", "-0.25")]
    [InlineData("-1e-7", "-1e-7")]
    [InlineData("-Infinity", "-Infinity")]
    [InlineData("trial_000 val", "trial_000 val")]
    [InlineData("a,b", "\"a,b\"")]
    public async Task A_cell_is_neutralised_only_where_it_would_start_a_formula_and_quoted_where_it_must_be(string value, string cell)
    {
        var page = await Open();
        Assert.Equal(cell, await page.EvaluateAsync<string>("v => hypergrid.csvCell(v)", value));
    }
}
