using System.Text.Json;
using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// The page asks POST /api/epochs for only the phases and columns it draws, offers every filled metric without
/// loading it, and asks for what it lacks when a metric, a phase or the x axis changes, drawing the right values.
/// </summary>
[Collection("browser")]
public sealed class ColumnsOnDemandPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        tree.AddComplete("sweep/mnist/mlp/adam/trial_000", "seed: 0\nlr: 0.001\n", epochs: 3, batches: 2);
        tree.AddComplete("sweep/mnist/mlp/adam/trial_001", "seed: 0\nlr: 0.01\n", epochs: 3, batches: 2, scale: 2.0);
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    /// <summary>The columns and phases of each request for epoch rows, in order, as "columns / phases".</summary>
    private static List<string> Watch(IPage page)
    {
        var asked = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.EndsWith("/api/epochs", StringComparison.Ordinal)) return;
            using var body = JsonDocument.Parse(request.PostData!);
            string Names(string key) => string.Join(",", body.RootElement.GetProperty(key).EnumerateArray().Select(e => e.GetString()!).Order());
            lock (asked) asked.Add(Names("columns") + " / " + Names("phases"));
        };
        return asked;
    }

    /// <summary>Equal to float32 precision (the page's columns are float32).</summary>
    private static void Near(double[] expected, double?[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i]!.Value, 1e-6);
    }

    /// <summary>One plotted line's y values (uPlot's data, by series label).</summary>
    private static Task<double?[]> Line(IPage page, string metric, string label) =>
        page.EvaluateAsync<double?[]>($"() => {{ const u = hypergrid.store.plots.find(p => p.metric === '{metric}').plot; " +
                                      $"return u.data[u.series.findIndex(s => s.label === '{label}')]; }}");

    [Fact]
    public async Task Only_the_drawn_columns_are_loaded_and_a_metric_ticked_later_is_loaded_and_drawn_right()
    {
        var page = await fixture.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var asked = Watch(page);
        await page.GotoAsync(server!.Url + "/#m=loss&ph=train");
        await page.WaitForSelectorAsync("body[data-ready='1']");
        Assert.Equal("loss / train", asked.Single());
        // acc was never loaded, yet it is offered: the answer names every filled column.
        Assert.Equal(1, await page.Locator("#metrics input[value='acc']").CountAsync());
        Near([2.005, 1.005, 2.0 / 3 + 0.005], await Line(page, "loss", "trial_000 train"));

        await page.Locator("#metrics input[value='acc']").CheckAsync();
        await page.WaitForSelectorAsync(".plot[data-metric='acc'] canvas");
        Assert.Equal("acc / train", asked[1]); // only what was lacking: the loss is not sent again
        // trial_001's losses are twice trial_000's: acc = 1 - loss / 4.
        Near([1 - 2 * 2.005 / 4, 1 - 2 * 1.005 / 4, 1 - 2 * (2.0 / 3 + 0.005) / 4], await Line(page, "acc", "trial_001 train"));
        Assert.Equal(2, asked.Count);
    }

    [Fact]
    public async Task A_phase_and_an_x_axis_chosen_later_ask_for_their_rows_and_columns()
    {
        var page = await fixture.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var asked = Watch(page);
        await page.GotoAsync(server!.Url + "/#m=loss&ph=train");
        await page.WaitForSelectorAsync("body[data-ready='1']");

        await page.Locator("#phases input[value='val']").CheckAsync();
        await page.WaitForFunctionAsync("() => hypergrid.store.plots[0]?.plot.series.some(s => s.label === 'trial_000 val')");
        Assert.Equal("loss / val", asked[1]);
        Near([2.005, 1.005, 2.0 / 3 + 0.005], await Line(page, "loss", "trial_000 val"));

        // By batch: each train epoch's n_batches (2) summed, for the train and the val rows alike.
        await page.SelectOptionAsync("#x", "batch");
        await page.WaitForFunctionAsync("() => hypergrid.store.plots[0]?.plot.axes[0].label.startsWith('batch')");
        Assert.Equal("n_batches / train,val", asked[2]);
        var xs = await page.EvaluateAsync<double[]>("() => hypergrid.store.plots[0].plot.data[0]");
        Assert.Equal([2.0, 4, 6], xs);
        Assert.Equal(3, asked.Count);
    }
}
