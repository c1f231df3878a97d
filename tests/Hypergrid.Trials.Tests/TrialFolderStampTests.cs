using System.Diagnostics;
using Hypergrid.Trials.Posix;

namespace Hypergrid.Trials.Tests;

/// <summary>
/// What a trial folder that stamps its reads says of each file (the trial list's index keeps it): the stamp of the very
/// file read, equal to a statx of its path (the same device, inode, size and times, decoded from fstat's buffer) and to
/// a statx relative to the folder; absent for a missing file; nothing for a file it could not open itself (a link) or
/// that is not regular (a FIFO, a folder), so that no such trial is indexed.
/// </summary>
public sealed class TrialFolderStampTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-folder-stamp-").FullName;
    private string Log => Path.Combine(root, "log");
    private string Trial => Path.Combine(Log, "sweep", "mnist", "mlp", "adam", "trial_000");

    public TrialFolderStampTests()
    {
        Directory.CreateDirectory(Trial);
        File.WriteAllText(Path.Combine(Trial, "real.txt"), "inside");
    }

    public void Dispose() => Directory.Delete(root, true);

    private TrialFolder Open(bool stamping = true) => new TrialFolderOpener(Log) { Stamping = stamping }.Open(Trial);

    [Theory]
    [InlineData("")]
    [InlineData("epoch,mode,batch\n1,train,0\n")]
    public void A_regular_file_read_is_stamped_as_statx_stamps_its_path_and_as_the_folder_stamps_it_now(string content)
    {
        var path = Path.Combine(Trial, "run.json");
        File.WriteAllText(path, content);
        using var folder = Open();
        _ = folder.ReadOwn("run.json");
        var read = folder.ReadStamp("run.json");
        Assert.NotNull(read);
        Assert.Equal(FileStamp.Of(path), read);
        Assert.Equal(FileStamp.Of(path), folder.Stamp("run.json"));
        Assert.Equal(content.Length, read.Value.Size);
    }

    [Fact]
    public void A_missing_file_is_absent_and_one_never_opened_or_a_folder_not_stamping_says_nothing()
    {
        using (var folder = Open())
        {
            Assert.Null(folder.ReadOwn("run.json"));
            Assert.Equal(FileStamp.Absent, folder.ReadStamp("run.json"));
            Assert.Equal(FileStamp.Absent, folder.Stamp("run.json"));
            Assert.Null(folder.ReadStamp("cfg.yaml"));
        }
        File.WriteAllText(Path.Combine(Trial, "run.json"), "{}");
        using var quiet = Open(stamping: false);
        _ = quiet.ReadOwn("run.json");
        Assert.Null(quiet.ReadStamp("run.json"));
    }

    [Theory]
    [InlineData("link inside")]
    [InlineData("fifo")]
    [InlineData("folder")]
    public void A_link_a_fifo_or_a_folder_is_not_stamped(string kind)
    {
        var path = Path.Combine(Trial, "batch_log.csv");
        switch (kind)
        {
            case "link inside": File.CreateSymbolicLink(path, "real.txt"); break;
            case "folder": Directory.CreateDirectory(path); break;
            default: using (var p = Process.Start("mkfifo", path)) p.WaitForExit(); break;
        }
        using var folder = Open();
        var (opened, _) = folder.OpenFollowing("batch_log.csv", TrialId.FromDirectory(Trial));
        opened?.Handle.Dispose();
        Assert.Null(folder.ReadStamp("batch_log.csv"));
        Assert.Null(folder.Stamp("batch_log.csv"));
    }

    [Fact]
    public void A_file_replaced_or_rewritten_in_place_with_its_time_set_back_stamps_differently()
    {
        var path = Path.Combine(Trial, "cfg.yaml");
        File.WriteAllText(path, "lr: 0.001\n");
        using var folder = Open();
        _ = folder.ReadBeneath(Log, "cfg.yaml");
        var read = folder.ReadStamp("cfg.yaml")!.Value;
        var written = File.GetLastWriteTimeUtc(path);
        Thread.Sleep(20);
        File.WriteAllText(path, "lr: 0.002\n");
        File.SetLastWriteTimeUtc(path, written);
        var now = folder.Stamp("cfg.yaml")!.Value;
        Assert.Equal((read.Ino, read.Size), (now.Ino, now.Size));
        Assert.NotEqual(read, now); // the change time moved
        File.WriteAllText(path + ".new", "lr: 0.001\n");
        File.Move(path + ".new", path, overwrite: true);
        Assert.NotEqual(read.Ino, folder.Stamp("cfg.yaml")!.Value.Ino);
    }
}
