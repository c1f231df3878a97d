namespace Hypergrid.Trials.Tests;

/// <summary>A complete result whose last val loss is not finite reads as diverged, with a note saying what that means.</summary>
public sealed class DivergedRecordTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hypergrid-diverged-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private TrialRecord Read(double? valLoss, string ranWith = "abc", string now = "abc")
    {
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), "epoch,mode,batch,loss\n1,val,0,1\n");
        new RunRecord { Status = RunStatus.Complete, ParamsSha256 = ranWith, Final = new() { ["val_loss"] = valLoss } }.Write(dir);
        return TrialRecord.Read(dir, new TrialId("sweep", "d", "m", "t", 0), now);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_non_finite_final_val_loss_is_diverged(double loss)
    {
        var record = Read(loss);
        Assert.Equal(TrialState.Diverged, record.State);
        Assert.Contains("diverged", record.Note);
        Assert.Null(record.TrainedConfig); // nothing to promote
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(null)]
    public void A_finite_or_absent_final_val_loss_is_complete(double? loss) => Assert.Equal(TrialState.Complete, Read(loss).State);

    [Fact]
    public void A_diverged_result_whose_config_changed_is_stale_and_retrained_by_rerun_stale() =>
        Assert.Equal(TrialState.Stale, Read(double.NaN, "abc", "def").State);

    // A log without val rows: the same rule as the report's (EpochTable.Diverged), from the final metrics the worker writes.
    [Theory]
    [InlineData("epoch,mode,batch,loss\n1,train,0,0.5\n2,train,0,nan\n", true)]
    [InlineData("epoch,mode,batch,loss\n1,train,0,0.5\n2,train,0,-inf\n", true)]
    [InlineData("epoch,mode,batch,loss\n1,train,0,nan\n2,train,0,0.5\n", false)]
    [InlineData("epoch,mode,batch,loss\n1,train,0,0.5\n1,val,0,0.4\n2,train,0,nan\n2,val,0,0.3\n", false)]
    public void A_result_without_val_rows_is_diverged_by_its_last_train_loss_as_the_report_judges_it(string log, bool diverged)
    {
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), log);
        var table = Hypergrid.Trials.Logs.EpochAggregator.FromBytes(System.Text.Encoding.UTF8.GetBytes(log))!;
        new RunRecord { Status = RunStatus.Complete, ParamsSha256 = "abc", Final = table.FinalMetrics() }.Write(dir);
        Assert.Equal(diverged, table.Diverged);
        Assert.Equal(diverged ? TrialState.Diverged : TrialState.Complete, TrialRecord.Read(dir, new TrialId("sweep", "d", "m", "t", 0), "abc").State);
    }
}
