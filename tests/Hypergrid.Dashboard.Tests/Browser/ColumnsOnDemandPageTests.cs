using Hypergrid.Trials;
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
        var dir = tree.AddComplete("sweep/mnist/mlp/adam/trial_000", "seed: 0\nlr: 0.001\n", epochs: 3, batches: 2);
        tree.AddComplete("sweep/mnist/mlp/adam/trial_001", "seed: 0\nlr: 0.01\n", epochs: 3, batches: 2, scale: 2.0);
        // trial_000 also logs a test phase (a program's own mode): each epoch's val rows once more, as test.
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), WithTest(LogTree.BatchLog(1, 3, 2, 1.0)));
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    /// <summary>A batch log with, after each epoch's val rows, the same rows as test rows.</summary>
    private static string WithTest(string log)
    {
        var lines = log.TrimEnd('\n').Split('\n');
        var sb = new System.Text.StringBuilder(lines[0]).Append('\n');
        foreach (var epoch in lines.Skip(1).GroupBy(l => l[..l.IndexOf(',', StringComparison.Ordinal)]))
        {
            foreach (var line in epoch) sb.Append(line).Append('\n');
            foreach (var line in epoch.Where(l => l.Contains(",val,", StringComparison.Ordinal)))
                sb.Append(line.Replace(",val,", ",test,", StringComparison.Ordinal)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The x values at which one plotted line has a value (uPlot's data, by series label).</summary>
    private static Task<double[]> Xs(IPage page, string metric, string label) =>
        page.EvaluateAsync<double[]>($"() => {{ const u = hypergrid.store.plots.find(p => p.metric === '{metric}').plot; " +
                                     $"const s = u.data[u.series.findIndex(s => s.label === '{label}')]; return u.data[0].filter((x, i) => s[i] != null); }}");

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
        var lists = 0;
        page.Request += (_, request) => { if (request.Url.EndsWith("/api/trials", StringComparison.Ordinal)) Interlocked.Increment(ref lists); };
        await page.GotoAsync(server!.Url + "/#m=loss&ph=train&x=epoch");
        await page.WaitForSelectorAsync("body[data-ready='1']");
        Assert.Equal("loss / train", asked.Single());
        // The trial list is asked once: index.html's preload, taken by the first refresh (not asked a second time by it).
        Assert.Equal(1, Volatile.Read(ref lists));
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
        await page.GotoAsync(server!.Url + "/#m=loss&ph=train&x=epoch");
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

    /// <summary>The train batches done by the end of each of the 3 epochs (2 an epoch): the batch axis' x values.</summary>
    private static readonly double[] BatchesDone = [2, 4, 6];

    // A phase ticked while x = batch is asked for alone (the train rows are cached): its x must still be the train
    // batches done by each epoch (2 per epoch), not 0 for want of train rows in that answer.
    [Fact]
    public async Task A_val_phase_ticked_later_on_the_batch_axis_is_drawn_at_the_train_batches_done()
    {
        var page = await fixture.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await page.GotoAsync(server!.Url + "/#m=loss&ph=train&x=batch");
        await page.WaitForSelectorAsync("body[data-ready='1']");
        Assert.Equal(BatchesDone, await Xs(page, "loss", "trial_000 train"));

        await page.Locator("#phases input[value='val']").CheckAsync();
        await page.WaitForFunctionAsync("() => hypergrid.store.plots[0]?.plot.series.some(s => s.label === 'trial_001 val')");
        Assert.Equal(BatchesDone, await Xs(page, "loss", "trial_000 val"));
        Assert.Equal(BatchesDone, await Xs(page, "loss", "trial_001 val"));
        Near([2.005, 1.005, 2.0 / 3 + 0.005], await Line(page, "loss", "trial_000 val"));
    }

    [Fact]
    public async Task A_test_phase_ticked_later_beside_train_and_val_on_the_batch_axis_is_drawn_at_the_train_batches_done()
    {
        var page = await fixture.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await page.GotoAsync(server!.Url + "/#m=loss&ph=train,val&x=batch");
        await page.WaitForSelectorAsync("body[data-ready='1']");
        Assert.Equal(BatchesDone, await Xs(page, "loss", "trial_000 val"));

        await page.Locator("#phases input[value='test']").CheckAsync();
        await page.WaitForFunctionAsync("() => hypergrid.store.plots[0]?.plot.series.some(s => s.label === 'trial_000 test')");
        Assert.Equal(BatchesDone, await Xs(page, "loss", "trial_000 test"));
        Assert.Equal(BatchesDone, await Xs(page, "loss", "trial_000 train"));
    }
}
