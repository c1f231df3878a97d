using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>A pending trial with a checkpoint says on the page where it resumes, as 'status --trials' does.</summary>
[Collection("browser")]
public sealed class ResumePointPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        tree.AddComplete("sweep/mnist/mlp/adam/trial_000", "seed: 0\nlr: 0.01\n", epochs: 4, batches: 4);
        tree.AddInterrupted("sweep/mnist/mlp/adam/trial_001", "seed: 0\nlr: 0.001\n", epoch: 3, batch: 120);
        tree.AddTrial("sweep/mnist/mlp/adam/trial_002", "seed: 0\nlr: 0.0001\n");
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    [Fact]
    public async Task The_trial_browser_and_table_show_where_an_interrupted_trial_resumes()
    {
        var page = await fixture.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await page.GotoAsync(server!.Url + "/#m=loss&leaves=sweep/mnist/mlp/adam");
        await page.WaitForSelectorAsync("body[data-ready='1']");
        await page.Locator("details[data-leaf='sweep/mnist/mlp/adam'] summary").ClickAsync();
        await page.Locator("details[data-leaf='sweep/mnist/mlp/adam'] .trial").Nth(2).WaitForAsync();
        var rows = await page.Locator("details[data-leaf='sweep/mnist/mlp/adam'] .trial").AllTextContentsAsync();
        Assert.Equal(["trial_000 complete", "trial_001 pending (resumes at epoch 3 batch 120)", "trial_002 pending"], rows);
        var cells = await page.Locator("#table tbody td.state-pending").AllTextContentsAsync();
        Assert.Contains("pending (resumes at epoch 3 batch 120)", cells);
    }
}
