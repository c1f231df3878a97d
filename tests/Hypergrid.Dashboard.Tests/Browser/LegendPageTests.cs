using Hypergrid.Trials;
using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// 31 trials, 62 lines per plot: the legend lists the lines under the cursor (nearest first, with values) and pins one;
/// the plot stays the main thing on screen; a long leaf name and its failed count are not cut off in the sidebar.
/// </summary>
[Collection("browser")]
public sealed class LegendPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    private const int Trials = 31;
    private const string LongLeaf = "sweep/a_dataset_with_a_rather_long_name/convolutional_network_wide/adam_with_warmup";

    protected override void Build(LogTree tree)
    {
        for (var i = 0; i < Trials; i++)
            tree.AddComplete($"sweep/mnist/mlp/adam/{TrialFiles.FolderName(i)}", $"seed: 0\nlr: {0.001 * (i + 1)}\n", epochs: 6, batches: 3, scale: 0.5 + 0.05 * i);
        tree.AddComplete($"{LongLeaf}/trial_000", "seed: 0\n", epochs: 2, batches: 1);
        var failed = tree.AddTrial($"{LongLeaf}/trial_001", "seed: 1\n");
        new RunRecord { Status = RunStatus.Failed, Error = "diverged" }.Write(failed);
    }

    [Fact]
    public async Task The_legend_lists_the_lines_under_the_cursor_nearest_first_and_pins_one()
    {
        var page = await Open("#m=loss&leaves=sweep/mnist/mlp/adam");
        var plot = page.Locator(".plot[data-metric='loss']");
        await plot.Locator(".legend").WaitForAsync();
        Assert.Contains("62 line(s)", await plot.Locator(".legend").InnerTextAsync());
        // The plot is the main thing: its legend is a few lines, not a box of 62 rows.
        var canvas = (await plot.Locator("canvas").First.BoundingBoxAsync())!;
        var legendBox = (await plot.Locator(".legend").BoundingBoxAsync())!;
        Assert.True(legendBox.Height < canvas.Height / 2, $"legend {legendBox.Height}px under a {canvas.Height}px plot");

        var over = (await plot.Locator(".u-over").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(over.X + over.Width * 0.5f, over.Y + over.Height * 0.4f);
        var rows = plot.Locator(".legend-row");
        await rows.First.WaitForAsync();
        Assert.InRange(await rows.CountAsync(), 1, 8);
        var distances = await rows.EvaluateAllAsync<double[]>("rs => rs.map(r => Number(r.dataset.dist))");
        Assert.Equal(distances.Order(), distances);
        // Each row's value is its line's value at the cursor, and the nearest is no farther than any line not listed.
        var check = await page.EvaluateAsync<bool>(@"() => {
            const p = window.hypergrid.store.plots.find(p => p.metric === 'loss').plot, idx = p.cursor.idx;
            const rows = [...document.querySelectorAll("".plot[data-metric='loss'] .legend-row"")];
            const all = p.series.map((s, i) => i).filter(i => i > 0 && p.data[i][idx] != null && p.series[i].stroke(p, i) !== 'transparent')
              .map(i => Math.abs(p.valToPos(p.data[i][idx], 'y') - p.cursor.top)).sort((a, b) => a - b);
            const values = rows.map(r => r.querySelector('.legend-value').textContent === tick(p.data[Number(r.dataset.series)][idx]));
            return values.every(Boolean) && Math.abs(Number(rows[0].dataset.dist) - all[0]) < 0.1;
        }");
        Assert.True(check);

        var first = await rows.First.GetAttributeAsync("data-series");
        await rows.First.ClickAsync();
        var pinned = plot.Locator(".legend-row.pinned");
        Assert.Equal(first, await pinned.GetAttributeAsync("data-series"));
        Assert.Equal(4, await page.EvaluateAsync<double>($"() => window.hypergrid.store.plots.find(p => p.metric === 'loss').plot.series[{first}].width"));
        await page.Mouse.MoveAsync(over.X + over.Width * 0.1f, over.Y + over.Height * 0.9f);
        Assert.Equal(first, await plot.Locator(".legend-row.pinned").GetAttributeAsync("data-series"));
    }

    [Fact]
    public async Task A_long_leaf_name_and_its_failed_count_are_not_cut_off_in_the_sidebar()
    {
        var page = await Open("");
        var summary = page.Locator($"details[data-leaf='{LongLeaf}'] summary");
        Assert.Contains("1 failed", await summary.InnerTextAsync());
        var fits = await page.EvaluateAsync<bool>(@"leaf => {
            const nav = document.getElementById('browser').getBoundingClientRect();
            const s = document.querySelector(`details[data-leaf='${leaf}'] summary`);
            return [...s.querySelectorAll('*'), s].every(e => { const r = e.getBoundingClientRect(); return r.right <= nav.right + 0.5 && r.left >= nav.left - 0.5; })
              && s.scrollWidth <= s.clientWidth + 1 && document.getElementById('browser').scrollWidth <= document.getElementById('browser').clientWidth + 1;
        }", LongLeaf);
        Assert.True(fits, "the leaf's name and counts fit inside the sidebar");
    }
}
