using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>A page of 3,000 trials: the table renders only the rows in view, and the plots offer bands instead of 3,000 lines.</summary>
[Collection("browser")]
public sealed class ManyTrialsPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const int Trials = 3000;
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        Parallel.For(0, Trials, i => tree.AddComplete($"sweep/mnist/mlp/adam/{TrialFiles.FolderName(i)}", $"seed: 0\nlr: {0.0001 * (i + 1)}\n", epochs: 2, batches: 1));
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    [Fact]
    public async Task Only_the_rows_in_view_exist_scrolling_brings_the_rest_and_bands_are_offered()
    {
        var page = await fixture.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await page.GotoAsync(server!.Url + "/#m=loss");
        await page.WaitForSelectorAsync("body[data-ready='1']", new() { Timeout = 60_000 });
        Assert.Contains($"{Trials} of {Trials} trials", await page.InnerTextAsync("#count"));
        var rendered = await page.Locator("#table tbody tr:not(.spacer)").CountAsync();
        Assert.InRange(rendered, 10, 200);
        Assert.DoesNotContain("trial_2999", await page.InnerTextAsync("#table tbody"));
        // Scrolled to the end (again as the measured row height settles), the last trial is rendered.
        await page.WaitForFunctionAsync("() => { const w = document.getElementById('table-wrap'); w.scrollTop = w.scrollHeight; " +
            "return document.querySelector('#table tbody').innerText.includes('trial_2999'); }");
        Assert.InRange(await page.Locator("#table tbody tr:not(.spacer)").CountAsync(), 10, 200);

        // The trial browser too: an open leaf of 3,000 trials holds a screenful of rows, and scrolling its list brings the end.
        await page.Locator("details[data-leaf='sweep/mnist/mlp/adam'] summary").ClickAsync();
        await page.Locator("details[data-leaf='sweep/mnist/mlp/adam'] .trial").Nth(9).WaitForAsync();
        var browserRows = await page.Locator("details[data-leaf='sweep/mnist/mlp/adam'] .trial").CountAsync();
        Assert.InRange(browserRows, 10, 60);
        await page.WaitForFunctionAsync("() => { const b = document.querySelector(\"details[data-leaf='sweep/mnist/mlp/adam'] .rows\"); b.scrollTop = b.scrollHeight; " +
            "return b.innerText.includes('trial_2999'); }");
        Assert.InRange(await page.Locator("details[data-leaf='sweep/mnist/mlp/adam'] .trial").CountAsync(), 10, 60);

        Assert.True(await page.IsVisibleAsync("#notice"));
        await page.ClickAsync("#notice button");
        await page.WaitForFunctionAsync("() => (location.hash.includes('g=1') && document.getElementById('notice').hidden)");
    }
}
