using System.Globalization;
using System.Text;
using System.Text.Json;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// x.scale of GET /api/series and x.scales of /api/series-group: what one train step was on the axis for the places
/// answered. A running trial by epochs as a fraction is placed by its train set ÷ batch_size (rounded up) until its first
/// epoch ends, then by its log's own rows per epoch; a loader that drops the last short batch (10,000 samples, batch 64:
/// 156 rows where 157 were reckoned) changes the scale, and the answer says so, so the page knows its earlier buckets'
/// places are stale.
/// </summary>
public sealed class RunningScaleApiTests : IAsyncLifetime
{
    private const string Leaf = "sweep/mnist/mlp/adam";
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        foreach (var seed in new[] { 0, 1 })
        {
            var dir = tree.AddTrial($"{Leaf}/trial_00{seed}", $"seed: {seed}\nbatch_size: 64\n");
            File.WriteAllText(Path.Combine(dir, TrialFiles.Claim), $"{{\"host\":\"{Environment.MachineName}\",\"pid\":{Environment.ProcessId}}}");
            new RunRecord { Status = RunStatus.Running, Data = new DataRecord("mnist", "test data", 10_000, 2_000, "x") }.Write(dir);
            File.WriteAllText(Path.Combine(dir, TrialFiles.PartialLog), "epoch,mode,batch,loss,acc\n" + Rows(1, 0, 100));
        }
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private static string Rows(int epoch, int from, int to, bool ends = false)
    {
        var sb = new StringBuilder();
        for (var b = from; b < to; b++) sb.Append(CultureInfo.InvariantCulture, $"{epoch},train,{b},{1.0 / (1 + b)},0.5\n");
        if (ends) sb.Append(CultureInfo.InvariantCulture, $"{epoch},val,0,0.5,0.6\n");
        return sb.ToString();
    }

    // The loader drops the last short batch: epoch 1 ends after 156 train rows, epoch 2 begins.
    private void EndFirstEpoch(int seed) =>
        File.AppendAllText(Path.Combine(tree.Trial($"{Leaf}/trial_00{seed}"), TrialFiles.PartialLog), Rows(1, 100, 156, ends: true) + Rows(2, 0, 10));

    private static double?[] Numbers(JsonElement a) => a.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();

    private async Task<JsonElement> TrialX(int seed) =>
        (await server!.GetJson($"/api/series/{Leaf}/trial_00{seed}?phase=train&metrics=loss&x=epochf&from=0&width=1")).GetProperty("x");

    private async Task<JsonElement> GroupX() =>
        (await server!.GetJson($"/api/series-group?trial={Leaf}/trial_000&trial={Leaf}/trial_001&phase=train&metrics=loss&x=epochf")).GetProperty("x");

    [Fact]
    public async Task A_running_trials_scale_by_epochs_changes_when_its_first_epoch_ends_shorter_than_reckoned()
    {
        var before = await TrialX(0);
        Assert.Equal(1.0 / 157, before.GetProperty("scale").GetDouble(), 12);
        // The places answered are by that scale: the 100th row at 100/157.
        Assert.Equal(100.0 / 157, Numbers(before.GetProperty("last"))[99]!.Value, 12);

        EndFirstEpoch(0);
        // The lookup keeps its scan a second; the epoch log is read afresh once the file changed.
        var after = await Eventually(async () => await TrialX(0), x => x.GetProperty("scale").GetDouble() != 1.0 / 157);
        Assert.Equal(1.0 / 156, after.GetProperty("scale").GetDouble(), 12);
        Assert.Equal(100.0 / 156, Numbers(after.GetProperty("last"))[99]!.Value, 12);
    }

    [Fact]
    public async Task A_group_answers_each_seeds_scale_in_the_order_asked()
    {
        var before = Numbers((await GroupX()).GetProperty("scales"));
        Assert.Equal([1.0 / 157, 1.0 / 157], before.Select(v => v!.Value));

        EndFirstEpoch(1);
        var after = await Eventually(GroupX, x => Numbers(x.GetProperty("scales"))[1] != 1.0 / 157);
        Assert.Equal([1.0 / 157, 1.0 / 156], Numbers(after.GetProperty("scales")).Select(v => v!.Value));
    }

    [Fact]
    public async Task The_step_axis_scale_is_one_and_samples_the_batch_size()
    {
        var step = (await server!.GetJson($"/api/series/{Leaf}/trial_000?phase=train&metrics=loss&x=step")).GetProperty("x");
        Assert.Equal(1, step.GetProperty("scale").GetDouble());
        var samples = (await server!.GetJson($"/api/series/{Leaf}/trial_000?phase=train&metrics=loss&x=samples")).GetProperty("x");
        Assert.Equal(64, samples.GetProperty("scale").GetDouble());
    }

    private static async Task<JsonElement> Eventually(Func<Task<JsonElement>> ask, Func<JsonElement, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var got = await ask();
            if (done(got) || DateTime.UtcNow > until) return got;
            await Task.Delay(100);
        }
    }
}
