using System.Net;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// x=epochf: a train row at the end of its batch, (train rows up to and including it) ÷ batches per epoch, so epoch e
/// ends at x = e; the batches per epoch are the log's own train rows per epoch (a program's trial has no train set
/// size), else the train set over batch_size; a line with neither is left out and the figure names it.
/// </summary>
public sealed class EpochFractionFigureTests : IAsyncLifetime
{
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        // 100 train samples in batches of 20: 5 batches an epoch, as the logs have.
        for (var seed = 0; seed < 2; seed++) tree.AddComplete($"sweep/mnist/mlp/adam/trial_00{seed}", $"seed: {seed}\nbatch_size: 20\n", epochs: 4, batches: 5, scale: 1 + seed);
        tree.AddComplete("sweep/mnist/mlp/sgd/trial_000", "seed: 0\n", epochs: 2, batches: 5); // no batch_size: the log's 5 rows an epoch
        // Programs' trials: no run.json data, no batch_size; 7 and 3 train rows an epoch.
        foreach (var (trial, batches) in new[] { ("trial_000", 7), ("trial_001", 3) })
        {
            var dir = tree.AddTrial($"sweep/toy/prog/big/{trial}", $"seed: 0\nwidth: {batches}\ncommand: python3 train.py\n");
            File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), LogTree.BatchLog(1, 3, batches, 1.0));
        }
        // A log of val rows only: no train epoch to count.
        var valOnly = tree.AddTrial("sweep/toy/prog/big/trial_002", "seed: 0\nwidth: 0\ncommand: python3 train.py\n");
        File.WriteAllText(Path.Combine(valOnly, TrialFiles.BatchLog), "epoch,mode,batch,loss\n1,val,0,0.5\n2,val,0,0.4\n");
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private async Task<string> Tex(string trials, string phase)
    {
        var response = await server!.Http.GetAsync($"/api/figure?{trials}&metric=loss&phase={phase}&x=epochf&group=1&format=tex&band=none");
        var tex = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, tex);
        return tex;
    }

    [Theory]
    [InlineData("trial=sweep/mnist/mlp/adam/trial_000&trial=sweep/mnist/mlp/adam/trial_001", 5, 4)] // run.json and batch_size agree with the log
    [InlineData("trial=sweep/mnist/mlp/sgd/trial_000", 5, 2)]                                          // no batch_size: the log's rows
    [InlineData("trial=sweep/toy/prog/big/trial_000", 7, 3)]                                           // a program's trial
    [InlineData("trial=sweep/toy/prog/big/trial_001", 3, 3)]
    public async Task Each_train_row_ends_at_its_batches_done_over_the_batches_per_epoch(string trials, int perEpoch, int epochs)
    {
        var tex = await Tex(trials, "train");
        var line = TexTables.Read(tex).Single();
        var group = await server!.GetJson($"/api/series-group?{trials}&phase=train&metrics=loss&points={new Dashboard.Figures.FigureRequest([], "loss").Points}");
        var mean = group.GetProperty("loss").GetProperty("mean").EnumerateArray().ToList();
        var steps = group.GetProperty("step").EnumerateArray().Select(s => s.GetDouble()).Where((_, i) => mean[i].ValueKind != System.Text.Json.JsonValueKind.Null).ToList();
        Assert.Equal(steps.Select(s => Math.Round((s + 1) / perEpoch, 5)), line.Rows.Select(r => Math.Round(r[0], 5)));
        Assert.Equal(epochs, line.Rows[^1][0], 5); // the last batch of the last epoch ends at the epoch's number
        Assert.Contains("bp) {epoch (train batches done $\\div$ batches per epoch)};", tex); // the x label's node
    }

    [Fact]
    public async Task A_val_pass_sits_where_its_epoch_ends()
    {
        var line = TexTables.Read(await Tex("trial=sweep/toy/prog/big/trial_000", "val")).Single();
        Assert.Equal([1.0, 2.0, 3.0], line.Rows.Select(r => Math.Round(r[0], 5)).Distinct());
    }

    [Fact]
    public async Task A_line_without_batches_per_epoch_is_left_out_and_named_and_alone_is_an_error()
    {
        var tex = await Tex("trial=sweep/toy/prog/big/trial_000&trial=sweep/toy/prog/big/trial_002", "val");
        Assert.Single(TexTables.Read(tex));
        Assert.Contains("left out (batches per epoch unknown):", tex);
        Assert.Contains("sweep/toy/prog/big/trial\\_002}", tex); // the note is the legend's last entry
        var response = await server!.Http.GetAsync("/api/figure?trial=sweep/toy/prog/big/trial_002&metric=loss&phase=val&x=epochf");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("x=epochf needs the batches per epoch of sweep/toy/prog/big/trial_002", await response.Content.ReadAsStringAsync());
    }
}
