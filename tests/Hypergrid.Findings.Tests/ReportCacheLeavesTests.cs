using Hypergrid.Config;
using Hypergrid.Trials;
using Hypergrid.Trials.Posix;

namespace Hypergrid.Findings.Tests;

/// <summary>
/// out/log/.report-cache with each trial's files stamped relative to its leaf (opened once per worker beneath out/log):
/// trials of several leaves, one of them a link within out/log, are answered from the cache as from their files, and a
/// file changed, removed or added in any of them sends that trial back to its files.
/// </summary>
public sealed class ReportCacheLeavesTests : IDisposable
{
    private readonly TrialLog log = new();
    private static readonly string[] Leaves = ["sweep/mnist/mlp/adam", "sweep/mnist/mlp/sgd", "sweep/mnist/mlp/linked"];
    private const int TrialCount = 9;

    public void Dispose() => log.Dispose();

    public ReportCacheLeavesTests()
    {
        for (var l = 0; l < Leaves.Length; l++)
            for (var s = 0; s < 3; s++)
                log.Trial(Leaves[l], s, $"seed: {s}\nlr: 0.0{l + 1}\n", 0.4 + 0.05 * l + 0.01 * s);
        // The third leaf is moved elsewhere in out/log and linked back (the listing follows a link that stays within it).
        var target = Path.Combine(log.Log, "imported", "linked");
        Directory.CreateDirectory(Path.Combine(log.Log, "imported"));
        Directory.Move(Path.Combine(log.Log, Leaves[2]), target);
        Directory.CreateSymbolicLink(Path.Combine(log.Log, Leaves[2]), target);
        _ = Text(cache: false); // the epoch logs written from the batch logs, as any first report does
        Thread.Sleep(150); // a file changed within the last 100 ms is not kept
    }

    private string Text(bool cache, ReportSplit? split = null) =>
        ReportText.ToJson(Reporter.Build(log.Log, new ReportOptions(Filters.All, "val_acc") { Cache = cache, Statistics = new StatisticsOptions(Equivalence: 0.01) }, split));

    private int Hits()
    {
        var split = new ReportSplit();
        _ = Text(cache: true, split);
        return split.CacheHits;
    }

    private string File(int leaf, int trial, string name) => Path.Combine(log.Log, Leaves[leaf], TrialFiles.FolderName(trial), name);

    [Fact]
    public void Trials_of_several_leaves_one_a_link_within_out_log_are_answered_from_the_cache_as_from_their_files()
    {
        var files = Text(cache: false);
        Assert.Equal(0, Hits());
        var split = new ReportSplit();
        Assert.Equal(files, Text(cache: true, split));
        Assert.Equal(TrialCount, split.CacheHits);
        Assert.Contains("linked", files);
    }

    // The epoch log's last val acc changed in place, its size and modification time kept: only the change time tells.
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_file_changed_in_any_leaf_is_read_again(int leaf)
    {
        _ = Hits();
        Assert.Equal(TrialCount, Hits());
        var before = Text(cache: true);
        var path = File(leaf, 1, TrialFiles.EpochLog);
        var written = FileStamp.Of(path)!.Value.MtimeNs;
        var changed = ReportCacheTests.ChangeLastAcc(System.IO.File.ReadAllText(path));
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write)) stream.Write(System.Text.Encoding.UTF8.GetBytes(changed));
        ReportCacheTests.TouchBack(path, written);
        Thread.Sleep(150);
        var split = new ReportSplit();
        var after = Text(cache: true, split);
        Assert.Equal(TrialCount - 1, split.CacheHits);
        Assert.NotEqual(before, after);
        Assert.Equal(Text(cache: false), after);
    }

    // run.json removed (the trial is read from its cfg.yaml and log alone), then written back with another lr: each time
    // that trial's entry stands no more.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_file_removed_and_then_added_is_read_again_each_time(int leaf)
    {
        _ = Hits();
        var path = File(leaf, 2, TrialFiles.Run);
        var run = System.IO.File.ReadAllText(path);
        System.IO.File.Delete(path);
        Thread.Sleep(150);
        var split = new ReportSplit();
        var removed = Text(cache: true, split);
        Assert.Equal(TrialCount - 1, split.CacheHits);
        Assert.Equal(Text(cache: false), removed);
        Thread.Sleep(150);
        _ = Hits();
        System.IO.File.WriteAllText(path, run.Replace("\"lr\": 0.0", "\"lr\": 0.5", StringComparison.Ordinal));
        Thread.Sleep(150);
        split = new ReportSplit();
        var added = Text(cache: true, split);
        Assert.Equal(TrialCount - 1, split.CacheHits);
        Assert.Equal(Text(cache: false), added);
        Assert.NotEqual(removed, added);
    }
}
