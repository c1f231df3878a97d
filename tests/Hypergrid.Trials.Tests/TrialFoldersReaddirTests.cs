namespace Hypergrid.Trials.Tests;

/// <summary>
/// The trial folders are listed from readdir's entry types: a folder is a trial, a link only when it leads to a folder
/// within out/log; a file, a link to a file, a dangling link and a link out are not; names a file system gives without a
/// type are looked at.
/// </summary>
public sealed class TrialFoldersReaddirTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-readdir-").FullName;
    private string Log => Path.Combine(root, "log");
    private string Leaf => Path.Combine(Log, "sweep", "mnist", "mlp", "adam");

    public void Dispose() => Directory.Delete(root, true);

    [Fact]
    public void Only_folders_and_links_to_folders_within_out_log_are_trials()
    {
        Directory.CreateDirectory(Path.Combine(Leaf, "trial_000"));
        Directory.CreateDirectory(Path.Combine(root, "outside", "trial"));
        File.WriteAllText(Path.Combine(Leaf, "notes.txt"), "x");
        File.WriteAllText(Path.Combine(Leaf, "trial_001"), "a file");
        File.CreateSymbolicLink(Path.Combine(Leaf, "trial_002"), "notes.txt"); // a link to a file
        File.CreateSymbolicLink(Path.Combine(Leaf, "trial_003"), "gone"); // dangling
        Directory.CreateSymbolicLink(Path.Combine(Leaf, "trial_004"), Path.Combine(root, "outside", "trial"));
        Directory.CreateSymbolicLink(Path.Combine(Leaf, "trial_005"), "trial_000"); // relative, inside
        Directory.CreateSymbolicLink(Path.Combine(Leaf, "trial_006"), Path.Combine(Leaf, "trial_000")); // absolute, inside
        Assert.Equal(new[] { 0, 5, 6 }.Select(n => Path.Combine(Leaf, $"trial_{n:D3}")), TrialFolders.Under(Log));
    }

    [Fact]
    public void A_leaf_that_is_a_link_within_out_log_is_walked_and_one_out_of_it_is_not()
    {
        Directory.CreateDirectory(Path.Combine(Leaf, "trial_000"));
        Directory.CreateDirectory(Path.Combine(root, "outside", "trial_000"));
        var model = Path.GetDirectoryName(Leaf)!;
        Directory.CreateSymbolicLink(Path.Combine(model, "adam2"), "adam");
        Directory.CreateSymbolicLink(Path.Combine(model, "sgd"), Path.Combine(root, "outside"));
        Assert.Equal([Path.Combine(Leaf, "trial_000"), Path.Combine(model, "adam2", "trial_000")], TrialFolders.Under(Log));
    }

    [Fact]
    public void Names_that_are_not_plain_ASCII_are_kept_as_they_are()
    {
        var leaf = Path.Combine(Log, "sweep", "caf\u00e9", "mlp", "adam \u2013 2");
        Directory.CreateDirectory(Path.Combine(leaf, "trial_000"));
        Assert.Equal([Path.Combine(leaf, "trial_000")], TrialFolders.Under(Log));
    }

    // Such a leaf's trials have no id (TrialId.FromDirectory threw, and every /api/trials answer was a 500).
    [Theory]
    [InlineData("sweep", "mnist", "mlp", "ad\u001bam")]
    [InlineData("sweep", "mn\nist", "mlp", "adam")]
    [InlineData("sweep", "mnist", "a\\b", "adam")]
    public void A_leaf_whose_name_cannot_name_a_trial_is_no_leaf(string mode, string dataset, string model, string trainer)
    {
        Directory.CreateDirectory(Path.Combine(Leaf, "trial_000"));
        Directory.CreateDirectory(Path.Combine(Log, mode, dataset, model, trainer, "trial_000"));
        var trials = TrialFolders.Under(Log).ToList();
        Assert.Equal([Path.Combine(Leaf, "trial_000")], trials);
        Assert.All(trials, t => TrialId.FromDirectory(t));
    }
}
