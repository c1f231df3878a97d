using Hypergrid.Running.Search;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests.Search;

/// <summary>
/// A search reads a committed trial log as the report and the page do (the leaf as root): a batch_log.csv that is a link
/// to another trial's log in the same leaf is followed, one leading out of the leaf reads as no log.
/// </summary>
public sealed class LeafSnapshotLogTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-leaflog-").FullName;

    public void Dispose() => Directory.Delete(root, true);

    private string Trial(string leaf, int number, string? loss)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, leaf, TrialFiles.FolderName(number))).FullName;
        if (loss is not null) File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), $"epoch,mode,batch,loss\n1,val,0,{loss}\n");
        return dir;
    }

    [Fact]
    public void A_link_to_another_trial_of_the_leaf_is_followed()
    {
        Trial("leaf", 1, "0.25");
        var linked = Trial("leaf", 2, null);
        File.CreateSymbolicLink(Path.Combine(linked, TrialFiles.BatchLog), Path.Combine("..", TrialFiles.FolderName(1), TrialFiles.BatchLog));
        Assert.Equal(0.25, LeafSnapshotReader.Log(linked)!.Get(0, "loss"));
    }

    [Fact]
    public void A_link_out_of_the_leaf_reads_as_no_log()
    {
        var other = Trial("other", 1, "0.25");
        var linked = Trial("leaf", 2, null);
        File.CreateSymbolicLink(Path.Combine(linked, TrialFiles.BatchLog), Path.Combine(other, TrialFiles.BatchLog));
        Assert.Null(LeafSnapshotReader.Log(linked));
        Assert.Equal(0.25, LeafSnapshotReader.Log(other)!.Get(0, "loss")); // the file itself reads
    }
}
