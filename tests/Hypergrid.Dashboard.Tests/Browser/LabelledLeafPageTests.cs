namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// In the real Chromium, the curves of trials whose leaf has a trainer's label (adam@hidden=256, as promote --top names
/// it) or a name with '#' and '?' in it: each trial's rows are asked for and arrive, no request fails.
/// </summary>
[Collection("browser")]
public sealed class LabelledLeafPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    private static readonly string[] Trials = ["sweep/mnist/mlp/adam@hidden=256/trial_000", "sweep/mnist/mlp/a#b?c d/trial_000"];
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        foreach (var t in Trials) tree.AddComplete(t, "seed: 0\nepochs: 2\n", epochs: 2, batches: 4);
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    [Fact]
    public async Task Each_labelled_leafs_trial_has_its_rows_by_step()
    {
        var page = await fixture.Browser.NewPageAsync();
        var failed = new List<string>();
        page.Response += (_, r) => { if (r.Status >= 400) failed.Add($"{r.Status} {r.Url}"); };
        await page.GotoAsync(server!.Url + "/#m=loss&ph=train&x=step");
        await page.WaitForSelectorAsync("body[data-ready='1']");
        foreach (var t in Trials)
            await page.WaitForFunctionAsync($"() => (window.hypergrid.store.steps.get({System.Text.Json.JsonSerializer.Serialize(t)})?.train?.step?.length > 0)", null, new() { Timeout = 10000 });
        Assert.Empty(failed);
    }
}
