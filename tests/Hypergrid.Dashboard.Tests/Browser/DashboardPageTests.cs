using Hypergrid.Trials;
using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>The real server over a generated out/log, driven in a real Chromium.</summary>
[Collection("browser")]
public sealed class DashboardPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly LogTree tree = new();
    private TestServer? server;
    private string url => server!.Url;
    private readonly List<string> consoleErrors = [];

    public async Task InitializeAsync()
    {
        for (var seed = 0; seed < 3; seed++)
            tree.AddComplete($"experiment/mnist/mlp/adam/trial_00{seed}", $"seed: {seed}\nlr: 0.001\n", epochs: 8, batches: 4, scale: 1 + 0.2 * seed);
        tree.AddComplete("sweep/mnist/mlp/sgd/trial_000", "seed: 0\nlr: 0.1\n", epochs: 8, batches: 4, scale: 0.5);
        tree.AddComplete("sweep/mnist/mlp/sgd/trial_001", "seed: 0\nlr: 0.01\n", epochs: 8, batches: 4, scale: 3);
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private async Task<IPage> Open(string hash = "")
    {
        var page = await fixture.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add(m.Text); };
        page.PageError += (_, e) => consoleErrors.Add(e);
        await page.GotoAsync(url + "/" + hash);
        await page.WaitForSelectorAsync("body[data-ready='1']");
        return page;
    }

    /// <summary>Pixels of a plot's canvas that are neither transparent nor white: what was drawn.</summary>
    private static Task<int> InkPixels(IPage page, string metric) => page.EvaluateAsync<int>(@"metric => {
        const c = document.querySelector(`.plot[data-metric='${metric}'] canvas`);
        if (!c) return -1;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && !(d[i] > 240 && d[i + 1] > 240 && d[i + 2] > 240)) n++;
        return n;
    }", metric);

    private static Task<int> ColouredPixels(IPage page, string metric) => page.EvaluateAsync<int>(@"metric => {
        const c = document.querySelector(`.plot[data-metric='${metric}'] canvas`);
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          const max = Math.max(d[i], d[i + 1], d[i + 2]), min = Math.min(d[i], d[i + 1], d[i + 2]);
          if (d[i + 3] > 0 && max - min > 12) n++;
        }
        return n;
    }", metric);

    [Fact]
    public async Task The_page_loads_with_no_console_error_and_a_screenshot_is_kept()
    {
        var page = await Open();
        Assert.Equal(5, await page.Locator("#table tbody tr").CountAsync());
        Assert.Contains("lr", await page.Locator("#table thead").InnerTextAsync());
        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new() { Path = Path.Combine(artifacts, "dashboard.png"), FullPage = true });
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task Picking_a_metric_draws_lines_on_its_canvas()
    {
        var page = await Open("#m=acc");
        Assert.Equal(-1, await InkPixels(page, "loss"));
        await page.Locator("#metrics input[value='loss']").CheckAsync();
        await page.WaitForSelectorAsync(".plot[data-metric='loss'] canvas");
        Assert.True(await ColouredPixels(page, "loss") > 500, "the loss plot has coloured lines");
        Assert.Contains("m=acc%2Closs", page.Url.Replace(",", "%2C"));
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task Grouping_by_everything_but_seed_draws_mean_and_std_bands()
    {
        var page = await Open("#m=loss&leaves=experiment/mnist/mlp/adam");
        var lines = await ColouredPixels(page, "loss");
        await page.Locator("#group").CheckAsync();
        await page.WaitForFunctionAsync("() => location.hash.includes('g=1')");
        await page.WaitForTimeoutAsync(200);
        var box = (await page.Locator(".plot[data-metric='loss'] .u-over").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        var legend = await page.Locator(".plot[data-metric='loss'] .legend").InnerTextAsync();
        Assert.Contains("(n=3)", legend);
        var banded = await ColouredPixels(page, "loss");
        Assert.True(banded > lines * 1.5, $"a filled band adds area: {lines} coloured pixels before, {banded} after");
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task Clicking_a_trial_in_the_browser_hides_it_from_plots_and_table_and_the_url_keeps_it()
    {
        var page = await Open("#m=loss&leaves=sweep/mnist/mlp/sgd");
        Assert.Equal(2, await page.Locator("#table tbody tr").CountAsync());
        await page.Locator("details[data-leaf='sweep/mnist/mlp/sgd'] summary").ClickAsync();
        await page.Locator("details[data-leaf='sweep/mnist/mlp/sgd'] .trial").First.ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#table tbody tr').length === 1");
        Assert.Contains("hide=sweep", page.Url);
        var again = await Open(page.Url[page.Url.IndexOf('#')..]);
        Assert.Equal(1, await again.Locator("#table tbody tr").CountAsync());
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task The_log_scale_toggle_changes_the_y_axis()
    {
        var page = await Open("#m=loss");
        var linear = await page.EvaluateAsync<int>("() => hypergrid.store.plots[0].plot.scales.y.distr");
        await page.Locator("#log").CheckAsync();
        await page.WaitForFunctionAsync("() => hypergrid.store.plots[0].plot.scales.y.distr === 3");
        Assert.Equal(1, linear);
        Assert.Contains("log=1", page.Url);
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task Rows_appended_to_a_running_trials_partial_log_appear_without_a_reload()
    {
        var dir = tree.AddRunning("sweep/mnist/cnn/adam/trial_000", "seed: 0\n", epochs: 2, batches: 3);
        var page = await Open("#m=loss&x=epoch&leaves=sweep/mnist/cnn/adam");
        Assert.Equal(2, await page.EvaluateAsync<int>("() => hypergrid.store.plots[0].plot.data[0].length"));
        File.AppendAllText(Path.Combine(dir, TrialFiles.PartialLog), LogTree.BatchLog(3, 5, 3, 1.0, header: false));
        await page.WaitForFunctionAsync("() => hypergrid.store.plots[0].plot.data[0].length === 5", null, new() { Timeout = 10_000 });
        Assert.Contains("running", await page.Locator("#table tbody").InnerTextAsync());
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task The_x_axis_follows_the_choice_of_epoch_batch_or_time_and_export_gives_what_is_shown()
    {
        var page = await Open("#m=loss&leaves=sweep/mnist/mlp/sgd&ph=train");
        async Task<double> LastX() => await page.EvaluateAsync<double>("() => { const d = hypergrid.store.plots[0].plot.data[0]; return d[d.length - 1]; }");
        Assert.Equal(8, await LastX());                          // epochs 1..8
        await page.Locator("#x").SelectOptionAsync("batch");
        await page.WaitForFunctionAsync("() => location.hash.includes('x=batch')");
        // The batch column is fetched when asked for (columns on demand): wait for the redraw, not only the URL.
        const string last = "(() => { const d = hypergrid.store.plots[0].plot.data[0]; return d[d.length - 1]; })()";
        await page.WaitForFunctionAsync($"() => {last} === 32", null, new() { Timeout = 10_000 });
        Assert.Equal(8 * 4, await LastX());                      // 4 train batches per epoch
        await page.Locator("#x").SelectOptionAsync("time");
        await page.WaitForFunctionAsync("() => location.hash.includes('x=time')");
        await page.WaitForFunctionAsync($"() => Math.abs({last} - 8.03) < 1e-6", null, new() { Timeout = 10_000 });
        Assert.Equal(8 + 3 * 0.01, await LastX(), 6);            // the epoch's last batch time
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export").ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal("metric,series,x,y", csv[0]);
        Assert.Equal(1 + 2 * 8, csv.Length);                     // two trials x 8 epochs of train loss
        Assert.All(csv.Skip(1), l => Assert.StartsWith("loss,", l));
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task The_results_view_shows_the_servers_groups_draws_them_and_a_click_plots_a_group_with_bands()
    {
        var page = await Open();
        await page.WaitForSelectorAsync(".r-table tbody tr");
        // Two sections: the experiment's three seeds are one group; the two sweep trials are one each, ranked apart from it.
        Assert.Equal(["experiment/mnist", "sweep/mnist"], await page.Locator(".r-section").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.section)"));
        Assert.Equal(3, await page.Locator(".r-table tbody tr").CountAsync());
        var sweepBest = page.Locator(".r-section[data-section='sweep/mnist'] tbody tr.best");
        Assert.Equal(1, await sweepBest.CountAsync());
        Assert.Contains("0.1", await sweepBest.InnerTextAsync()); // lr 0.1, scale 0.5: the highest val acc
        Assert.Contains("ranked, not tested", await page.Locator(".r-section[data-section='sweep/mnist']").InnerTextAsync());
        Assert.Contains("(n=3)", await page.Locator(".r-section[data-section='experiment/mnist'] tbody").InnerTextAsync());
        // The experiment's section has one group: its values in words, not a bare axis and an empty scatter.
        Assert.Contains("one group", await page.Locator("#r-single").InnerTextAsync());
        Assert.False(await page.Locator("#r-parallel").IsVisibleAsync());

        await page.SelectOptionAsync("#r-section", "sweep/mnist");
        await page.WaitForFunctionAsync("() => (document.querySelectorAll('#r-scatter .r-mark').length === 2)");
        Assert.True(await page.Locator("#r-parallel .r-mark").CountAsync() == 2, "parallel coordinates drawn");
        Assert.True(await page.Locator("#r-single").IsHiddenAsync());
        await page.Locator(".r-table tbody tr", new() { HasTextString = "(n=3)" }).ClickAsync();
        await page.WaitForFunctionAsync("() => (location.hash.includes('g=1') && location.hash.includes('leaves=experiment'))");
        Assert.Equal(3, await page.Locator("#table tbody tr").CountAsync());
        // The plot the click asked for is on screen.
        Assert.True(await page.EvaluateAsync<bool>("() => { const r = document.getElementById('plots').getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"));

        await page.SelectOptionAsync("#r-metric", "val_loss");
        await page.WaitForFunctionAsync("() => (location.hash.includes('rm=val_loss'))");
        await page.WaitForFunctionAsync("() => (document.querySelector('.r-table thead').innerText.includes('val_loss'))");
        Assert.Contains("min", await (await page.APIRequest.GetAsync(url + "/api/report?metric=val_loss")).TextAsync());
        Assert.Empty(consoleErrors);
    }
}
