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
