using Hypergrid.Config;
using Hypergrid.Findings;
using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// The page's Results say what the CLI says: the same caption, verdicts and intervals for the same study (from
/// /api/report, rendered, never recomputed), and an equivalence margin typed in the page changes the verdict as
/// --equivalence does, in Chromium.
/// </summary>
[Collection("browser")]
public sealed class ResultsStatisticsPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    protected override void Build(LogTree tree)
    {
        for (var s = 0; s < 5; s++)
        {
            tree.AddComplete($"experiment/mnist/cnn/adam/trial_00{s}", $"seed: {s}\nlr: 0.001\n", epochs: 2, batches: 2, scale: 1 + 0.02 * s);
            tree.AddComplete($"experiment/mnist/mlp/adam/trial_00{s}", $"seed: {s}\nlr: 0.001\n", epochs: 2, batches: 2, scale: 1.001 + 0.02 * s + (s % 2 == 0 ? 0.006 : -0.006));
            tree.AddComplete($"experiment/mnist/mlp/sgd/trial_00{s}", $"seed: {s}\nlr: 0.1\n", epochs: 2, batches: 2, scale: 1.4 + 0.01 * s * s);
        }
    }

    // What 'hypergrid report' prints for a group (the CLI's cells come from ReportColumns over the same Reporter).
    private string Cli(string model, string trainer, string head, double? margin = null)
    {
        var report = Reporter.Build(Tree.Log, new ReportOptions(new Filters(null)) { Statistics = new StatisticsOptions(Equivalence: margin) });
        var group = report.Groups.Single(g => g.Leaf == $"experiment/mnist/{model}/{trainer}");
        return ReportColumns.Of("").Single(c => c.Head == head).Cell(group);
    }

    private static async Task<string> Cell(IPage page, string model, string trainer, string head)
    {
        var table = page.Locator(".r-section[data-section='experiment/mnist'] .r-table");
        var heads = await table.Locator("thead th").AllTextContentsAsync();
        var row = table.Locator("tbody tr").Filter(new() { HasTextString = model }).Filter(new() { HasTextString = trainer });
        return await row.Locator("td").Nth(heads.ToList().IndexOf(head)).TextContentAsync() ?? "";
    }

    [Fact]
    public async Task The_page_shows_the_clis_caption_verdicts_and_intervals_and_a_margin_turns_undecided_into_equivalent()
    {
        var page = await Open();
        await page.WaitForSelectorAsync(".r-section[data-section='experiment/mnist'] tbody tr");
        // Rows named by what differs (model, trainer, and the lr each leaf sets), not by the leaf.
        var heads = await page.Locator(".r-section[data-section='experiment/mnist'] thead th").AllTextContentsAsync();
        Assert.Equal(["model", "trainer", "lr", "val_acc"], heads.Take(4));
        Assert.Equal(Cli("mlp", "adam", "verdict"), await Cell(page, "mlp", "adam", "verdict"));
        Assert.Equal("undecided", await Cell(page, "mlp", "adam", "verdict"));
        Assert.Equal(Cli("mlp", "sgd", "verdict"), await Cell(page, "mlp", "sgd", "verdict"));
        Assert.Equal(Cli("mlp", "sgd", "Δ 95% CI (bootstrap)"), await Cell(page, "mlp", "sgd", "Δ 95% CI (bootstrap)"));
        Assert.Equal(Cli("cnn", "adam", "95% CI (bootstrap)"), await Cell(page, "cnn", "adam", "95% CI (bootstrap)"));
        Assert.Equal(Cli("mlp", "sgd", "p Holm"), await Cell(page, "mlp", "sgd", "p Holm"));
        Assert.Contains("Holm", await page.Locator(".r-caption").TextContentAsync());

        await page.FillAsync("#r-equivalence", "0.01");
        await page.Locator("#r-equivalence").DispatchEventAsync("change");
        await page.WaitForFunctionAsync("() => document.querySelector(\".r-section[data-section='experiment/mnist'] tr[data-verdict='equivalent']\") !== null");
        Assert.Equal(Cli("mlp", "adam", "verdict", 0.01), await Cell(page, "mlp", "adam", "verdict"));
        Assert.Equal("equivalent", await Cell(page, "mlp", "adam", "verdict"));
        Assert.Contains("within ±0.01", await page.Locator(".r-caption").TextContentAsync());
        Assert.Empty(ConsoleErrors);
    }
}
