using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// A page test: an out/log tree written by <see cref="Build"/>, the real server over it, and pages opened in the shared
/// Chromium at 1400 x 1000 with their console errors collected.
/// </summary>
public abstract class PageTests(BrowserFixture fixture) : IAsyncLifetime
{
    protected LogTree Tree { get; } = new();
    protected TestServer Server { get; private set; } = null!;
    protected List<string> ConsoleErrors { get; } = [];

    /// <summary>Writes the trials the test reads.</summary>
    protected abstract void Build(LogTree tree);

    public async Task InitializeAsync()
    {
        Build(Tree);
        Server = await TestServer.StartAsync(Tree);
    }

    public async Task DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
        Tree.Dispose();
    }

    /// <summary>The page at this view (a URL hash), once it has drawn.</summary>
    protected Task<IPage> Open(string hash = "") => Open(hash, 1400);

    /// <summary>The page at this view (a URL hash), once it has drawn, in a window this wide.</summary>
    protected async Task<IPage> Open(string hash, int width)
    {
        var page = await fixture.Browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = 1000 } });
        page.Console += (_, m) => { if (m.Type == "error") ConsoleErrors.Add(m.Text + " " + m.Location); };
        page.PageError += (_, e) => ConsoleErrors.Add(e);
        await page.GotoAsync(Server.Url + "/" + hash);
        await page.WaitForSelectorAsync("body[data-ready='1']");
        return page;
    }
}
