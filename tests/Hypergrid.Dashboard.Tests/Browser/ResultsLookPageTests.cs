using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// The Results agree with the plots, in Chromium: each group's point in its plots' colour, a labelled key for the
/// parallel coordinates' colour scale, point labels on demand, and one group shown as its values, not empty charts.
/// </summary>
[Collection("browser")]
public sealed class ResultsLookPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    protected override void Build(LogTree tree) => ResultsSweep.Write(tree);

    private async Task<IPage> OpenResults(string hash)
    {
        var page = await Open(hash);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#r-scatter .r-mark').length > 0 || !document.getElementById('r-single').hidden");
        return page;
    }

    [Fact]
    public async Task Each_groups_point_has_the_colour_of_its_trials_in_the_table()
    {
        var page = await OpenResults("#g=1&rk=lr");
        // Per point: its fill, and the table swatch of the group's first trial.
        var pairs = await page.EvaluateAsync<string[][]>(@"() => {
            const groups = window.hypergrid.results().report.sections[0].groups;
            return [...document.querySelectorAll('#r-scatter .r-mark')].map(m => {
              const g = groups[Number(m.dataset.group)];
              const row = [...document.querySelectorAll('#table tbody tr:not(.spacer)')].find(r => r.cells[0].textContent === `${g.leaf}/${g.trials[0]}`);
              const probe = document.createElement('span'); probe.style.background = m.querySelector('circle').getAttribute('fill');
              return [probe.style.background, row.querySelector('.swatch').style.background];
            });
        }");
        Assert.Equal(3, pairs.Length);
        Assert.All(pairs, p => Assert.Equal(p[1], p[0]));
        Assert.Equal(3, pairs.Select(p => p[0]).Distinct().Count());
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
    }

    [Fact]
    public async Task Each_row_of_a_results_table_has_the_swatch_of_its_groups_point()
    {
        var page = await OpenResults("#g=1&rk=lr");
        // Per table row: its swatch, and the fill of the scatter point of the group the row plots.
        var pairs = await page.EvaluateAsync<string[][]>(@"() => {
            const groups = window.hypergrid.results().report.sections[0].groups;
            return [...document.querySelectorAll('.r-table tbody tr')].map((row, i) => {
              const circle = document.querySelector(`#r-scatter .r-mark[data-group='${groups.indexOf(groups[i])}'] circle`);
              const probe = document.createElement('span'); probe.style.background = circle.getAttribute('fill');
              return [row.cells[0].querySelector('.swatch')?.style.background ?? 'none', probe.style.background];
            });
        }");
        Assert.Equal(3, pairs.Length);
        Assert.All(pairs, p => Assert.Equal(p[1], p[0]));
        Assert.Equal(3, pairs.Select(p => p[0]).Distinct().Count());
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
    }

    [Fact]
    public async Task The_parallel_coordinates_colour_scale_has_a_key_labelled_with_the_metric_and_its_ends()
    {
        var page = await OpenResults("#rk=lr");
        var key = page.Locator("#r-parallel .r-key");
        Assert.Equal(1, await key.CountAsync());
        var texts = await key.Locator("text").AllTextContentsAsync();
        Assert.Contains("colour: val_acc", texts);
        var means = await page.EvaluateAsync<double[]>("() => window.hypergrid.results().report.sections[0].groups.map(g => g.mean)");
        Assert.Equal(means.Min(), double.Parse(await key.GetAttributeAsync("data-low") ?? "", System.Globalization.CultureInfo.InvariantCulture), 9);
        Assert.Equal(means.Max(), double.Parse(await key.GetAttributeAsync("data-high") ?? "", System.Globalization.CultureInfo.InvariantCulture), 9);
    }

    [Fact]
    public async Task Point_labels_name_each_group_by_its_values_when_asked_and_only_then()
    {
        var page = await OpenResults("#rk=lr");
        Assert.Equal(0, await page.Locator("#r-scatter .r-label").CountAsync());
        await page.Locator("#r-labels").CheckAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#r-scatter .r-label').length === 3");
        Assert.Equal(ResultsSweep.Lrs.Select(l => "lr=" + l).Order(), (await page.Locator("#r-scatter .r-label").AllTextContentsAsync()).Order());
        Assert.Contains("rl=1", page.Url);
    }

    [Fact]
    public async Task One_group_is_shown_as_its_values_not_as_empty_charts()
    {
        var page = await OpenResults("#q=lr%3D0.01");
        var single = page.Locator("#r-single");
        Assert.True(await single.IsVisibleAsync());
        var text = await single.InnerTextAsync();
        Assert.Contains("one group", text);
        Assert.Contains("val_acc", text);
        Assert.Contains("seeds 0, 1", text);
        Assert.False(await page.Locator("#r-parallel").IsVisibleAsync());
        Assert.False(await page.Locator("#r-scatter").IsVisibleAsync());
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
    }
}
