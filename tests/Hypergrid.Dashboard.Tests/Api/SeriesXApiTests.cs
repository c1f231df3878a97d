using System.Net;
using System.Text.Json;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// x= of GET /api/series and /api/series-group: each bucket's place on the axis asked for (StepX's rule), by the batches
/// per epoch of the log's own finished epochs (not the epoch a running trial is in, not run.json's train set when the
/// log says otherwise); what a trial lacks to be placed, said instead of a place; an unknown axis a 400.
/// </summary>
public sealed class SeriesXApiTests : IAsyncLifetime
{
    private const string Leaf = "sweep/mnist/mlp/adam";
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        // run.json says 100 train samples (4 batches of 32), the log 5 train rows an epoch: the log's rows count.
        tree.AddComplete($"{Leaf}/trial_000", "seed: 0\nbatch_size: 32\n", epochs: 3, batches: 5);
        tree.AddComplete($"{Leaf}/trial_001", "seed: 1\nbatch_size: 32\n", epochs: 3, batches: 5);
        // Running in its second epoch (its file holds two): the first is finished, 5 rows.
        tree.AddRunning($"{Leaf}/trial_002", "seed: 2\nbatch_size: 16\n", epochs: 2, batches: 5);
        // Running in its first epoch, no run.json yet: batches per epoch unknown.
        tree.AddRunning($"{Leaf}/trial_003", "seed: 3\nbatch_size: 16\n", epochs: 1, batches: 5);
        // No batch_size: not on the samples axis.
        tree.AddComplete("sweep/mnist/mlp/sgd/trial_000", "seed: 0\n", epochs: 1, batches: 5);
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private static double?[] Numbers(JsonElement a) => a.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();

    [Theory]
    [InlineData("trial_000", "train", new[] { 0.2, 0.4, 0.6, 0.8, 1.0 })]    // the fifth train row ends epoch 1
    [InlineData("trial_000", "val", new[] { 1.0, 2.0, 3.0 })]                // each val pass where its epoch ended
    [InlineData("trial_002", "train", new[] { 0.2, 0.4, 0.6, 0.8, 1.0 })]    // running: its finished first epoch's 5 rows
    public async Task Epochs_as_a_fraction_count_the_logs_own_rows_of_a_finished_epoch(string trial, string phase, double[] first)
    {
        var body = await server!.GetJson($"/api/series/{Leaf}/{trial}?phase={phase}&metrics=loss&x=epochf");
        var x = body.GetProperty("x");
        Assert.Equal("epochf", x.GetProperty("axis").GetString());
        var places = Numbers(x.GetProperty("last")).Where(v => v is not null).Select(v => Math.Round(v!.Value, 9)).Distinct().ToList();
        Assert.Equal(first, places.Take(first.Length));
    }

    [Fact]
    public async Task A_trial_in_its_first_epoch_without_a_train_set_size_says_it_has_no_batches_per_epoch_yet()
    {
        var x = (await server!.GetJson($"/api/series/{Leaf}/trial_003?phase=train&metrics=loss&x=epochf")).GetProperty("x");
        Assert.Equal("batches per epoch", x.GetProperty("missing").GetString());
        Assert.False(x.TryGetProperty("mean", out _));
    }

    [Fact]
    public async Task Samples_seen_without_batch_size_say_so_for_a_trial_and_for_its_group()
    {
        var one = (await server!.GetJson("/api/series/sweep/mnist/mlp/sgd/trial_000?phase=train&metrics=loss&x=samples")).GetProperty("x");
        Assert.Equal("batch_size", one.GetProperty("missing").GetString());
        var group = (await server!.GetJson("/api/series-group?trial=sweep/mnist/mlp/sgd/trial_000&phase=train&metrics=loss&x=samples")).GetProperty("x");
        Assert.Equal("batch_size", group.GetProperty("missing").GetString());
    }

    [Fact]
    public async Task A_group_sits_at_its_members_places_by_samples_seen()
    {
        var body = await server!.GetJson($"/api/series-group?trial={Leaf}/trial_000&trial={Leaf}/trial_001&phase=train&metrics=loss&x=samples");
        // 15 train rows, each a bucket at the end of its batch; the last step (15: the last val pass) has no train row.
        Assert.Equal([.. Enumerable.Range(1, 15).Select(s => (double?)s * 32), null], Numbers(body.GetProperty("x").GetProperty("mean")));
        Assert.False(body.GetProperty("x").GetProperty("logged").GetBoolean());
    }

    [Theory]
    [InlineData("/api/series/sweep/mnist/mlp/adam/trial_000?x=time")]
    [InlineData("/api/series-group?trial=sweep/mnist/mlp/adam/trial_000&x=epoch")]
    public async Task An_axis_not_drawn_by_step_is_a_400_naming_the_ones_there_are(string url)
    {
        var response = await server!.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("write x=step, x=samples or x=epochf", await response.Content.ReadAsStringAsync());
    }
}
