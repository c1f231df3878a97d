using Hypergrid.Trials;
using Hypergrid.Tests;

namespace Hypergrid.Dashboard.Tests;

public class EpochLogStoreTests
{
    private const string Path1 = "sweep/mnist/mlp/adam/trial_000";

    [Fact]
    public async Task A_missing_epoch_log_is_built_from_the_batch_log_and_reused_after()
    {
        using var tree = new LogTree();
        var dir = tree.AddComplete(Path1, "seed: 0\n", epochs: 3, batches: 4);
        var store = new EpochLogStore(tree.Log);
        var first = await store.GetAsync(dir);
        Assert.Equal("batch_log.csv", first!.Value.Source);
        var epochLog = Path.Combine(dir, TrialFiles.EpochLog);
        Assert.Equal(first.Value.Table.ToCsv(), File.ReadAllText(epochLog));
        Assert.Equal(7, first.Value.Table.ToCsv().TrimEnd('\n').Split('\n').Length);
        var second = await new EpochLogStore(tree.Log).GetAsync(dir);
        Assert.Equal("epoch_log.csv", second!.Value.Source);
    }

    [Fact]
    public async Task The_cache_is_rebuilt_when_the_batch_log_is_newer()
    {
        using var tree = new LogTree();
        var dir = tree.AddComplete(Path1, "seed: 0\n", epochs: 2, batches: 2);
        var store = new EpochLogStore(tree.Log);
        await store.GetAsync(dir);
        File.SetLastWriteTimeUtc(Path.Combine(dir, TrialFiles.EpochLog), DateTime.UtcNow.AddMinutes(-5));
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), LogTree.BatchLog(1, 5, 2, 1.0));
        var again = await store.GetAsync(dir);
        Assert.Equal("batch_log.csv", again!.Value.Source);
        Assert.Equal(11, again.Value.Table.ToCsv().TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public async Task Twenty_requests_during_a_rebuild_all_get_a_complete_epoch_log_and_no_temp_file_is_left()
    {
        using var tree = new LogTree();
        var dir = tree.AddComplete(Path1, "seed: 0\n", epochs: 200, batches: 50);
        var expected = SampleLogs.EpochCsv(File.ReadAllText(Path.Combine(dir, TrialFiles.BatchLog)));
        var store = new EpochLogStore(tree.Log);
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.GetAsync(dir))));
        Assert.All(results, r => Assert.Equal(expected, r!.Value.Table.ToCsv()));
        // A second, independent store (another server) racing on a stale cache also only ever sees whole files.
        File.SetLastWriteTimeUtc(Path.Combine(dir, TrialFiles.EpochLog), DateTime.UtcNow.AddMinutes(-5));
        var stores = Enumerable.Range(0, 20).Select(_ => new EpochLogStore(tree.Log)).ToArray();
        var racing = await Task.WhenAll(stores.Select(s => Task.Run(() => s.GetAsync(dir))));
        Assert.All(racing, r => Assert.Equal(expected, r!.Value.Table.ToCsv()));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(dir, TrialFiles.EpochLog)));
    }

    [Fact]
    public async Task A_running_trial_is_aggregated_from_its_partial_log_and_grows_without_writing_anything()
    {
        using var tree = new LogTree();
        var dir = tree.AddRunning(Path1, "seed: 0\n", epochs: 1, batches: 3);
        var store = new EpochLogStore(tree.Log);
        var first = await store.GetAsync(dir);
        Assert.Equal(3, first!.Value.Table.ToCsv().TrimEnd('\n').Split('\n').Length);
        File.AppendAllText(Path.Combine(dir, TrialFiles.PartialLog), LogTree.BatchLog(2, 2, 3, 1.0, header: false) + "2,val,9,1.0");
        var second = await store.GetAsync(dir);
        Assert.Equal(5, second!.Value.Table.ToCsv().TrimEnd('\n').Split('\n').Length);
        Assert.EndsWith(",3\n", second.Value.Table.ToCsv());
        Assert.False(File.Exists(Path.Combine(dir, TrialFiles.EpochLog)));
    }

    [Fact]
    public async Task A_partial_log_restarted_by_a_new_attempt_is_read_afresh_even_when_it_grew_past_the_old_one()
    {
        using var tree = new LogTree();
        var dir = tree.AddRunning(Path1, "seed: 0\n", epochs: 2, batches: 3);
        var store = new EpochLogStore(tree.Log);
        Assert.Equal(5, (await store.GetAsync(dir))!.Value.Table.ToCsv().TrimEnd('\n').Split('\n').Length);
        // The new attempt's rows have other times, and by the next look it has written more than the old one had.
        var restarted = LogTree.BatchLog(1, 3, 3, 2.0).Replace(",1.01,", ",9.99,");
        File.WriteAllText(Path.Combine(dir, TrialFiles.PartialLog), restarted);
        var csv = (await store.GetAsync(dir))!.Value.Table.ToCsv();
        Assert.Equal(SampleLogs.EpochCsv(restarted), csv);
    }

    // A log longer than the head a reader compares (4 KB), cut back to the end of its first epoch and grown again past
    // where the reader had read: a program continuing from its checkpoint does exactly this.
    private static (string Dir, string Before, string After) CutBackAndRegrown(LogTree tree)
    {
        var dir = tree.AddRunning(Path1, "seed: 0\n", epochs: 2, batches: 100);
        var before = LogTree.BatchLog(1, 2, 100, 1.0);
        File.WriteAllText(Path.Combine(dir, TrialFiles.PartialLog), before);
        var firstEpoch = before[..before.IndexOf("\n2,train,", StringComparison.Ordinal)] + "\n";
        return (dir, before, firstEpoch + LogTree.BatchLog(2, 3, 100, 1.5, header: false));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_partial_log_cut_back_and_regrown_past_the_last_look_is_read_afresh_never_mixing_two_attempts(bool tornLine)
    {
        using var tree = new LogTree();
        var (dir, before, after) = CutBackAndRegrown(tree);
        var store = new EpochLogStore(tree.Log);
        Assert.Equal(SampleLogs.EpochCsv(before), (await store.GetAsync(dir))!.Value.Table.ToCsv());
        // With a torn line: the old attempt had half a row after its last whole one when it was read.
        if (tornLine) File.AppendAllText(Path.Combine(dir, TrialFiles.PartialLog), "2,val,0,0.1");
        if (tornLine) await store.GetAsync(dir);
        File.WriteAllText(Path.Combine(dir, TrialFiles.PartialLog), after);
        Assert.True(after.Length > before.Length);
        Assert.Equal(SampleLogs.EpochCsv(after), (await store.GetAsync(dir))!.Value.Table.ToCsv());
    }

    [Fact]
    public async Task The_step_series_of_a_log_cut_back_and_regrown_counts_the_rows_the_file_has()
    {
        using var tree = new LogTree();
        var (dir, before, after) = CutBackAndRegrown(tree);
        var series = new Hypergrid.Dashboard.Series.SeriesStore(tree.Log);
        Task<object?> Rows() => series.WithLogAsync<object>(dir, ["loss"], log => log.Rows("train"), CancellationToken.None);
        Assert.Equal(200, await Rows());
        File.WriteAllText(Path.Combine(dir, TrialFiles.PartialLog), after);
        Assert.Equal(300, await Rows());
    }

    [Fact]
    public async Task A_cache_that_cannot_be_written_does_not_fail_the_read()
    {
        using var tree = new LogTree();
        var dir = tree.AddComplete(Path1, "seed: 0\n", epochs: 2, batches: 2);
        // A folder where the cache file would go: the write fails as it would on a full or read-only out/.
        Directory.CreateDirectory(Path.Combine(dir, TrialFiles.EpochLog));
        var log = await new EpochLogStore(tree.Log).GetAsync(dir);
        Assert.Equal(5, log!.Value.Table.ToCsv().TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public async Task A_fifo_named_like_the_partial_log_is_not_read_and_does_not_hang()
    {
        using var tree = new LogTree();
        var dir = tree.AddTrial(Path1, "seed: 0\n");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(dir, TrialFiles.PartialLog))) mkfifo.WaitForExit();
        var read = new EpochLogStore(tree.Log).GetAsync(dir);
        Assert.Same(read, await Task.WhenAny(read, Task.Delay(5000)));
        Assert.Null(await read);
    }
}
