using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>One headless Debian Chromium for the whole test run (nothing is downloaded).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/lib/chromium/chromium";
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException("Chromium is not installed: apt-get install chromium (Debian's package; nothing is downloaded)");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
