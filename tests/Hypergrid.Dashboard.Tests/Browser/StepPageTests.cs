using System.Globalization;
using System.Text;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;
using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>Step resolution in the real Chromium: a one-epoch study of 200,000 batches with a spike in one of them.</summary>
[Collection("browser")]
public sealed class StepPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const int Rows = 200_000, Spike = 123_457;
    private readonly LogTree tree = new();
    private TestServer? server;
    private string url => server!.Url;

    public async Task InitializeAsync()
    {
        var dir = tree.AddTrial("sweep/mnist/mlp/adam/trial_000", "seed: 0\nepochs: 1\n");
        var sb = new StringBuilder(BatchLogSchema.Header).Append('\n');
        for (var i = 0; i < Rows; i++)
            sb.Append(CultureInfo.InvariantCulture, $"1,train,{i},{i * 0.001},{(i == Spike ? 50.0 : 1.0 + (i % 100) * 0.001)},0.5,0.1,,,,,,,,\n");
        File.WriteAllText(Path.Combine(dir, TrialFiles.PartialLog), sb.ToString());
        File.WriteAllText(Path.Combine(dir, TrialFiles.Claim), $"{{\"host\":\"{Environment.MachineName}\",\"pid\":{Environment.ProcessId}}}");
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private static Task<double> Js(IPage page, string expression) => page.EvaluateAsync<double>(expression);

    [Fact]
    public async Task A_one_epoch_study_opens_on_step_shows_a_single_batch_spike_zooms_to_raw_rows_and_grows()
    {
        var page = await fixture.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(url + "/#m=loss&ph=train");
        await page.WaitForSelectorAsync("body[data-ready='1']");
        await page.WaitForFunctionAsync("() => (window.hypergrid.store.plots.length > 0 && window.hypergrid.store.steps.size > 0)");
        Assert.Equal("step", await page.EvalOnSelectorAsync<string>("#x", "x => x.value"));

        // Zoomed all the way out, the bucket holding the spike still reaches it: the y scale and the band's top are at 50.
        const string plot = "window.hypergrid.store.plots.find(p => p.metric === 'loss').plot";
        Assert.True(await Js(page, $"{plot}.scales.y.max") >= 50);
        Assert.Equal(50, await Js(page, $"Math.max(...{plot}.data[2].filter(v => v != null))"));
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await page.Locator(".plot[data-metric='loss']").ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "artifacts", "step.png") });

        // Drag over a tenth of the plot: the server is asked for that range only; a second drag reaches the raw rows.
        var over = page.Locator(".plot[data-metric='loss'] .u-over");
        async Task Drag(float from, float to)
        {
            var box = (await over.BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(box.X + box.Width * from, box.Y + box.Height / 2);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(box.X + box.Width * to, box.Y + box.Height / 2, new() { Steps = 5 });
            await page.Mouse.UpAsync();
        }
        const string train = "window.hypergrid.store.steps.get('sweep/mnist/mlp/adam/trial_000').train";
        await Drag(0.5f, 0.6f);
        await page.WaitForFunctionAsync($"() => (window.hypergrid.view.zoom !== null && {train}.to - {train}.from < {Rows / 5})");
        Assert.False(await page.EvaluateAsync<bool>($"{train}.raw"));
        await Drag(0.5f, 0.52f);
        await page.WaitForFunctionAsync($"() => ({train}.raw)");
        var body = await page.EvaluateAsync<double[]>($"[{train}.from, {train}.to, {train}.step.length]");
        Assert.Equal(body[1] - body[0], body[2]);

        // Double-click resets; rows appended to the running trial's log appear on the next refresh.
        await page.Locator(".plot[data-metric='loss'] .u-over").DblClickAsync();
        await page.WaitForFunctionAsync("() => (window.hypergrid.view.zoom === null)");
        File.AppendAllText(Path.Combine(tree.Trial("sweep/mnist/mlp/adam/trial_000"), TrialFiles.PartialLog),
            string.Concat(Enumerable.Range(Rows, 500).Select(i => $"1,train,{i},{i * 0.001},2.0,0.5,0.1,,,,,,,,\n")));
        await page.WaitForFunctionAsync($"() => (window.hypergrid.store.steps.get('sweep/mnist/mlp/adam/trial_000').train.rows === {Rows + 500})", null, new() { Timeout = 15000 });
        Assert.Empty(errors);
    }
}
