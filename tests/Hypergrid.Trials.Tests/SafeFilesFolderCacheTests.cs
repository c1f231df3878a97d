namespace Hypergrid.Trials.Tests;

// A trial folder in a leaf already found under the root is taken as under the root after one lstat (not a realpath of
// every component): a folder that is a link, at any level, must still be resolved, and one leading out refused.
public sealed class SafeFilesFolderCacheTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-safe-folders-").FullName;
    private string Log => Path.Combine(root, "log");
    private string Leaf => Path.Combine(Log, "sweep", "mnist", "mlp", "adam");

    public SafeFilesFolderCacheTests()
    {
        foreach (var dir in new[] { Path.Combine(Leaf, "trial_000"), Path.Combine(root, "outside", "trial") })
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "run.json"), "{}");
        }
    }

    public void Dispose() => Directory.Delete(root, true);

    [Fact]
    public void A_trial_folder_that_links_out_beside_a_trial_already_read_reads_as_absent()
    {
        Assert.NotNull(SafeFiles.ReadAll(Log, Path.Combine(Leaf, "trial_000", "run.json"))); // the leaf is now known
        Directory.CreateSymbolicLink(Path.Combine(Leaf, "trial_001"), Path.Combine(root, "outside", "trial"));
        Assert.Null(SafeFiles.ReadAll(Log, Path.Combine(Leaf, "trial_001", "run.json")));
        Assert.Null(SafeFiles.ReadAllWritten(Log, Path.Combine(Leaf, "trial_001", "run.json")));
        Assert.Null(SafeFiles.RegularWritten(Log, Path.Combine(Leaf, "trial_001", "run.json")));
    }

    [Theory]
    [InlineData(1)] // the leaf replaced by a link out
    [InlineData(2)] // the model folder above it
    public void A_known_folder_replaced_by_a_link_out_is_not_trusted_for_a_trial_folder_new_under_it(int up)
    {
        Assert.NotNull(SafeFiles.ReadAll(Log, Path.Combine(Leaf, "trial_000", "run.json"))); // the leaf and its parents are now known
        var swapped = Leaf;
        for (var i = 1; i < up; i++) swapped = Path.GetDirectoryName(swapped)!;
        var below = Path.GetRelativePath(swapped, Leaf); // "." or "adam"
        var outside = Path.Combine(root, "elsewhere");
        Directory.CreateDirectory(Path.Combine(outside, below, "trial_001"));
        File.WriteAllText(Path.Combine(outside, below, "trial_001", "run.json"), "SECRET");
        Directory.Move(swapped, swapped + ".old");
        Directory.CreateSymbolicLink(swapped, outside);
        var file = Path.Combine(Leaf, "trial_001", "run.json");
        Assert.Null(SafeFiles.ReadAll(Log, file));
        Assert.Null(SafeFiles.ReadAllWritten(Log, file));
        Assert.Null(SafeFiles.RegularWritten(Log, file));
    }

    [Fact]
    public void A_leaf_that_links_out_beside_a_leaf_already_read_reads_as_absent_and_one_that_stays_inside_is_followed()
    {
        Assert.NotNull(SafeFiles.ReadAll(Log, Path.Combine(Leaf, "trial_000", "run.json"))); // its model folder is now known
        var mlp = Path.GetDirectoryName(Leaf)!;
        Directory.CreateDirectory(Path.Combine(root, "outside", "sgd", "trial_000"));
        File.WriteAllText(Path.Combine(root, "outside", "sgd", "trial_000", "run.json"), "{}");
        Directory.CreateSymbolicLink(Path.Combine(mlp, "sgd"), Path.Combine(root, "outside", "sgd"));
        Assert.Null(SafeFiles.ReadAll(Log, Path.Combine(mlp, "sgd", "trial_000", "run.json")));
        Directory.CreateSymbolicLink(Path.Combine(mlp, "adam2"), Leaf);
        Assert.Equal("{}"u8.ToArray(), SafeFiles.ReadAll(Log, Path.Combine(mlp, "adam2", "trial_000", "run.json")));
    }

    [Fact]
    public void A_trial_folder_deep_under_a_root_never_read_before_is_found_under_it()
    {
        var fresh = Path.Combine(root, "fresh");
        var trial = Path.Combine(fresh, "a", "b", "c", "d", "trial_007");
        Directory.CreateDirectory(trial);
        File.WriteAllText(Path.Combine(trial, "run.json"), "{}");
        Assert.NotNull(SafeFiles.ReadAll(fresh, Path.Combine(trial, "run.json")));
        Assert.Null(SafeFiles.ReadAll(fresh, Path.Combine(Leaf, "trial_000", "run.json"))); // under the other root, not this one
    }
}
