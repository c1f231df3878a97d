using Hypergrid.Dashboard.Api;
using Hypergrid.Dashboard.Trials;
using Hypergrid.Tests;

namespace Hypergrid.Cli.Tests;

/// <summary>
/// A local sweep leaves out/log's trial list index at its end, so the first dashboard finds it: a fresh scan takes every
/// finished trial from it and answers byte for byte as one that reads every file; where it cannot be written the sweep
/// ends as it would have.
/// </summary>
public class RunIndexTests
{
    [Fact]
    public void A_local_sweep_leaves_the_list_index_a_fresh_scan_answers_the_same_with_and_a_failed_write_fails_nothing()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 1\n").Write("sweep/synthetic/mlp/adam", "lr: [0.1, 0.2]\n");
        var index = Path.Combine(study.Log, TrialListIndex.FileName);
        // A folder where the index is renamed to: its write fails (as root, a read-only out/log would not stop it).
        Directory.CreateDirectory(index);
        var blocked = study.Run("sweep", "--workers", "1");
        Assert.True(blocked.Code == 0, blocked.Output);
        Assert.Contains("2 trained", blocked.Output);
        Assert.True(Directory.Exists(index));
        Assert.Empty(Directory.EnumerateFiles(study.Log, "*.tmp"));

        Directory.Delete(index);
        study.Write("sweep/synthetic/mlp/adam", "lr: [0.1, 0.2, 0.3]\n");
        var run = study.Run("sweep", "--workers", "1");
        Assert.True(run.Code == 0, run.Output);
        Assert.True(File.Exists(index), run.Output);

        var with = new TrialScanner(study.Log, Training.TrialSchema.Instance) { UseIndex = true };
        var (trials, print) = with.ScanWithFingerprint();
        Assert.Equal(3, trials.Count);
        // Every trial, the one trained a moment before the run ended too (the racy window was waited out).
        Assert.Equal(3, with.Index!.Loaded);
        Assert.Equal(3, with.Index.Hits);
        var (read, printRead) = new TrialScanner(study.Log, Training.TrialSchema.Instance).ScanWithFingerprint();
        Assert.Equal(printRead, print);
        Assert.Equal(TrialListJson.Write(study.Log, [], read), TrialListJson.Write(study.Log, [], trials));
    }
}
