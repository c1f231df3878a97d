using System.Xml.Linq;
using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// The Results' figure buttons, in Chromium: the SVG they download has the scatter's points in the scatter's colours
/// (the plots' and the table's), the best one ringed; a figure the server cannot draw says why in words.
/// </summary>
[Collection("browser")]
public sealed class ResultsFigurePageTests(BrowserFixture fixture) : PageTests(fixture)
{
    protected override void Build(LogTree tree) => ResultsSweep.Write(tree);

    private async Task<IPage> OpenResults(string hash)
    {
        var page = await Open(hash);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#r-scatter .r-mark').length === 3");
        return page;
    }

    [Fact]
    public async Task The_results_figure_has_the_scatters_points_in_its_colours_and_the_best_ringed()
    {
        var page = await OpenResults("#g=1&rk=lr&re=ci");
        var fills = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#r-scatter .r-mark circle')].map(c => c.getAttribute('fill'))");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#r-figure button[data-format='svg']").ClickAsync());
        Assert.Equal("results-val_acc.svg", download.SuggestedFilename);
        var svg = XDocument.Load((await download.PathAsync())!);
        var circles = svg.Descendants().Where(e => e.Name.LocalName == "circle").Select(e => e.Attribute("fill")!.Value).ToList();
        Assert.Equal(fills.OrderBy(c => c), circles.Where(c => c != "#000000").OrderBy(c => c));
        Assert.Single(circles, c => c == "#000000");
        Assert.Contains(svg.Descendants().Where(e => e.Name.LocalName == "text"), t => t.Value == "val_acc (mean, 95% CI)");
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
    }

    [Fact]
    public async Task A_results_figure_the_server_cannot_draw_says_why_as_text()
    {
        var page = await OpenResults("#rk=lr");
        await page.EvaluateAsync("() => { window.hypergrid.view.r.section = 'no <b>such</b> section'; }");
        await page.Locator("#r-figure button[data-format='pdf']").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#r-figure .figure-note').textContent.length > 0");
        Assert.Contains("section=no <b>such</b> section is not a section of the report", await page.Locator("#r-figure .figure-note").TextContentAsync());
        Assert.Equal(0, await page.Locator("#r-figure b").CountAsync());
    }
}
