using Hypergrid.Config.Search;
using Hypergrid.Running.Search;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests;

/// <summary>The value a search rung compares, read from a trial's real log: never non-finite, never an earlier epoch's in place of a non-finite one.</summary>
public sealed class RungValueTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hypergrid-rung-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private double? At(string rows, string reduce, string metric = "val_loss", int rung = 2)
    {
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), "epoch,mode,batch,loss,acc\n" + rows);
        var goal = metric.EndsWith("acc", StringComparison.Ordinal) ? "max" : "min";
        return Halving.ValueAt(LeafSnapshotReader.Log(dir), new SearchSpec(metric, goal, reduce, [rung], 0.5, false), rung);
    }

    [Theory]
    [InlineData("nan", "final")]
    [InlineData("nan", "best")]
    [InlineData("-inf", "best")]
    [InlineData("inf", "final")]
    public void A_trial_non_finite_at_its_rung_epoch_has_no_value_there(string cell, string reduce) =>
        Assert.Null(At($"1,val,0,0.01,0.99\n2,val,0,{cell},{cell}\n3,val,0,0.2,0.5\n", reduce));

    [Theory]
    [InlineData("val_loss", 0.3)]
    [InlineData("val_acc", 0.6)]
    public void A_best_at_a_rung_passes_over_earlier_non_finite_epochs(string metric, double expected) =>
        Assert.Equal(expected, At("1,val,0,nan,inf\n2,val,0,0.3,0.6\n", "best", metric));
}
