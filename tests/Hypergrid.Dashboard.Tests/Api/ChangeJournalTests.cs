using System.Diagnostics;
using Hypergrid.Dashboard.Trials;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// The trial list's scan with a change journal (inotify on out/log): while it is quiet, the last scan's folders are
/// reused, yet a new trial, a state change in run.json and a claim whose holder died are each seen.
/// </summary>
public sealed class ChangeJournalTests : IDisposable
{
    private readonly LogTree tree = new();
    private readonly ChangeJournal journal;
    private readonly TrialScanner scanner;

    public ChangeJournalTests()
    {
        for (var i = 0; i < 3; i++) tree.AddComplete($"sweep/mnist/mlp/adam/trial_00{i}", $"seed: {i}\n", epochs: 1, batches: 2);
        journal = ChangeJournal.Watch(tree.Log);
        scanner = new TrialScanner(tree.Log) { Journal = journal };
    }

    public void Dispose()
    {
        journal.Dispose();
        tree.Dispose();
    }

    private string? StateOf(string trial) =>
        scanner.Scan().FirstOrDefault(t => t.Record.Id.Folder == trial).Record?.State.Name();

    /// <summary>The watcher's events arrive a few milliseconds after a write: the next scans see it within a second.</summary>
    private void SeenSoon(string trial, string? state)
    {
        var clock = Stopwatch.StartNew();
        while (StateOf(trial) != state && clock.ElapsedMilliseconds < 2000) Thread.Sleep(20);
        Assert.Equal(state, StateOf(trial));
    }

    [Fact]
    public void A_quiet_journal_gives_the_same_fingerprint_and_a_new_trial_is_seen()
    {
        Assert.True(journal.Healthy);
        var first = scanner.ScanWithFingerprint().Fingerprint;
        Assert.Equal(first, scanner.ScanWithFingerprint().Fingerprint);
        tree.AddTrial("sweep/mnist/mlp/adam/trial_003", "seed: 3\n");
        SeenSoon("trial_003", "pending");
        tree.AddTrial("sweep/fashion/mlp/sgd/trial_000", "seed: 0\n"); // a new leaf too
        var clock = Stopwatch.StartNew();
        while (scanner.Scan().Count < 5 && clock.ElapsedMilliseconds < 2000) Thread.Sleep(20);
        Assert.Equal(5, scanner.Scan().Count);
    }

    [Fact]
    public void A_state_change_in_run_json_is_seen()
    {
        var dir = tree.AddTrial("sweep/mnist/mlp/adam/trial_005", "seed: 5\n");
        SeenSoon("trial_005", "pending");
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), LogTree.BatchLog(1, 1, 2, 1));
        new RunRecord { Status = RunStatus.Complete, Final = new() { ["val_acc"] = 0.5 } }.Write(dir);
        SeenSoon("trial_005", "complete");
        new RunRecord { Status = RunStatus.Failed, Error = "boom" }.Write(tree.Trial("sweep/mnist/mlp/adam/trial_000"));
        var now = new TrialScanner(tree.Log).Scan().Single(t => t.Record.Id.Folder == "trial_000").Record.State.Name(); // a full scan's word
        Assert.NotEqual("complete", now);
        SeenSoon("trial_000", now);
    }

    [Fact]
    public void A_claim_whose_holder_died_is_seen_while_the_journal_is_quiet()
    {
        using var holder = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        var dir = tree.AddTrial("sweep/mnist/mlp/adam/trial_004", "seed: 4\n");
        File.WriteAllText(Path.Combine(dir, TrialFiles.Claim), $"{{\"host\":\"{Environment.MachineName}\",\"pid\":{holder.Id}}}");
        SeenSoon("trial_004", "running");
        Thread.Sleep(100); // the last events delivered
        var version = journal.Version;
        holder.Kill();
        holder.WaitForExit();
        Assert.NotEqual("running", StateOf("trial_004"));
        Assert.Equal(version, journal.Version); // nothing on disk changed: the quiet path saw it
    }

    [Fact]
    public void Without_a_healthy_journal_every_scan_reads_the_folders()
    {
        var plain = new TrialScanner(tree.Log);
        Assert.Equal(3, plain.Scan().Count);
        tree.AddTrial("sweep/mnist/mlp/adam/trial_006", "seed: 6\n");
        Assert.Equal(4, plain.Scan().Count); // at once: no journal to wait for
    }
}
