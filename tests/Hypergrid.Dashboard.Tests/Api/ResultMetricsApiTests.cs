using System.Net;
using System.Text.Json;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// The Results offer only what a result's log holds, as the report ranks: GET /api/trials names the states that hold a
/// result (resultStates), POST /api/epochs answers each trial's reported metrics, and the page counts those of the
/// trials in such a state (result-metrics.test.mjs). A metric only a running trial has logged (bleu, here) is refused by
/// /api/report and not offered by the page; one a complete trial holds is both.
/// </summary>
public sealed class ResultMetricsApiTests : IAsyncLifetime
{
    private const string Leaf = "experiment/mnist/mlp/adam";
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        tree.AddComplete($"{Leaf}/trial_000", "seed: 0\n", epochs: 2, batches: 3);
        tree.AddComplete($"{Leaf}/trial_001", "seed: 1\n", epochs: 2, batches: 3, scale: 1.1);
        // Running, its first epoch logged with a column of its own.
        var running = tree.AddRunning($"{Leaf}/trial_002", "seed: 2\n", epochs: 1, batches: 3);
        File.WriteAllText(Path.Combine(running, TrialFiles.PartialLog), "epoch,mode,batch,loss,bleu\n1,train,0,0.9,0.1\n1,train,1,0.8,0.2\n1,val,0,0.85,0.15\n");
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    /// <summary>The metrics the page offers: the union of the reported of trials whose state holds a result.</summary>
    private async Task<(HashSet<string> Offered, Dictionary<string, List<string>> ByTrial)> PageView()
    {
        var list = await server!.GetJson("/api/trials");
        var results = list.GetProperty("resultStates").EnumerateArray().Select(s => s.GetString()!).ToHashSet();
        var states = list.GetProperty("trials").EnumerateArray().ToDictionary(t => t.GetProperty("path").GetString()!, t => t.GetProperty("state").GetString()!);
        var body = $"{{\"trials\": [{string.Join(",", states.Keys.Select(k => $"\"{k}\""))}]}}";
        var bytes = await (await server.Http.PostAsync("/api/epochs", new StringContent(body))).Content.ReadAsByteArrayAsync();
        var header = JsonDocument.Parse(bytes.AsMemory(4, BitConverter.ToInt32(bytes, 0))).RootElement;
        var byTrial = header.GetProperty("trials").EnumerateArray().ToDictionary(t => t.GetProperty("path").GetString()!, t => t.GetProperty("reported").EnumerateArray().Select(r => r.GetString()!).ToList());
        return (byTrial.Where(kv => results.Contains(states[kv.Key])).SelectMany(kv => kv.Value).ToHashSet(), byTrial);
    }

    [Fact]
    public async Task The_states_that_hold_a_result_are_the_reports()
    {
        var list = await server!.GetJson("/api/trials");
        Assert.Equal(["complete", "other-code"], list.GetProperty("resultStates").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(TrialStateResults.Names, list.GetProperty("resultStates").EnumerateArray().Select(s => s.GetString()));
        Assert.True(TrialState.Complete.IsResult() && TrialState.OtherCode.IsResult());
        Assert.All(Enum.GetValues<TrialState>().Where(s => s is not (TrialState.Complete or TrialState.OtherCode)), s => Assert.False(s.IsResult(), s.Name()));
    }

    [Fact]
    public async Task A_metric_only_a_running_trial_has_logged_is_neither_offered_nor_reported()
    {
        var (offered, byTrial) = await PageView();
        Assert.Contains("val_bleu", byTrial[$"{Leaf}/trial_002"]); // the running trial's own log has it
        Assert.DoesNotContain("val_bleu", offered);
        Assert.DoesNotContain("train_bleu", offered);
        var refused = await server!.Http.GetAsync("/api/report?metric=val_bleu");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        // What is offered, the report ranks by.
        Assert.Contains("val_loss", offered);
        foreach (var metric in offered)
            Assert.True((await server.Http.GetAsync($"/api/report?metric={metric}")).IsSuccessStatusCode, metric);
    }
}
