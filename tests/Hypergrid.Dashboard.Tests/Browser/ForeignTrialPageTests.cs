using System.Text.Json;
using Hypergrid.Trials;
using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// Trials written by another program or by hand (a cfg.yaml and a batch_log.csv, no run.json, columns in an order of
/// their own and a metric Hypergrid does not know) are first-class on the page and in the API.
/// </summary>
[Collection("browser")]
public sealed class ForeignTrialPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        for (var n = 0; n < 2; n++)
        {
            var dir = tree.AddTrial($"sweep/toyset/resnet/lion/trial_00{n}", $"seed: 0\nwidth: {8 << n}\ncommand: python3 train.py\n");
            var rows = string.Concat(Enumerable.Range(1, 5).Select(e =>
                $"train,{e},0,{1.0 / e},\ntrain,{e},1,{0.9 / e},\nval,{e},0,{0.8 / e},{0.5 + 0.05 * e + 0.1 * n}\n"));
            File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), "mode,epoch,batch,loss,top5\n" + rows);
        }
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    [Fact]
    public async Task The_api_lists_them_complete_with_their_config_and_final_metrics_from_their_logs()
    {
        using var doc = JsonDocument.Parse(await server!.Http.GetStringAsync("/api/trials"));
        var trials = doc.RootElement.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(2, trials.Count);
        Assert.All(trials, t => Assert.Equal("complete", t.GetProperty("state").GetString()));
        var second = trials.Single(t => t.GetProperty("trial").GetString() == "trial_001");
        Assert.Equal(16, second.GetProperty("config").GetProperty("width").GetInt32());
        Assert.Equal(0.8 / 5, second.GetProperty("final").GetProperty("val_loss").GetDouble(), 12);
        var series = await server.Http.GetStringAsync("/api/series/sweep/toyset/resnet/lion/trial_001?phase=val&metrics=top5");
        Assert.Contains("top5", series);
    }

    [Fact]
    public async Task The_page_offers_their_own_metric_and_draws_it()
    {
        var page = await fixture.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(server!.Url + "/#m=loss");
        await page.WaitForSelectorAsync("body[data-ready='1']");
        Assert.Equal(2, await page.Locator("#table tbody tr").CountAsync());
        Assert.Contains("complete", await page.Locator("#table tbody").InnerTextAsync());
        await page.Locator("#metrics input[value='top5']").CheckAsync();
        await page.WaitForSelectorAsync(".plot[data-metric='top5'] canvas");
        var drawn = await page.EvaluateAsync<int>("() => hypergrid.store.plots.find(p => p.metric === 'top5')?.plot.data.length ?? 0");
        Assert.True(drawn > 1, "the top5 plot has an x series and lines");
        Assert.Empty(errors);
    }
}
