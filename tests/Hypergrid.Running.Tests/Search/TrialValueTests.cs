using Hypergrid.Running.Search;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests.Search;

/// <summary>
/// Adaptive seeds decide from a trial's value read as report, the page and the search snapshot read it: through the
/// cached epoch log (built from the batch log on a first read), so all of them see the same numbers from one reader.
/// </summary>
public sealed class TrialValueTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-trialvalue-").FullName;

    public void Dispose() => Directory.Delete(root, true);

    private string Trial(string rows)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, "leaf", TrialFiles.FolderName(1))).FullName;
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), "epoch,mode,batch,loss\n" + rows);
        return dir;
    }

    [Theory]
    [InlineData("final", "min", 0.3)]
    [InlineData("best", "min", 0.2)]
    [InlineData("best", "max", 0.5)]
    public void The_value_is_the_metric_reduced_over_the_epochs(string reduce, string goal, double expected)
    {
        var dir = Trial("1,val,0,0.5\n2,val,0,0.2\n3,val,0,0.3\n");
        Assert.Equal(expected, TrialValue.Of(dir, "val_loss", reduce, goal));
    }

    [Fact]
    public void The_value_is_read_through_the_cached_epoch_log_as_report_reads_it()
    {
        var dir = Trial("1,val,0,0.5\n2,val,0,0.25\n");
        Assert.Equal(0.25, TrialValue.Of(dir, "val_loss", "final", "min"));
        var epochLog = Path.Combine(dir, TrialFiles.EpochLog);
        Assert.True(File.Exists(epochLog)); // built and cached on the first read
        // A fresh cache is what report reads; so does the decision.
        File.WriteAllText(epochLog, File.ReadAllText(epochLog).Replace("0.25", "0.125"));
        File.SetLastWriteTimeUtc(epochLog, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(0.125, TrialValue.Of(dir, "val_loss", "final", "min"));
    }

    [Theory]
    [InlineData("1,val,0,nan\n")]
    [InlineData("1,train,0,0.5\n")]
    public void A_log_without_a_finite_value_of_the_metric_has_none(string rows) =>
        Assert.Null(TrialValue.Of(Trial(rows), "val_loss", "final", "min"));

    [Fact]
    public void A_trial_without_a_batch_log_has_no_value()
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, "leaf", TrialFiles.FolderName(2))).FullName;
        Assert.Null(TrialValue.Of(dir, "val_loss", "final", "min"));
    }
}
