namespace Hypergrid.Trials.Tests;

// A folder already read through (so known, were anything remembered of it) that is later replaced by a link leading out
// of the root must not be trusted for the files directly in it: every open is resolved again, beneath the root.
public sealed class SafeFilesSwappedFolderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-safe-swapped-").FullName;
    private string Log => Path.Combine(root, "log");
    private string Leaf => Path.Combine(Log, "sweep", "mnist", "mlp", "adam");
    private string Trial => Path.Combine(Leaf, "trial_000");

    public SafeFilesSwappedFolderTests()
    {
        Directory.CreateDirectory(Trial);
        File.WriteAllText(Path.Combine(Trial, "run.json"), "{}");
        File.WriteAllText(Path.Combine(Leaf, "search_decisions.jsonl"), "{}\n");
    }

    public void Dispose() => Directory.Delete(root, true);

    // The folder moved aside and a link out put in its place, holding a file of the same name.
    private void SwapForALinkOut(string folder, string name)
    {
        var outside = Path.Combine(root, "outside-" + Path.GetFileName(folder));
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, name), "SECRET");
        Directory.Move(folder, folder + ".old");
        Directory.CreateSymbolicLink(folder, outside);
    }

    public static TheoryData<string, string> Swapped => new()
    {
        { "trial", "run.json" },               // a trial folder, for its own file
        { "leaf", "search_decisions.jsonl" },  // a leaf, for the file beside its trials
    };

    private string Folder(string which) => which == "trial" ? Trial : Leaf;

    [Theory]
    [MemberData(nameof(Swapped))]
    public void A_folder_read_before_and_then_replaced_by_a_link_out_is_not_trusted_for_its_files(string which, string name)
    {
        var file = Path.Combine(Folder(which), name);
        Assert.NotNull(SafeFiles.ReadAll(Log, file)); // read once: the folder was found under the root
        SwapForALinkOut(Folder(which), name);
        Assert.Null(SafeFiles.ReadAll(Log, file));
        Assert.Null(SafeFiles.ReadAllWritten(Log, file));
        Assert.Null(SafeFiles.RegularWritten(Log, file));
        Assert.Null(SafeFiles.Open(Log, file));
    }

    [Theory]
    [MemberData(nameof(Swapped))]
    public void A_folder_read_before_and_replaced_by_a_link_that_stays_under_the_root_is_followed(string which, string name)
    {
        var file = Path.Combine(Folder(which), name);
        Assert.NotNull(SafeFiles.ReadAll(Log, file));
        var inside = Path.Combine(Log, "elsewhere-" + which);
        Directory.CreateDirectory(inside);
        File.WriteAllText(Path.Combine(inside, name), "moved");
        Directory.Move(Folder(which), Folder(which) + ".old");
        Directory.CreateSymbolicLink(Folder(which), inside);
        Assert.Equal("moved"u8.ToArray(), SafeFiles.ReadAll(Log, file));
        Assert.Equal("moved"u8.ToArray(), SafeFiles.ReadAllWritten(Log, file)?.Bytes);
        Assert.NotNull(SafeFiles.RegularWritten(Log, file));
    }

    [Theory]
    [InlineData(true)]  // an absolute link
    [InlineData(false)] // a relative one, climbing out with ..
    public void A_file_in_a_folder_read_before_that_links_out_reads_as_absent(bool absolute)
    {
        Assert.NotNull(SafeFiles.ReadAll(Log, Path.Combine(Trial, "run.json")));
        var secret = Path.Combine(root, "secret");
        File.WriteAllText(secret, "SECRET");
        var link = Path.Combine(Trial, "worker.log");
        File.CreateSymbolicLink(link, absolute ? secret : Path.GetRelativePath(Trial, secret));
        Assert.Null(SafeFiles.ReadAll(Log, link));
        Assert.Null(SafeFiles.ReadAllWritten(Log, link));
        Assert.Null(SafeFiles.RegularWritten(Log, link));
        Assert.Null(SafeFiles.Open(Log, link));
    }

    [Fact]
    public void A_path_that_climbs_out_of_the_root_with_dots_reads_as_absent()
    {
        File.WriteAllText(Path.Combine(root, "secret"), "SECRET");
        Assert.Null(SafeFiles.ReadAll(Log, Path.Combine(Log, "..", "secret")));
        Assert.Null(SafeFiles.ReadAll(Log, Log + "/sweep/../../secret"));
    }
}
