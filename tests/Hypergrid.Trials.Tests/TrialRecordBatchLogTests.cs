namespace Hypergrid.Trials.Tests;

// A trial's batch log is opened at once (no stat first): whatever stands under its name reads as it did when it was
// asked for first (File.Exists, then opened).
public sealed class TrialRecordBatchLogTests : IDisposable
{
    private static readonly TrialId Id = new("sweep", "synthetic", "mlp", "adam", 0);
    private readonly string dir = Directory.CreateTempSubdirectory("hypergrid-batch-log-").FullName;
    private string Log => Path.Combine(dir, TrialFiles.BatchLog);

    public TrialRecordBatchLogTests() => new RunRecord { Status = RunStatus.Complete }.Write(dir);

    public void Dispose() => Directory.Delete(dir, true);

    private TrialRecord Read() => TrialRecord.Read(dir, Id, paramsSha256: null);

    [Fact]
    public void A_folder_named_as_the_batch_log_is_no_log_and_the_trial_is_not_damaged()
    {
        Directory.CreateDirectory(Log);
        Assert.Equal(TrialState.Pending, Read().State);
    }

    [Theory]
    [InlineData(true)]  // an absolute link
    [InlineData(false)] // a relative one
    public void A_link_to_a_log_with_rows_is_followed(bool absolute)
    {
        File.WriteAllText(Path.Combine(dir, "log.csv"), "epoch,mode,batch\n1,train,0\n");
        File.CreateSymbolicLink(Log, absolute ? Path.Combine(dir, "log.csv") : "log.csv");
        Assert.Equal(TrialState.Complete, Read().State);
    }

    [Fact]
    public void A_link_to_nothing_is_a_batch_log_that_is_not_a_regular_file()
    {
        File.CreateSymbolicLink(Log, Path.Combine(dir, "gone.csv"));
        var record = Read();
        Assert.Equal(TrialState.Damaged, record.State);
        Assert.Contains("not a regular file", record.Note);
    }

    [Theory]
    [InlineData("epoch,mode,batch\n", "has no rows")]
    [InlineData("epoch,mode,loss\n1,train,0.5\n", "is damaged")]
    public void A_log_without_rows_or_its_columns_is_damaged_saying_which(string text, string says)
    {
        File.WriteAllText(Log, text);
        var record = Read();
        Assert.Equal(TrialState.Damaged, record.State);
        Assert.Contains(says, record.Note);
    }
}
