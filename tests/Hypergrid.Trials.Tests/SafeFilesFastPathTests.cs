using System.Diagnostics;

namespace Hypergrid.Trials.Tests;

// The few-calls path a report takes for every trial (a plain file opened without following a link) must answer as the
// general path does: the same bytes, the same write time, the same refusals.
public sealed class SafeFilesFastPathTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-safe-fast-").FullName;
    private string Log => Path.Combine(root, "log");
    private string Trial => Path.Combine(Log, "trial");

    public SafeFilesFastPathTests()
    {
        Directory.CreateDirectory(Trial);
        File.WriteAllText(Path.Combine(Trial, "epoch_log.csv"), "epoch,mode,loss\n1,val,0.5\n");
        File.SetLastWriteTimeUtc(Path.Combine(Trial, "epoch_log.csv"), new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc).AddTicks(9));
        Directory.CreateDirectory(Path.Combine(root, "outside"));
        File.WriteAllText(Path.Combine(root, "outside", "secret"), "not for you");
    }

    public void Dispose() => Directory.Delete(root, true);

    [Theory]
    [InlineData("epoch_log.csv")] // a plain file
    [InlineData("alias.csv")]     // a link that stays under the root
    public void A_readable_file_gives_its_bytes_and_the_write_time_dotnet_reads(string name)
    {
        if (name == "alias.csv") File.CreateSymbolicLink(Path.Combine(Trial, name), "epoch_log.csv");
        var path = Path.Combine(Trial, name);
        var read = SafeFiles.ReadAllWritten(Log, path);
        Assert.NotNull(read);
        Assert.Equal(File.ReadAllBytes(path), read.Value.Bytes);
        Assert.Equal(File.GetLastWriteTimeUtc(path), read.Value.Written);
        Assert.Equal(File.GetLastWriteTimeUtc(path), SafeFiles.RegularWritten(Log, path));
        Assert.Equal(File.ReadAllBytes(path), SafeFiles.ReadAll(Log, path));
    }

    // A folder whose name begins with the root's name is not beneath it ("log" and "logx"), and the root itself is.
    [Theory]
    [InlineData("logx")]
    [InlineData("log.old")]
    [InlineData("lo")]
    public void A_folder_beside_the_root_whose_name_begins_with_its_name_is_not_beneath_it(string beside)
    {
        Directory.CreateDirectory(Path.Combine(root, beside));
        File.WriteAllText(Path.Combine(root, beside, "run.json"), "{}");
        Assert.Null(SafeFiles.ReadAll(Log, Path.Combine(root, beside, "run.json")));
        Assert.Null(SafeFiles.ReadAll(Log + "/", Path.Combine(root, beside, "run.json")));
        Assert.NotNull(SafeFiles.ReadAll(Log + "/", Path.Combine(Trial, "epoch_log.csv")));
        using var itself = new TrialFolderOpener(Log).Open(Log + "/");
        Assert.True(itself.Opened);
    }

    [Theory]
    [InlineData("leaves")] // a link out of the root
    [InlineData("fifo")]   // would block a reader
    [InlineData("folder")] // not a file
    [InlineData("missing")]
    public void Anything_but_a_regular_file_under_the_root_reads_as_absent(string kind)
    {
        var path = Path.Combine(Trial, "epoch_log2.csv");
        switch (kind)
        {
            case "leaves": File.CreateSymbolicLink(path, Path.Combine(root, "outside", "secret")); break;
            case "fifo": using (var p = Process.Start("mkfifo", path)) p.WaitForExit(); break;
            case "folder": Directory.CreateDirectory(path); break;
        }
        Assert.Null(SafeFiles.ReadAllWritten(Log, path));
        Assert.Null(SafeFiles.RegularWritten(Log, path));
        Assert.Null(SafeFiles.ReadAll(Log, path));
    }

    // A folder is known to be under the root from its parent (known so) and an lstat saying it is a plain folder, not a
    // link: a link anywhere on the way still takes the general path, which refuses one that leaves the root.
    [Theory]
    [InlineData(4, true)]  // the trial folder itself is a link out of the root
    [InlineData(2, true)]  // a folder above it is
    [InlineData(1, true)]  // the first folder under the root is
    [InlineData(4, false)] // links that stay under the root read as before
    [InlineData(1, false)]
    public void A_file_below_a_link_out_of_the_root_reads_as_absent_though_its_siblings_were_read(int depth, bool leaves)
    {
        string[] folders = ["a", "b", "c", "t"];
        var sibling = Path.Combine([Log, .. folders]);
        Directory.CreateDirectory(sibling);
        File.WriteAllText(Path.Combine(sibling, "run.json"), "{}");
        Assert.NotNull(SafeFiles.ReadAll(Log, Path.Combine(sibling, "run.json"))); // the folders above are known now
        var below = folders[depth..];
        var target = Path.Combine(leaves ? Path.Combine(root, "outside") : Path.Combine(Log, "elsewhere"), "L" + depth);
        Directory.CreateDirectory(Path.Combine([target, .. below]));
        File.WriteAllText(Path.Combine([target, .. below, "run.json"]), "{}");
        var link = Path.Combine([Log, .. folders[..(depth - 1)], "L"]);
        Directory.CreateSymbolicLink(link, target);
        var file = Path.Combine([link, .. below, "run.json"]);
        Assert.Equal(leaves, SafeFiles.ReadAll(Log, file) is null);
        Assert.Equal(leaves, SafeFiles.ReadAllWritten(Log, file) is null);
        Assert.Equal(leaves, SafeFiles.RegularWritten(Log, file) is null);
    }
}
