namespace Hypergrid.Trials.Tests;

/// <summary>
/// A batch log that is a link out of out/log is judged without being opened, by every reader (by path, as status and
/// report read a trial, and through a folder opened beneath out/log, as the trial list does): damaged, saying it leads
/// out, whatever the file out there holds. A link that stays beneath out/log is still followed.
/// </summary>
public sealed class TrialRecordLinkOutTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-log-link-out-").FullName;
    private string Log => Path.Combine(root, "log");
    private static readonly TrialId Id = new("sweep", "mnist", "mlp", "adam", 0);
    private string Trial => Id.DirectoryUnder(Log);
    private string BatchLog => Path.Combine(Trial, TrialFiles.BatchLog);

    public TrialRecordLinkOutTests()
    {
        Directory.CreateDirectory(Trial);
        Directory.CreateDirectory(Path.Combine(root, "outside"));
        new RunRecord { Status = RunStatus.Complete }.Write(Trial);
    }

    public void Dispose() => Directory.Delete(root, true);

    private TrialRecord Read(bool opened)
    {
        if (!opened) return TrialRecord.Read(Trial, Id, paramsSha256: null);
        using var folder = new TrialFolderOpener(Log).Open(Trial);
        return TrialRecord.Read(folder, Id, _ => null);
    }

    // The log out there: whole (a header and a row) or damaged (no header naming epoch, mode and batch).
    private string Outside(bool sound)
    {
        var path = Path.Combine(root, "outside", "batch_log.csv");
        File.WriteAllText(path, sound ? "epoch,mode,batch\n1,train,0\n" : "nothing,here\n1,2\n");
        return path;
    }

    [Theory]
    [InlineData(true, true, false)]
    [InlineData(false, true, false)]
    [InlineData(true, false, false)]
    [InlineData(false, false, false)]
    [InlineData(true, true, true)]
    [InlineData(false, false, true)]
    public void A_batch_log_linked_out_of_out_log_is_damaged_whatever_it_holds(bool sound, bool absolute, bool opened)
    {
        var target = Outside(sound);
        File.CreateSymbolicLink(BatchLog, absolute ? target : "../../../../../../outside/batch_log.csv");
        var record = Read(opened);
        Assert.Equal(TrialState.Damaged, record.State);
        Assert.Equal("batch_log.csv is a link out of out/log (not read); --rerun-damaged retrains it", record.Note);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_batch_log_linked_to_another_trials_log_within_out_log_is_followed(bool opened)
    {
        var other = new TrialId("sweep", "mnist", "mlp", "sgd", 3).DirectoryUnder(Log);
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, TrialFiles.BatchLog), "epoch,mode,batch\n1,train,0\n");
        File.CreateSymbolicLink(BatchLog, "../../sgd/trial_003/batch_log.csv");
        Assert.Equal(TrialState.Complete, Read(opened).State);
        File.WriteAllText(Path.Combine(other, TrialFiles.BatchLog), "nothing,here\n1,2\n");
        Assert.Contains("is damaged", Read(opened).Note);
    }

    [Fact]
    public void A_trial_folder_laid_out_otherwise_follows_links_only_within_itself()
    {
        var dir = Path.Combine(root, "loose");
        Directory.CreateDirectory(dir);
        new RunRecord { Status = RunStatus.Complete }.Write(dir);
        File.WriteAllText(Path.Combine(dir, "log.csv"), "epoch,mode,batch\n1,train,0\n");
        File.CreateSymbolicLink(Path.Combine(dir, TrialFiles.BatchLog), "log.csv");
        Assert.Equal(TrialState.Complete, TrialRecord.Read(dir, Id, paramsSha256: null).State);
        File.Delete(Path.Combine(dir, TrialFiles.BatchLog));
        File.CreateSymbolicLink(Path.Combine(dir, TrialFiles.BatchLog), Outside(sound: true));
        Assert.Equal(TrialState.Damaged, TrialRecord.Read(dir, Id, paramsSha256: null).State);
    }
}
