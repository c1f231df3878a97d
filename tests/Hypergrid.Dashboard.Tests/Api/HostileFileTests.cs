using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>The API over trial files that are links out of out/log or FIFOs, and over hostile query parameters.</summary>
public sealed class HostileFileTests : IAsyncLifetime
{
    private readonly LogTree tree = new();
    private TestServer? server;
    private HttpClient http => server!.Http;

    public async Task InitializeAsync()
    {
        tree.AddComplete("sweep/mnist/mlp/adam/trial_000", "seed: 0\nlr: 0.001\n", epochs: 3, batches: 4);
        tree.AddComplete("sweep/mnist/mlp/adam/trial_001", "seed: 0\nlr: 0.01\n", epochs: 3, batches: 4);
        tree.AddComplete("sweep/mnist/mlp/adam/trial_002", "seed: 0\nlr: 0.1\n", epochs: 3, batches: 4);
        server = await TestServer.StartAsync(tree);
        http.Timeout = TimeSpan.FromSeconds(20);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private static void Fifo(string path)
    {
        File.Delete(path);
        using var p = Process.Start("mkfifo", path);
        p.WaitForExit();
    }

    [Theory]
    [InlineData(TrialFiles.Run)]
    [InlineData(TrialFiles.Claim)]
    [InlineData(TrialFiles.Checkpoint)]
    public async Task A_FIFO_named_like_a_trial_file_hangs_neither_the_trial_list_nor_the_report(string name)
    {
        Fifo(Path.Combine(tree.Trial("sweep/mnist/mlp/adam/trial_001"), name));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/trials")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/report?metric=val_loss")).StatusCode);
    }

    [Theory]
    [InlineData(TrialFiles.Run)]
    [InlineData(TrialFiles.Claim)]
    public async Task A_trial_file_linked_out_of_out_log_is_served_by_no_endpoint(string name)
    {
        var secret = Path.Combine(tree.Root, "secret.json");
        File.WriteAllText(secret, "{\"status\":\"failed\",\"error\":\"SECRET-TEXT\",\"host\":\"SECRET-TEXT\",\"config\":{\"lr\":\"SECRET-TEXT\"}}");
        var file = Path.Combine(tree.Trial("sweep/mnist/mlp/adam/trial_002"), name);
        File.Delete(file);
        File.CreateSymbolicLink(file, secret);
        Assert.DoesNotContain("SECRET-TEXT", await http.GetStringAsync("/api/trials"));
        Assert.DoesNotContain("SECRET-TEXT", await (await http.GetAsync("/api/report?metric=val_loss")).Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, (await http.GetAsync($"/api/logs/sweep/mnist/mlp/adam/trial_002/{name}")).StatusCode);
    }

    // Judged without being opened: what the log out there holds (a whole header and rows, or no header) changes nothing.
    [Theory]
    [InlineData("epoch,mode,batch,loss\n1,train,0,0.5\n", true)]
    [InlineData("nothing,here\n1,2\n", true)]
    [InlineData("epoch,mode,batch,loss\n1,train,0,0.5\n", false)]
    public async Task A_batch_log_linked_out_of_out_log_is_listed_and_reported_as_a_link_out_whatever_it_holds(string outside, bool absolute)
    {
        var secret = Path.Combine(tree.Root, "secret.csv");
        File.WriteAllText(secret, outside);
        var file = Path.Combine(tree.Trial("sweep/mnist/mlp/adam/trial_002"), TrialFiles.BatchLog);
        File.Delete(file);
        File.CreateSymbolicLink(file, absolute ? secret : Path.GetRelativePath(Path.GetDirectoryName(file)!, secret));
        using var list = JsonDocument.Parse(await http.GetStringAsync("/api/trials"));
        var trial = list.RootElement.GetProperty("trials").EnumerateArray().Single(t => t.GetProperty("trial").GetString() == "trial_002");
        Assert.Equal("damaged", trial.GetProperty("state").GetString());
        Assert.Equal("batch_log.csv is a link out of out/log (not read); --rerun-damaged retrains it", trial.GetProperty("note").GetString());
        using var report = JsonDocument.Parse(await http.GetStringAsync("/api/report?metric=val_loss"));
        Assert.Equal(1, report.RootElement.GetProperty("excluded").GetProperty("damaged").GetInt32());
    }

    [Fact]
    public async Task Every_answer_carries_a_content_security_policy_that_forbids_inline_script()
    {
        foreach (var url in new[] { "/", "/api/trials", "/assets/app.js" })
        {
            var response = await http.GetAsync(url);
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self'", policy);
            Assert.DoesNotContain("unsafe-inline", policy);
        }
    }

    [Fact]
    public async Task The_widest_bucket_is_one_bucket_over_every_row_and_out_of_range_widths_and_unknown_metrics_are_400()
    {
        const string trial = "/api/series/sweep/mnist/mlp/adam/trial_000?phase=train";
        using var whole = JsonDocument.Parse(await http.GetStringAsync(trial + "&metrics=loss&from=3&width=1000000000"));
        var mean = whole.RootElement.GetProperty("loss").GetProperty("mean")[0];
        Assert.Equal(JsonValueKind.Number, mean.ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(trial + "&metrics=loss&from=3&width=2147483647")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(trial + "&metrics=loss&width=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(trial + "&metrics=bogus")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(trial + "&metrics=loss,bogus")).StatusCode);
    }
}
