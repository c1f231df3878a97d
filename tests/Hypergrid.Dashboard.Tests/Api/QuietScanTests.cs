using System.Diagnostics;
using Hypergrid.Dashboard.Trials;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// The trial list's quiet path (what a 304 revalidation costs): while the change journal is quiet a scan reads no trial
/// folder of a finished study and only the claimed one of a running study, gives the same fingerprint, and yet a
/// changed run.json, a new trial folder and a deleted one are each seen by the scans that follow.
/// </summary>
public sealed class QuietScanTests : IDisposable
{
    private const int Trials = 40;
    private readonly LogTree tree = new();
    private readonly ChangeJournal journal;
    private readonly TrialScanner scanner;

    public QuietScanTests()
    {
        for (var i = 0; i < Trials; i++) tree.AddComplete($"sweep/mnist/mlp/adam/trial_{i:D3}", $"seed: {i}\n", epochs: 1, batches: 2);
        // Judging a claim's age probes the file clock once per process, by a file written and removed in the claim's folder
        // (unless a dashboard was built first in this process): here, outside out/log, so no scan writes under the watch.
        Hypergrid.Trials.ClockSkew.Of(tree.Root);
        journal = ChangeJournal.Watch(tree.Log);
        scanner = new TrialScanner(tree.Log) { Journal = journal };
    }

    public void Dispose()
    {
        journal.Dispose();
        tree.Dispose();
    }

    private static void Soon(Func<bool> seen)
    {
        var clock = Stopwatch.StartNew();
        // Asked once per round: the last answer is the one judged (asked again, a scan's predicate scans again).
        var now = false;
        while (!(now = seen()) && clock.ElapsedMilliseconds < 3000) Thread.Sleep(20);
        Assert.True(now);
    }

    /// <summary>
    /// Returns once every change made before the call is counted by the journal. Its watcher raises events on its own
    /// thread, in order, and under load tens to hundreds of milliseconds after the write: neither a quiet scan nor a moved
    /// version shows that the events of earlier writes were all counted (one counted later makes a later scan a full one).
    /// A folder made here is one event after all of them; once it is the last counted, so are they.
    /// </summary>
    private void Flush()
    {
        var marker = $".flush-{Guid.NewGuid():N}";
        Directory.CreateDirectory(Path.Combine(tree.Log, marker));
        Soon(() => journal.LastCounted == marker);
    }

    private string? StateOf(string trial) => scanner.Scan().FirstOrDefault(t => t.Record.Id.Folder == trial).Record?.State.Name();

    [Fact]
    public void A_quiet_scan_of_a_finished_study_reads_no_trial_folder_and_answers_the_same()
    {
        Assert.True(journal.Healthy);
        var (trials, print) = scanner.ScanWithFingerprint();
        Assert.Equal(Trials, trials.Count);
        Assert.Equal(Trials, scanner.LastVisited);
        var full = scanner.FullScans;
        for (var i = 0; i < 5; i++)
        {
            var (again, printAgain) = scanner.ScanWithFingerprint();
            Assert.Equal(print, printAgain);
            Assert.Equal(Trials, again.Count);
            Assert.Equal(0, scanner.LastVisited);
        }
        Assert.Equal(full, scanner.FullScans);
    }

    [Fact]
    public void A_quiet_scan_reads_only_the_claimed_trial_and_sees_its_holder_die()
    {
        using var holder = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        File.WriteAllText(Path.Combine(tree.AddTrial("sweep/mnist/mlp/adam/trial_900", "seed: 900\n"), TrialFiles.Claim), $"{{\"host\":\"{Environment.MachineName}\",\"pid\":{holder.Id}}}");
        Soon(() => StateOf("trial_900") == "running");
        // The new folder's events may be counted long after its files were written (under load; a quiet scan in between
        // proves nothing: CI failed twice on a full scan that came after one): flushed, then one full scan, then quiet.
        Flush();
        scanner.Scan();
        var full = scanner.FullScans;
        var print = scanner.ScanWithFingerprint().Fingerprint;
        Assert.Equal(1, scanner.LastVisited);
        holder.Kill();
        holder.WaitForExit();
        Assert.NotEqual("running", StateOf("trial_900"));
        Assert.NotEqual(print, scanner.ScanWithFingerprint().Fingerprint);
        Assert.Equal(full, scanner.FullScans);
    }

    [Fact]
    public void A_changed_run_json_a_new_folder_and_a_deleted_folder_are_each_seen_after_quiet_scans()
    {
        scanner.Scan();
        scanner.Scan(); // quiet from here
        new RunRecord { Status = RunStatus.Failed, Error = "boom" }.Write(tree.Trial("sweep/mnist/mlp/adam/trial_007"));
        Soon(() => StateOf("trial_007") != "complete");

        scanner.Scan();
        tree.AddTrial("sweep/fashion/mlp/sgd/trial_000", "seed: 0\n");
        Soon(() => scanner.Scan().Count == Trials + 1);

        scanner.Scan();
        Directory.Delete(tree.Trial("sweep/mnist/mlp/adam/trial_011"), true);
        Soon(() => scanner.Scan().Count == Trials && StateOf("trial_011") is null);
    }
}
