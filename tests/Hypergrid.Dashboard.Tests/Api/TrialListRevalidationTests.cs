using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// The trial list's 304 reuses the last answer only while what it says is unchanged: a change in a trial's folder and
/// a claim whose holder died (no folder changes) are each seen.
/// </summary>
public sealed class TrialListRevalidationTests : IAsyncLifetime
{
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 3; i++) tree.AddComplete($"sweep/mnist/mlp/adam/trial_00{i}", $"seed: {i}\n", epochs: 1, batches: 2);
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private async Task<(HttpStatusCode Status, string? ETag, string Body)> Get(string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/trials");
        if (etag is not null) request.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        var response = await server!.Http.SendAsync(request);
        return (response.StatusCode, response.Headers.ETag?.Tag, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The next answer that is not a 304 (the change journal hears of a write a few milliseconds after it; the page asks every 2 s).</summary>
    private async Task<(HttpStatusCode Status, string? ETag, string Body)> Changed(string? etag)
    {
        var clock = Stopwatch.StartNew();
        var got = await Get(etag);
        while (got.Status == HttpStatusCode.NotModified && clock.ElapsedMilliseconds < 2000)
        {
            await Task.Delay(20);
            got = await Get(etag);
        }
        return got;
    }

    private static string StateOf(string body, string trial) =>
        JsonDocument.Parse(body).RootElement.GetProperty("trials").EnumerateArray().Single(t => t.GetProperty("trial").GetString() == trial).GetProperty("state").GetString()!;

    [Fact]
    public async Task A_file_written_in_a_trial_folder_is_seen()
    {
        var (_, etag, _) = await Get(null);
        Assert.Equal(HttpStatusCode.NotModified, (await Get(etag)).Status);
        var dir = tree.AddTrial("sweep/mnist/mlp/adam/trial_003", "seed: 3\n");
        var (status, newer, body) = await Changed(etag);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(etag, newer);
        Assert.Equal("pending", StateOf(body, "trial_003"));
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), LogTree.BatchLog(1, 1, 2, 1));
        new RunRecord { Status = RunStatus.Complete, Final = new() { ["val_acc"] = 0.5 } }.Write(dir);
        (status, _, body) = await Changed(newer);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("complete", StateOf(body, "trial_003"));
    }

    [Fact]
    public async Task A_claim_whose_holder_died_is_seen_though_no_folder_changed()
    {
        using var holder = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        var dir = tree.AddTrial("sweep/mnist/mlp/adam/trial_004", "seed: 4\n");
        File.WriteAllText(Path.Combine(dir, TrialFiles.Claim), $"{{\"host\":\"{Environment.MachineName}\",\"pid\":{holder.Id}}}");
        var (_, etag, body) = await Get(null);
        Assert.Equal("running", StateOf(body, "trial_004"));
        Assert.Equal(HttpStatusCode.NotModified, (await Get(etag)).Status);
        var stamp = Directory.GetLastWriteTimeUtc(dir);
        holder.Kill();
        await holder.WaitForExitAsync();
        Assert.Equal(stamp, Directory.GetLastWriteTimeUtc(dir));
        var (status, _, after) = await Get(etag);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual("running", StateOf(after, "trial_004"));
    }
}
