using System.Diagnostics;
using Hypergrid.Trials.Posix;

namespace Hypergrid.Trials.Tests;

/// <summary>
/// A trial's files stamped relative to its leaf, opened once beneath out/log, are stamped exactly as their paths are
/// (whatever the file is, in whichever leaf, however often the leaf changes), and a leaf that does not open beneath
/// out/log stamps nothing.
/// </summary>
public sealed class LeafStamperTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-leaf-stamper-").FullName;
    private string Log => Path.Combine(root, "log");
    private string Leaf(string trainer) => Path.Combine(Log, "sweep", "mnist", "mlp", trainer);
    private string Trial(string trainer, int n = 0) => Path.Combine(Leaf(trainer), TrialFiles.FolderName(n));

    public LeafStamperTests()
    {
        Directory.CreateDirectory(Trial("adam"));
        Directory.CreateDirectory(Path.Combine(root, "outside"));
        File.WriteAllText(Path.Combine(root, "outside", "secret"), "SECRET");
        File.WriteAllText(Path.Combine(Trial("adam"), "real.txt"), "inside");
    }

    public void Dispose() => Directory.Delete(root, true);

    public static TheoryData<string> Kinds => new() { "regular", "empty", "missing", "link inside", "link out", "dangling link", "folder", "fifo" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_of_file_is_stamped_as_its_path_is(string kind)
    {
        var path = Path.Combine(Trial("adam"), "run.json");
        switch (kind)
        {
            case "regular": File.WriteAllText(path, "{\"status\":\"complete\"}"); break;
            case "empty": File.WriteAllText(path, ""); break;
            case "link inside": File.CreateSymbolicLink(path, "real.txt"); break;
            case "link out": File.CreateSymbolicLink(path, Path.Combine(root, "outside", "secret")); break;
            case "dangling link": File.CreateSymbolicLink(path, "gone.txt"); break;
            case "folder": Directory.CreateDirectory(path); break;
            case "fifo": using (var p = Process.Start("mkfifo", path)) p.WaitForExit(); break;
        }
        using var stamper = new LeafStamper(Log);
        var stamp = stamper.Of(Trial("adam"), "run.json");
        Assert.Equal(FileStamp.Of(path), stamp);
        // Only a regular file has a stamp; a missing one is Absent; a link, a folder or a FIFO cannot be told.
        Assert.Equal(kind switch { "regular" or "empty" => true, "missing" => true, _ => false }, stamp is not null);
        Assert.Equal(kind == "missing", stamp == FileStamp.Absent);
    }

    [Fact]
    public void The_trials_of_two_leaves_in_turn_are_each_stamped_in_their_own_leaf()
    {
        Directory.CreateDirectory(Trial("sgd"));
        File.WriteAllText(Path.Combine(Trial("adam"), "run.json"), "adam");
        File.WriteAllText(Path.Combine(Trial("sgd"), "run.json"), "sgd, longer");
        using var stamper = new LeafStamper(Log);
        foreach (var trainer in new[] { "adam", "sgd", "adam", "sgd" })
        {
            var stamp = stamper.Of(Trial(trainer), "run.json");
            Assert.Equal(FileStamp.Of(Path.Combine(Trial(trainer), "run.json")), stamp);
            Assert.Equal(trainer == "adam" ? 4 : 11, stamp!.Value.Size);
        }
    }

    [Fact]
    public void A_file_changed_or_removed_after_a_stamp_is_stamped_anew_through_the_same_leaf()
    {
        var path = Path.Combine(Trial("adam"), "epoch_log.csv");
        File.WriteAllText(path, "epoch,mode\n1,val\n");
        using var stamper = new LeafStamper(Log);
        var first = stamper.Of(Trial("adam"), "epoch_log.csv");
        File.AppendAllText(path, "2,val\n");
        var second = stamper.Of(Trial("adam"), "epoch_log.csv");
        Assert.NotEqual(first, second);
        Assert.Equal(FileStamp.Of(path), second);
        File.Delete(path);
        Assert.Equal(FileStamp.Absent, stamper.Of(Trial("adam"), "epoch_log.csv"));
    }

    [Fact]
    public void A_leaf_that_is_a_link_within_out_log_is_stamped_through_it()
    {
        File.WriteAllText(Path.Combine(Trial("adam"), "run.json"), "{}");
        Directory.CreateSymbolicLink(Leaf("alias"), Leaf("adam"));
        using var stamper = new LeafStamper(Log);
        Assert.Equal(FileStamp.Of(Path.Combine(Trial("adam"), "run.json")), stamper.Of(Trial("alias"), "run.json"));
    }

    [Theory]
    [InlineData("link out")]
    [InlineData("gone")]
    public void A_leaf_that_does_not_open_beneath_out_log_stamps_nothing(string kind)
    {
        var outsideTrial = Path.Combine(root, "outside", "sgd", "trial_000");
        Directory.CreateDirectory(outsideTrial);
        File.WriteAllText(Path.Combine(outsideTrial, "run.json"), "{}");
        if (kind == "link out") Directory.CreateSymbolicLink(Leaf("sgd"), Path.Combine(root, "outside", "sgd"));
        if (kind == "link out") Assert.NotNull(FileStamp.Of(Path.Combine(Trial("sgd"), "run.json"))); // what a stamp by path tells
        using var stamper = new LeafStamper(Log);
        Assert.Null(stamper.Of(Trial("sgd"), "run.json"));
        Assert.Null(stamper.Of(Trial("sgd", 1), "run.json"));
    }

    [Fact]
    public void Stamping_the_trials_of_many_leaves_holds_one_descriptor_and_none_once_disposed()
    {
        var trials = Enumerable.Range(0, 300).Select(i => Trial($"t{i}")).ToList();
        foreach (var t in trials)
        {
            Directory.CreateDirectory(t);
            File.WriteAllText(Path.Combine(t, "run.json"), "{}");
        }
        var before = Directory.GetFileSystemEntries("/proc/self/fd").Length;
        using (var stamper = new LeafStamper(Log))
            foreach (var t in trials) Assert.Equal(2, stamper.Of(t, "run.json")!.Value.Size);
        // Other tests of this process open files meanwhile: a leaf's descriptor kept each would be 300 more.
        var grown = Directory.GetFileSystemEntries("/proc/self/fd").Length - before;
        Assert.True(grown is > -100 and < 100, $"{grown} more descriptors");
    }
}
