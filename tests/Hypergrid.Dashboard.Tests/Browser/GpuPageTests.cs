using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>A running trial says on the page which GPUs it runs on, as 'status --trials' does; the ids arrive as text.</summary>
[Collection("browser")]
public sealed class GpuPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        Gpus(tree.AddRunning("sweep/mnist/mlp/adam/trial_000", "seed: 0\nlr: 0.01\n", epochs: 2, batches: 4), ["2"]);
        Gpus(tree.AddRunning("sweep/mnist/mlp/adam/trial_001", "seed: 0\nlr: 0.001\n", epochs: 2, batches: 4), ["0", "<img src=x onerror=alert(1)>"]);
        tree.AddRunning("sweep/mnist/mlp/adam/trial_002", "seed: 0\nlr: 0.0001\n", epochs: 2, batches: 4);
        server = await TestServer.StartAsync(tree);
    }

    private static void Gpus(string dir, string[] ids) => new RunRecord { Status = RunStatus.Running, Gpus = ids }.Write(dir);

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    [Fact]
    public async Task The_trial_browser_and_table_show_each_running_trials_gpus_as_text()
    {
        var page = await fixture.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await page.GotoAsync(server!.Url + "/#m=loss&leaves=sweep/mnist/mlp/adam");
        await page.WaitForSelectorAsync("body[data-ready='1']");
        await page.Locator("details[data-leaf='sweep/mnist/mlp/adam'] summary").ClickAsync();
        await page.Locator("details[data-leaf='sweep/mnist/mlp/adam'] .trial").Nth(2).WaitForAsync();
        var rows = await page.Locator("details[data-leaf='sweep/mnist/mlp/adam'] .trial").AllTextContentsAsync();
        Assert.Equal(["trial_000 running on gpu 2", "trial_001 running on gpus 0,<img src=x onerror=alert(1)>", "trial_002 running"], rows);
        Assert.Equal(0, await page.Locator("img").CountAsync());
        var cells = await page.Locator("#table tbody td.state-running").AllTextContentsAsync();
        Assert.Contains("running on gpu 2", cells);
    }
}
