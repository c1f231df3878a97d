using System.Globalization;
using System.Net;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>x=epochf: each train step is one over the trial's batches per epoch (its train set over its batch size), so epochs are fractions and every batch is drawn.</summary>
public sealed class EpochFractionFigureTests : IAsyncLifetime
{
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        // 100 train samples in batches of 20: 5 batches an epoch, as the logs have.
        for (var seed = 0; seed < 2; seed++) tree.AddComplete($"sweep/mnist/mlp/adam/trial_00{seed}", $"seed: {seed}\nbatch_size: 20\n", epochs: 4, batches: 5, scale: 1 + seed);
        tree.AddComplete("sweep/mnist/mlp/sgd/trial_000", "seed: 0\n", epochs: 2, batches: 5); // no batch_size
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    [Fact]
    public async Task Each_step_is_a_fifth_of_an_epoch_when_an_epoch_is_five_batches()
    {
        const string trials = "trial=sweep/mnist/mlp/adam/trial_000&trial=sweep/mnist/mlp/adam/trial_001";
        var response = await server!.Http.GetAsync($"/api/figure?{trials}&metric=loss&phase=train&x=epochf&group=1&format=tex");
        var tex = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, tex);
        var line = TexTables.Read(tex).Single(p => !p.IsBand);
        var group = await server.GetJson($"/api/series-group?{trials}&phase=train&metrics=loss&points={new Dashboard.Figures.FigureRequest([], "loss").Points}");
        var mean = group.GetProperty("loss").GetProperty("mean").EnumerateArray().ToList();
        // Buckets with a train row (the last val pass sits one step past the last train row).
        var steps = group.GetProperty("step").EnumerateArray().Select(s => s.GetDouble()).Where((_, i) => mean[i].ValueKind != System.Text.Json.JsonValueKind.Null).ToList();
        Assert.Equal(steps.Count, line.Rows.Count);
        for (var i = 0; i < steps.Count; i++) Assert.Equal(steps[i] / 5, line.Rows[i][0], 12);
        Assert.Equal(4 - 0.2, line.Rows[^1][0], 9); // the last batch of epoch 4 starts at 3.8 epochs
        Assert.Contains("xlabel={epoch (train steps $\\div$ batches per epoch)}", tex);
    }

    [Fact]
    public async Task A_trial_without_a_batch_size_says_what_epochf_needs()
    {
        var response = await server!.Http.GetAsync("/api/figure?trial=sweep/mnist/mlp/sgd/trial_000&metric=loss&x=epochf");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("x=epochf needs batch_size", await response.Content.ReadAsStringAsync());
    }
}
