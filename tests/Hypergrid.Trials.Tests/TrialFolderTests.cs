using System.Diagnostics;

namespace Hypergrid.Trials.Tests;

/// <summary>
/// A trial folder opened once (its files opened by name relative to its descriptor) reads each file as the path readers
/// do, whatever the file is (regular, missing, a link within out/log or out of it, a FIFO, a folder); a trial folder that
/// is a link is read by paths; and what it reads is the folder it opened, even when its path names another one since.
/// </summary>
public sealed class TrialFolderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-trial-folder-").FullName;
    private string Log => Path.Combine(root, "log");
    private string Leaf => Path.Combine(Log, "sweep", "mnist", "mlp", "adam");
    private string Trial => Path.Combine(Leaf, "trial_000");

    public TrialFolderTests()
    {
        Directory.CreateDirectory(Trial);
        Directory.CreateDirectory(Path.Combine(root, "outside"));
        File.WriteAllText(Path.Combine(root, "outside", "secret"), "SECRET");
        File.WriteAllText(Path.Combine(Trial, "real.txt"), "inside");
    }

    public void Dispose() => Directory.Delete(root, true);

    private void Make(string kind, string path)
    {
        switch (kind)
        {
            case "regular": File.WriteAllText(path, "epoch,mode,batch\n1,train,0\n"); break;
            case "empty": File.WriteAllText(path, ""); break;
            case "missing": break;
            case "link inside": File.CreateSymbolicLink(path, "real.txt"); break;
            case "absolute link inside": File.CreateSymbolicLink(path, Path.Combine(Trial, "real.txt")); break;
            case "link out": File.CreateSymbolicLink(path, Path.Combine(root, "outside", "secret")); break;
            case "relative link out": File.CreateSymbolicLink(path, "../../../../../../outside/secret"); break;
            case "dangling link": File.CreateSymbolicLink(path, "gone.txt"); break;
            case "folder": Directory.CreateDirectory(path); break;
            case "fifo": using (var p = Process.Start("mkfifo", path)) p.WaitForExit(); break;
        }
    }

    public static TheoryData<string> Kinds => new() { "regular", "empty", "missing", "link inside", "absolute link inside", "link out", "relative link out", "dangling link", "folder", "fifo" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_of_file_reads_through_the_opened_folder_as_the_path_readers_read_it(string kind)
    {
        var path = Path.Combine(Trial, "run.json");
        Make(kind, path);
        var opener = new TrialFolderOpener(Log);
        using var folder = opener.Open(Trial);
        Assert.True(folder.Opened);
        Assert.Equal(SafeFiles.ReadOwnBytes(path), folder.ReadOwn("run.json"));
        Assert.Equal(SafeFiles.ReadAll(Log, path), folder.ReadBeneath(Log, "run.json"));
        var byPath = SafeFiles.OpenFollowing(Log, path);
        var (opened, missing) = folder.OpenFollowing("run.json", TrialId.FromDirectory(Trial));
        Assert.Equal((byPath is null, byPath?.Regular, byPath?.Length), (opened is null, opened?.Regular, opened?.Length));
        Assert.Equal(kind == "missing", missing);
        byPath?.Handle.Dispose();
        opened?.Handle.Dispose();
    }

    [Fact]
    public void A_link_out_of_out_log_reads_as_absent_and_a_link_within_it_is_followed_where_the_path_readers_follow_it()
    {
        Make("link out", Path.Combine(Trial, "cfg.yaml"));
        Make("link inside", Path.Combine(Trial, "alias.txt"));
        var opener = new TrialFolderOpener(Log);
        using var folder = opener.Open(Trial);
        Assert.Null(folder.ReadBeneath(Log, "cfg.yaml"));
        Assert.Null(folder.ReadOwn("cfg.yaml"));
        Assert.Equal("inside"u8.ToArray(), folder.ReadBeneath(Log, "alias.txt"));
        Assert.Null(folder.ReadOwn("alias.txt")); // a trial's own file is never a link
    }

    [Fact]
    public void A_trial_folder_that_is_a_link_within_out_log_is_opened_through_it()
    {
        var link = Path.Combine(Leaf, "trial_001");
        Directory.CreateSymbolicLink(link, Trial);
        // The folder's time is the folder's it leads to, not the link's own (they differ unless made in one clock tick).
        var written = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        Directory.SetLastWriteTimeUtc(Trial, written);
        using var folder = new TrialFolderOpener(Log).Open(link);
        Assert.True(folder.Opened);
        Assert.Equal(written, folder.LastWriteTimeUtc());
        Assert.Equal("inside"u8.ToArray(), folder.ReadOwn("real.txt"));
    }

    // What a trial folder swapped for a link out of out/log (after the listing, which leaves such links out) reads: nothing,
    // not even its own run.json, which a reader by path would have read through the link.
    [Theory]
    [InlineData("absolute")]
    [InlineData("relative")]
    public void A_trial_folder_that_is_a_link_out_of_out_log_reads_nothing(string kind)
    {
        File.WriteAllText(Path.Combine(root, "outside", "run.json"), "{\"status\":\"failed\",\"error\":\"SECRET\"}");
        File.WriteAllText(Path.Combine(root, "outside", "batch_log.csv"), "epoch,mode,batch\n");
        var link = Path.Combine(Leaf, "trial_001");
        Directory.CreateSymbolicLink(link, kind == "absolute" ? Path.Combine(root, "outside") : "../../../../../outside");
        Assert.NotNull(SafeFiles.ReadOwnBytes(Path.Combine(link, "run.json"))); // what a path reader reads
        using var folder = new TrialFolderOpener(Log).Open(link);
        Assert.False(folder.Opened);
        Assert.Null(folder.ReadOwn("run.json"));
        Assert.Null(folder.ReadBeneath(Log, "run.json"));
        Assert.Equal((null, true), folder.OpenFollowing("batch_log.csv", TrialId.FromDirectory(link)));
        Assert.Null(RunRecord.TryRead(folder));
        // Nor is the trial judged from a claim, decisions or checkpoints read through the link: a live claim out there
        // made it "running", with that claim's host and pid.
        File.Delete(Path.Combine(root, "outside", "batch_log.csv"));
        File.WriteAllText(Path.Combine(root, "outside", "claim.json"), $"{{\"host\":\"{Environment.MachineName}\",\"pid\":{Environment.ProcessId}}}");
        Assert.Equal(TrialState.Running, TrialRecord.Read(link, TrialId.FromDirectory(link), (string?)null).State); // what a path reader makes of it
        var record = TrialRecord.Read(folder, TrialId.FromDirectory(link), _ => null);
        Assert.Equal(TrialState.Pending, record.State);
        Assert.Null(record.Claim);
        Assert.Null(record.Note);
    }

    [Fact]
    public void A_leaf_swapped_for_a_link_out_while_its_trials_are_opened_has_its_later_trials_read_as_nothing()
    {
        var second = Path.Combine(Leaf, "trial_001");
        Directory.CreateDirectory(second);
        File.WriteAllText(Path.Combine(second, "run.json"), "{\"status\":\"failed\",\"error\":\"SECRET\"}");
        var opener = new TrialFolderOpener(Log);
        using (var first = opener.Open(Trial)) Assert.True(first.Opened);
        var moved = Path.Combine(root, "outside", "adam");
        Directory.Move(Leaf, moved);
        Directory.CreateSymbolicLink(Leaf, moved);
        using var folder = opener.Open(second);
        Assert.Null(folder.ReadOwn("run.json"));
    }

    [Fact]
    public void Opening_the_trials_of_many_leaves_holds_no_descriptor_once_each_trial_is_done()
    {
        var leaves = Enumerable.Range(0, 300).Select(i => Path.Combine(Log, "sweep", "mnist", "mlp", $"t{i}", "trial_000")).ToList();
        foreach (var t in leaves)
        {
            Directory.CreateDirectory(t);
            File.WriteAllText(Path.Combine(t, "run.json"), "{\"status\":\"complete\"}");
        }
        var opener = new TrialFolderOpener(Log);
        var before = Directory.GetFileSystemEntries("/proc/self/fd").Length;
        foreach (var t in leaves)
        {
            using var folder = opener.Open(t);
            Assert.Equal(RunStatus.Complete, RunRecord.TryRead(folder)!.Status);
        }
        // Other tests of this process open files meanwhile: a leaf's descriptor kept each would be 300 more.
        var grown = Directory.GetFileSystemEntries("/proc/self/fd").Length - before;
        Assert.True(grown is > -100 and < 100, $"{grown} more descriptors");
    }

    [Fact]
    public void The_folder_time_is_the_one_Directory_gives()
    {
        Directory.SetLastWriteTimeUtc(Trial, new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc).AddTicks(9));
        var opener = new TrialFolderOpener(Log);
        using var folder = opener.Open(Trial);
        Assert.True(folder.Opened);
        Assert.Equal(Directory.GetLastWriteTimeUtc(Trial), folder.LastWriteTimeUtc());
    }

    [Fact]
    public void An_opened_folder_reads_the_folder_it_opened_even_when_its_path_names_another_since()
    {
        File.WriteAllText(Path.Combine(Trial, "run.json"), "{\"status\":\"complete\"}");
        var opener = new TrialFolderOpener(Log);
        using var folder = opener.Open(Trial);
        Directory.Move(Trial, Path.Combine(Leaf, "trial_009"));
        Directory.CreateDirectory(Trial);
        File.WriteAllText(Path.Combine(Trial, "run.json"), "{\"status\":\"failed\"}");
        Assert.Equal("{\"status\":\"complete\"}"u8.ToArray(), folder.ReadOwn("run.json"));
        Assert.Equal(RunStatus.Complete, RunRecord.TryRead(folder)!.Status);
        Assert.Equal(RunStatus.Failed, RunRecord.TryRead(Trial)!.Status); // by path: the new one
    }

    [Fact]
    public void A_leaf_that_links_out_of_out_log_has_its_trials_read_as_nothing()
    {
        var outsideLeaf = Path.Combine(root, "outside", "sgd");
        Directory.CreateDirectory(Path.Combine(outsideLeaf, "trial_000"));
        File.WriteAllText(Path.Combine(outsideLeaf, "trial_000", "cfg.yaml"), "SECRET");
        File.WriteAllText(Path.Combine(outsideLeaf, "trial_000", "run.json"), "{\"status\":\"complete\"}");
        var linked = Path.Combine(Log, "sweep", "mnist", "mlp", "sgd");
        Directory.CreateSymbolicLink(linked, outsideLeaf);
        using var folder = new TrialFolderOpener(Log).Open(Path.Combine(linked, "trial_000"));
        Assert.False(folder.Opened);
        Assert.Null(folder.ReadBeneath(Log, "cfg.yaml"));
        Assert.Null(folder.ReadOwn("run.json"));
    }
}
