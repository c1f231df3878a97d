namespace Hypergrid.Trials.Tests;

public sealed class TrialFoldersTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-folders-").FullName;
    private string Log => Path.Combine(root, "log");

    public void Dispose() => Directory.Delete(root, true);

    private void Folder(string relative) => Directory.CreateDirectory(Path.Combine(Log, relative));

    [Fact]
    public void One_scan_gives_the_trials_in_order_and_the_strays_beside_them()
    {
        // Leaves out of name order on disk, trials out of number order, strays beside them, a file and a link in between.
        foreach (var leaf in new[] { "sweep/b/mlp/sgd", "sweep/a/cnn/adam", "experiment/a/mlp/adam" })
            foreach (var t in new[] { "trial_010", "trial_002", "trial_001", "trial_0003", "trial_x", "notes" }) Folder($"{leaf}/{t}");
        File.WriteAllText(Path.Combine(Log, "sweep/a/cnn/adam/trial_005"), "a file, not a trial");
        Directory.CreateDirectory(Path.Combine(root, "outside/trial_007"));
        Directory.CreateSymbolicLink(Path.Combine(Log, "sweep/a/cnn/adam/trial_007"), Path.Combine(root, "outside/trial_007"));
        Directory.CreateSymbolicLink(Path.Combine(Log, "sweep/a/cnn/adam/trial_008"), Path.Combine(Log, "sweep/a/cnn/adam/trial_001"));

        var (trials, strays) = TrialFolders.Scan(Log);
        // Leaves ordered level by level by name (the deepest level last: cnn before mlp, then adam before sgd), trials in
        // number order; the link inside out/log is a trial, the one out of it is not. Strays in path order.
        string[] leaves = ["sweep/a/cnn/adam", "experiment/a/mlp/adam", "sweep/b/mlp/sgd"];
        Assert.Equal(leaves.SelectMany(l => (l == "sweep/a/cnn/adam" ? new[] { 1, 2, 8, 10 } : [1, 2, 10]).Select(n => Path.Combine(Log, l, $"trial_{n:D3}"))), trials);
        Assert.Equal(TrialFolders.Under(Log), trials);
        Assert.Equal(leaves.Order(StringComparer.Ordinal).SelectMany(l => new[] { $"{l}/trial_0003", $"{l}/trial_x" }), strays);
        var none = TrialFolders.Scan(Path.Combine(root, "none"));
        Assert.Empty(none.Trials);
        Assert.Empty(none.Strays);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Trials_made_in_any_order_are_listed_in_number_order_across_the_width_of_their_names(int seed)
    {
        // Past 999 a name is longer (trial_1000 sorts before trial_999 by name); made in a shuffled order, with strays.
        int[] numbers = [.. Enumerable.Range(0, 12), .. Enumerable.Range(995, 10), 9999, 10000, 99999, 100000, 123456789];
        var order = numbers.ToArray();
        new Random(seed).Shuffle(order);
        foreach (var n in order) Folder($"sweep/d/m/t/{TrialFiles.FolderName(n)}");
        Folder("sweep/d/m/t/trial_0001");

        Assert.Equal(numbers.Select(n => Path.Combine(Log, "sweep/d/m/t", TrialFiles.FolderName(n))), TrialFolders.Under(Log));
    }
}
