using Hypergrid.Config;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Series;
using Hypergrid.Dashboard.Trials;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// A range with nothing in it names the x extent the selection has on that axis and the range to write (audit 5's
/// defect 5: "nothing to draw" with neither), by every axis.
/// </summary>
public sealed class RangeErrorTests : IDisposable
{
    private readonly LogTree tree = new();

    public RangeErrorTests()
    {
        // 3 epochs of 10 batches, batch_size 32: train rows at steps 0-29, samples up to 960, epochs 1-3.
        tree.AddComplete("sweep/mnist/mlp/adam/trial_000", "seed: 0\nbatch_size: 32\n", epochs: 3, batches: 10);
    }

    public void Dispose() => tree.Dispose();

    private async Task<string> Refused(string x, double from, double to)
    {
        var trials = FigureTrials.Under(new TrialScanner(tree.Log));
        var request = new FigureRequest([], "loss") { X = x, From = from, To = to, Phases = ["train"] };
        var e = await Assert.ThrowsAsync<UsageException>(() => new FigureBuilder(new SeriesStore(tree.Log), new EpochLogStore(tree.Log)).BuildAsync(trials, request));
        return e.Message;
    }

    [Theory]
    [InlineData("epoch", 5, 10, "x runs over epochs 1-3", "--from 1 --to 4")]
    [InlineData("step", 500, 600, "x runs 0-29 train steps", "--from 0 --to 30")]
    [InlineData("samples", 5000, 6000, "x runs 0-960 samples seen", "--from 0 --to 960")]
    [InlineData("epochf", 5, 10, "x runs 0-3 epochs", "--from 0 --to 3")]
    public async Task A_range_past_the_data_names_the_axis_extent_and_the_range_to_write(string x, double from, double to, string extent, string fix)
    {
        var message = await Refused(x, from, to);
        Assert.DoesNotContain("--from 5 ", message); // not the range asked
        Assert.Contains("nothing to draw", message);
        Assert.Contains(extent, message);
        Assert.Contains(fix, message);
    }
}
