using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// The page's Results over a study that mixes modes and datasets, with a key that some groups lack and a learning rate
/// that spans three decades: sections, the selection, labelled axes, missing values and hovering, in Chromium.
/// </summary>
[Collection("browser")]
public sealed class ResultsPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    protected override void Build(LogTree tree)
    {
        string[] lrs = ["0.1", "0.01", "0.001", "0.0001"];
        for (var i = 0; i < lrs.Length; i++)
            tree.AddComplete($"sweep/mnist/cnn/adam/trial_00{i}", $"seed: 0\nlr: {lrs[i]}\n" + (i < 3 ? $"act: {(i % 2 == 0 ? "relu" : "gelu")}\n" : ""), epochs: 3, batches: 2, scale: 0.4 + 0.2 * i);
        for (var s = 0; s < 3; s++)
        {
            tree.AddComplete($"experiment/mnist/cnn/adam/trial_00{s}", $"seed: {s}\nlr: 0.001\n", epochs: 3, batches: 2, scale: 1 + 0.1 * s);
            tree.AddComplete($"experiment/mnist/mlp/sgd/trial_00{s}", $"seed: {s}\nlr: 0.1\n", epochs: 3, batches: 2, scale: 1.5 + 0.05 * s * s);
            tree.AddComplete($"experiment/fashion/cnn/adam/trial_00{s}", $"seed: {s}\nlr: 0.001\n", epochs: 3, batches: 2, scale: 2 + 0.1 * s);
        }
    }

    // The page once its Results have come from the server.
    private async Task<IPage> OpenResults(string hash = "")
    {
        var page = await Open(hash);
        await page.WaitForSelectorAsync(".r-section");
        return page;
    }

    private static Task<string[]> Sections(IPage page) => page.Locator(".r-section").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.section)");

    [Fact]
    public async Task Each_mode_and_dataset_is_a_section_and_the_experiment_groups_are_tested_against_each_other()
    {
        var page = await OpenResults();
        Assert.Equal(["experiment/fashion", "experiment/mnist", "sweep/mnist"], await Sections(page));
        var experiment = page.Locator(".r-section[data-section='experiment/mnist']");
        Assert.Equal(1, await experiment.Locator("tbody tr.best").CountAsync());
        // The one-seed sweep trial with the best value is in its own section: the second experiment group has a p-value.
        Assert.Contains("paired", await experiment.Locator("tbody tr").Nth(1).InnerTextAsync());
        Assert.Equal(3, await page.Locator(".r-table tbody tr.best").CountAsync());

        await page.SelectOptionAsync("#r-scope", "all");
        await page.WaitForFunctionAsync("() => (document.querySelectorAll('.r-section').length === 1)");
        Assert.Equal(1, await page.Locator(".r-table tbody tr.best").CountAsync());
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task The_results_follow_the_leaves_ticked_and_the_filter()
    {
        var page = await OpenResults();
        await page.Locator("#browser summary", new() { HasTextString = "experiment/fashion/cnn/adam" }).Locator("input").UncheckAsync();
        await page.WaitForFunctionAsync("() => (!document.querySelector(\".r-section[data-section='experiment/fashion']\"))");
        Assert.Equal(["experiment/mnist", "sweep/mnist"], await Sections(page));

        await page.FillAsync("#filter", "lr=0.001");
        await page.WaitForFunctionAsync("() => (document.querySelectorAll('.r-table tbody tr').length === 2)");
        Assert.Equal(["experiment/mnist", "sweep/mnist"], await Sections(page));
        Assert.DoesNotContain("mlp/sgd", await page.Locator("#r-sections").InnerTextAsync());
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task Axes_have_ticks_and_values_a_log_axis_says_so_and_categories_are_named()
    {
        var page = await OpenResults("#rp=sweep%2Fmnist");
        await page.WaitForFunctionAsync("() => (document.querySelectorAll('#r-parallel .r-mark').length === 4)");
        var lr = page.Locator("#r-parallel .r-axis[data-axis='lr']");
        Assert.Equal("log", await lr.GetAttributeAsync("data-kind"));
        Assert.Equal("lr (log)", await lr.Locator(".r-axis-title").TextContentAsync());
        Assert.Equal(["0.0001", "0.001", "0.01", "0.1"], await lr.Locator(".r-tick").AllTextContentsAsync());
        var act = page.Locator("#r-parallel .r-axis[data-axis='act']");
        Assert.Equal("categorical", await act.GetAttributeAsync("data-kind"));
        Assert.Equal(["relu", "gelu"], await act.Locator(".r-tick").AllTextContentsAsync());
        var metric = page.Locator("#r-parallel .r-axis[data-axis='val_acc']");
        Assert.True(await metric.Locator(".r-tick").CountAsync() >= 2, "the metric's axis has values");
        // The scatter's axes are labelled too: the key below, the metric on the left, each with values.
        Assert.True(await page.Locator("#r-scatter .r-axis[data-axis='lr'] .r-tick").CountAsync() >= 2);
        Assert.True(await page.Locator("#r-scatter .r-axis[data-axis='val_acc'] .r-tick").CountAsync() >= 2);
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task The_scatter_of_an_experiment_plots_by_the_lr_its_leaves_set_apart()
    {
        // experiment/mnist: cnn/adam at lr 0.001 and mlp/sgd at lr 0.1, each leaf one lr over three seeds.
        var page = await OpenResults("#rp=experiment%2Fmnist&rk=lr");
        await page.WaitForFunctionAsync("() => (document.querySelectorAll('#r-scatter .r-mark').length === 2)");
        Assert.Contains("lr", await page.Locator("#r-key option").AllTextContentsAsync());
        Assert.Equal("lr", await page.Locator("#r-key").InputValueAsync());
        Assert.Equal("lr (log)", await page.Locator("#r-scatter .r-axis[data-axis='lr'] .r-axis-title").TextContentAsync());
        var xs = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('#r-scatter .r-mark circle')].map(c => Number(c.getAttribute('cx')))");
        Assert.Equal(2, xs.Distinct().Count());
        Assert.Contains("lr", await page.Locator(".r-section[data-section='experiment/mnist'] thead th").AllTextContentsAsync());
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task A_missing_value_is_drawn_apart_from_the_axis_and_said_to_be_missing()
    {
        var page = await OpenResults("#rp=sweep%2Fmnist");
        await page.WaitForFunctionAsync("() => (document.querySelectorAll('#r-parallel .r-mark').length === 4)");
        Assert.Equal("missing", await page.Locator("#r-parallel .r-axis[data-axis='act'] .r-missing").TextContentAsync());
        Assert.Equal(1, await page.Locator("#r-parallel .r-missing-mark").CountAsync());
        // The lowest point of the act axis is its last category, and the missing mark is below it, off the axis.
        var ys = await page.EvaluateAsync<double[]>(@"() => {
            const axis = document.querySelector(""#r-parallel .r-axis[data-axis='act'] line"");
            const mark = document.querySelector('#r-parallel .r-missing-mark');
            return [Number(axis.getAttribute('y2')), Number(mark.getAttribute('cy'))];
        }");
        Assert.True(ys[1] > ys[0] + 5, $"missing at y={ys[1]}, axis ends at {ys[0]}");
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task Hovering_a_line_names_its_group_and_values()
    {
        var page = await OpenResults("#rp=sweep%2Fmnist");
        await page.WaitForFunctionAsync("() => (document.querySelectorAll('#r-parallel .r-mark').length === 4)");
        var line = page.Locator("#r-parallel polyline.r-mark").First;
        Assert.Contains("sweep/mnist/cnn/adam", await line.Locator("title").TextContentAsync());
        await line.DispatchEventAsync("mouseenter");
        var said = await page.Locator("#r-hover").TextContentAsync();
        Assert.Contains("sweep/mnist/cnn/adam", said);
        Assert.Contains("lr=", said);
        Assert.Contains("(n=1)", said);
        Assert.Equal(2, await page.Locator("#results .r-mark.r-hot").CountAsync()); // the line and its scatter point
        Assert.Empty(ConsoleErrors);
    }
}
