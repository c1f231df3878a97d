using System.Net;
using System.Text.Json;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>The HTTP API over a generated out/log, through the real server.</summary>
public sealed class ApiTests : IAsyncLifetime
{
    private readonly LogTree tree = new();
    private TestServer? server;
    private HttpClient http => server!.Http;

    public async Task InitializeAsync()
    {
        tree.AddComplete("sweep/mnist/mlp/adam/trial_000", "seed: 0\nlr: 0.001\nhidden: [256, 128]\n", epochs: 3, batches: 2);
        tree.AddRunning("sweep/mnist/mlp/adam/trial_001", "seed: 0\nlr: 0.01\nhidden: [256, 128]\n", epochs: 1, batches: 2);
        File.WriteAllText(Path.Combine(tree.Root, "secret.txt"), "not for you");
        Directory.CreateDirectory(Path.Combine(tree.Root, "outside"));
        File.WriteAllText(Path.Combine(tree.Root, "outside", "worker.log"), "not for you");
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    [Fact]
    public async Task Trials_lists_every_trial_with_state_config_data_and_final_metrics()
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/trials"));
        var trials = doc.RootElement.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(2, trials.Count);
        var done = trials.Single(t => t.GetProperty("trial").GetString() == "trial_000");
        Assert.Equal("complete", done.GetProperty("state").GetString());
        Assert.Equal(0.001, done.GetProperty("config").GetProperty("lr").GetDouble());
        Assert.Equal(128, done.GetProperty("config").GetProperty("hidden")[1].GetInt32());
        Assert.Equal("test data", done.GetProperty("dataSource").GetString());
        Assert.Equal(0.9, done.GetProperty("final").GetProperty("val_acc").GetDouble());
        Assert.Equal("running", trials.Single(t => t.GetProperty("trial").GetString() == "trial_001").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Asking_for_an_epoch_log_builds_the_cache_and_a_running_trial_is_aggregated_live()
    {
        var response = await http.GetAsync("/api/logs/sweep/mnist/mlp/adam/trial_000/epoch_log.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("epoch,mode,time,loss", await response.Content.ReadAsStringAsync());
        Assert.True(File.Exists(Path.Combine(tree.Trial("sweep/mnist/mlp/adam/trial_000"), TrialFiles.EpochLog)));
        var live = await http.GetAsync("/api/logs/sweep/mnist/mlp/adam/trial_001/epoch_log.csv");
        Assert.Equal("batch_log.partial.csv", live.Headers.GetValues("X-Hypergrid-Source").Single());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/logs/sweep/mnist/mlp/adam/trial_000/batch_log.csv")).StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("\"a string\"")]
    [InlineData("{\"trials\": [1, 2]}")]
    [InlineData("{\"trials\": \"sweep/mnist/mlp/adam/trial_000\"}")]
    [InlineData("[]")]
    public async Task A_malformed_epochs_request_is_400_with_the_reason(string body)
    {
        var response = await http.PostAsync("/api/epochs", new StringContent(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("trials", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Trials_also_gives_the_batch_log_metrics_and_their_reductions_from_the_schema()
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/trials"));
        var metrics = doc.RootElement.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("reduction").GetString());
        Assert.Equal(Hypergrid.Trials.Logs.BatchLogSchema.EpochMetrics, metrics.Keys);
        Assert.Equal(("last", "median", "mean"), (metrics["lr"], metrics["grad_norm"], metrics["loss"]));
    }

    [Fact]
    public async Task Epochs_as_float32_gives_a_header_then_each_column_as_little_endian_floats()
    {
        var body = new StringContent("{\"trials\": [\"sweep/mnist/mlp/adam/trial_000\", \"../secret\", \"sweep/x/y/z/trial_009\"]}");
        var bytes = await (await http.PostAsync("/api/epochs", body)).Content.ReadAsByteArrayAsync();
        var length = BitConverter.ToInt32(bytes, 0);
        using var header = JsonDocument.Parse(bytes.AsMemory(4, length));
        var trial = header.RootElement.GetProperty("trials").EnumerateArray().Single(); // unknown and unsafe trials are left out
        Assert.Equal(6, trial.GetProperty("rows").GetInt32());
        var columns = trial.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(["train", "val"], trial.GetProperty("modes").EnumerateArray().Select(m => m.GetString()));
        var start = 4 + length + (4 - length % 4) % 4;
        float At(string column, int row) => BitConverter.ToSingle(bytes, start + (columns.IndexOf(column) * 6 + row) * 4);
        Assert.Equal([1f, 1f, 2f, 2f, 3f, 3f], Enumerable.Range(0, 6).Select(r => At("epoch", r)));
        Assert.Equal([0f, 1f, 0f], Enumerable.Range(0, 3).Select(r => At("mode", r)));
        Assert.Equal((float)(2.0 / 1 + 0.005), At("loss", 0));
        Assert.True(float.IsNaN(At("iter_budget", 0)));
        Assert.Equal(start + columns.Count * 6 * 4, bytes.Length);
    }

    [Theory]
    [InlineData("/api/logs/sweep/../../secret.txt")]
    [InlineData("/api/logs/%2e%2e/%2e%2e/secret.txt")]
    [InlineData("/api/logs/sweep/mnist/mlp/adam/trial_000/%2e%2e%2f%2e%2e%2fepoch_log.csv")]
    [InlineData("/api/logs//etc/passwd")]
    [InlineData("/api/logs/sweep/mnist/mlp/adam/trial_000/../../../../../secret.txt")]
    [InlineData("/assets/../../secret.txt")]
    [InlineData("/assets/%2e%2e/README.md")]
    [InlineData("/vendor/uplot/../../package.json")]
    [InlineData("/api/logs/sweep/mnist/mlp/adam/trial_000/..%2f..%2f..%2f..%2f..%2f..%2fsecret.txt")]
    [InlineData("/api/logs/sweep/mnist/mlp/adam/trial_000%2f..%2f..%2f..%2f..%2f..%2f..%2fepoch_log.csv")]
    [InlineData("/api/logs/sweep/mnist/mlp/adam/trial_000/..%2f..%2f..%2f..%2f..%2f..%2f..%2foutside/worker.log")]
    [InlineData("/api/logs/%2e%2e/%2e%2e/outside/worker.log")]
    public async Task Paths_outside_the_log_and_the_assets_are_refused(string path)
    {
        // Sent byte for byte over a socket: HttpClient would resolve the dot segments before the server saw them.
        var (status, body) = await RawGet(path);
        Assert.Equal(404, status);
        Assert.DoesNotContain("not for you", body);
    }

    private async Task<(int Status, string Body)> RawGet(string path, string host = "localhost", string method = "GET")
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(http.BaseAddress!.Host, http.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        var answer = await new StreamReader(stream).ReadToEndAsync();
        return (int.Parse(answer.Split(' ')[1]), answer);
    }

    [Fact]
    public async Task A_symlink_leading_out_of_the_log_is_refused()
    {
        var dir = tree.Trial("sweep/mnist/mlp/adam/trial_000");
        File.CreateSymbolicLink(Path.Combine(dir, "worker.log"), Path.Combine(tree.Root, "secret.txt"));
        var response = await http.GetAsync("/api/logs/sweep/mnist/mlp/adam/trial_000/worker.log");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("evil.example.com")]
    [InlineData("attacker.test:8050")]
    [InlineData("127.0.0.1.nip.io")]
    public async Task A_request_addressed_to_a_foreign_host_name_is_refused_as_dns_rebinding(string host)
    {
        var (status, body) = await RawGet("/api/trials", host);
        Assert.Equal(421, status);
        Assert.DoesNotContain("lr", body);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task The_names_the_server_is_bound_to_and_localhost_are_answered(string host) =>
        Assert.Equal(200, (await RawGet("/api/trials", host)).Status);

    [Theory]
    [InlineData("/api/trials")]
    [InlineData("/api/logs/sweep/mnist/mlp/adam/trial_000/run.json")]
    public async Task Head_is_answered_like_get_without_a_body(string path) =>
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path))).StatusCode);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_link_to_a_link_that_leaves_the_log_is_refused_everywhere(bool absolute)
    {
        // B -> <root>/outside, and trial_098 -> .../B/trial_009: each hop alone looks harmless to a one-hop check.
        var outside = Path.Combine(tree.Root, "outside", "trial_009");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, TrialFiles.Config), "mode: sweep\nsecret: not for you\n");
        File.WriteAllText(Path.Combine(outside, TrialFiles.BatchLog), SampleLogs.BatchLog(1, 1, 1, 1.0));
        new RunRecord { Status = RunStatus.Failed, Error = "not for you" }.Write(outside);
        var leaf = tree.Trial("sweep/mnist/mlp/adam");
        var b = Path.Combine(tree.Log, "sweep", "mnist", "B");
        Directory.CreateSymbolicLink(b, absolute ? Path.Combine(tree.Root, "outside") : Path.Combine("..", "..", "..", "outside"));
        Directory.CreateSymbolicLink(Path.Combine(leaf, "trial_098"), absolute ? Path.Combine(b, "trial_009") : Path.Combine("..", "..", "B", "trial_009"));
        foreach (var file in new[] { "cfg.yaml", "run.json", "batch_log.csv", "epoch_log.csv" })
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/logs/sweep/mnist/mlp/adam/trial_098/{file}")).StatusCode);
        Assert.DoesNotContain("not for you", await http.GetStringAsync("/api/trials"));
        var epochs = await http.PostAsync("/api/epochs", new StringContent("{\"trials\": [\"sweep/mnist/mlp/adam/trial_098\"]}"));
        Assert.DoesNotContain("trial_098", System.Text.Encoding.UTF8.GetString(await epochs.Content.ReadAsByteArrayAsync()));
    }

    [Theory]
    [InlineData(TrialFiles.BatchLog)]
    [InlineData(TrialFiles.EpochLog)]
    public async Task A_symlinked_log_inside_a_trial_is_not_read_by_the_epoch_endpoints(string name)
    {
        var dir = tree.AddTrial("sweep/mnist/mlp/adam/trial_002", "seed: 1\n");
        var secret = Path.Combine(tree.Root, "outside-" + name);
        File.WriteAllText(secret, SampleLogs.BatchLog(1, 1, 1, 999.0));
        File.CreateSymbolicLink(Path.Combine(dir, name), secret);
        if (name == TrialFiles.EpochLog) File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), "");
        var response = await http.GetAsync("/api/logs/sweep/mnist/mlp/adam/trial_002/epoch_log.csv");
        Assert.DoesNotContain("999", await response.Content.ReadAsStringAsync());
        var epochs = await http.PostAsync("/api/epochs", new StringContent("{\"trials\": [\"sweep/mnist/mlp/adam/trial_002\"]}"));
        Assert.DoesNotContain("trial_002", System.Text.Encoding.UTF8.GetString(await epochs.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_damaged_trial_is_listed_with_its_reason_and_the_healthy_ones_keep_plotting()
    {
        var dir = tree.AddComplete("sweep/mnist/mlp/adam/trial_003", "seed: 3\n", epochs: 2, batches: 2);
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), "");
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/trials"));
        var damaged = doc.RootElement.GetProperty("trials").EnumerateArray().Single(t => t.GetProperty("trial").GetString() == "trial_003");
        Assert.Equal("damaged", damaged.GetProperty("state").GetString());
        Assert.Contains("--rerun-damaged", damaged.GetProperty("error").GetString());
        var body = new StringContent("{\"trials\": [\"sweep/mnist/mlp/adam/trial_000\", \"sweep/mnist/mlp/adam/trial_003\"]}");
        var bytes = await (await http.PostAsync("/api/epochs", body)).Content.ReadAsByteArrayAsync();
        using var header = JsonDocument.Parse(bytes.AsMemory(4, BitConverter.ToInt32(bytes, 0)));
        Assert.Equal(["sweep/mnist/mlp/adam/trial_000"], header.RootElement.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task The_trial_list_carries_an_etag_and_is_304_while_nothing_changed()
    {
        var first = await http.GetAsync("/api/trials");
        var etag = first.Headers.ETag!;
        var again = new HttpRequestMessage(HttpMethod.Get, "/api/trials");
        again.Headers.IfNoneMatch.Add(etag);
        var unchanged = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        tree.AddComplete("sweep/mnist/mlp/adam/trial_007", "seed: 7\n", epochs: 1, batches: 1);
        // The change journal hears of the new folder milliseconds after it is made (the page asks every 2 s).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            var changed = new HttpRequestMessage(HttpMethod.Get, "/api/trials");
            changed.Headers.IfNoneMatch.Add(etag);
            status = (await http.SendAsync(changed)).StatusCode;
            if (status == HttpStatusCode.NotModified) await Task.Delay(20);
        }
        while (status == HttpStatusCode.NotModified && clock.ElapsedMilliseconds < 2000);
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
