using Microsoft.AspNetCore.Builder;

namespace Hypergrid.Dashboard.Tests;

/// <summary>The real dashboard server over a test's out/log, on a free port, with a client pointed at it.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestServer(WebApplication app)
    {
        this.app = app;
        Url = app.Urls.First();
        Http = new HttpClient { BaseAddress = new Uri(Url) };
    }

    public string Url { get; }
    public HttpClient Http { get; }

    /// <summary>The server's services (its change journal, for one).</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>A GET that must succeed, as JSON (the body is in the failure message otherwise).</summary>
    public async Task<System.Text.Json.JsonElement> GetJson(string url)
    {
        var response = await Http.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, url + ": " + await response.Content.ReadAsStringAsync());
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public static async Task<TestServer> StartAsync(LogTree tree)
    {
        var app = DashboardServer.Build(new DashboardOptions(tree.Out, Port: 0));
        await app.StartAsync();
        return new TestServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.DisposeAsync();
    }
}
