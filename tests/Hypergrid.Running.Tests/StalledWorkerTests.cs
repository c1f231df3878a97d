using System.Diagnostics;
using Hypergrid.Trials;

using Hypergrid.Tests;

namespace Hypergrid.Running.Tests;

/// <summary>
/// A worker that lost its claim writes nothing, ever: a worker stopped (SIGSTOP) past the claim timeout while another run
/// takes the trial over and completes it, then continued (SIGCONT), leaves the successor's result byte for byte as it was.
/// </summary>
public class StalledWorkerTests
{
    private const int SigStop = 19, SigCont = 18;
    private static readonly Dictionary<string, string> ShortTimeout = new() { ["HYPERGRID_CLAIM_TIMEOUT_SECONDS"] = "3" };

    [Theory]
    [InlineData("builtin")]
    [InlineData("program")]
    public void A_worker_stopped_past_the_claim_timeout_and_woken_after_a_takeover_changes_nothing_of_the_successors_result(string kind)
    {
        var (leaf, root, tree) = kind == "builtin"
            ? ("sweep/synthetic/mlp/adam", "seed: 0\nepochs: 3\nbatch_size: 16\nhidden: [32]\nn_train: 8192\ncheckpoint_minutes: 0.002\n", "lr: 0.01")
            : ("sweep/clusters/softmax/sgd", "command: python3 train.py\nseed: 0\nepochs: 3\nbatch_size: 32\nn_train: 1024\ndelay: 0.03\n", "lr: 0.1");
        Study Make() => new Study().Copy("examples/stdlib/train.py").Write("", root).Write(leaf, tree);
        using var reference = Make();
        Assert.Equal(0, reference.Run("sweep", "--workers", "1", "--threads", "1").Code);
        var expected = BatchLogs.WithoutTime(Path.Combine(reference.Trial(leaf, 0), TrialFiles.BatchLog));

        using var study = Make();
        var trial = study.Trial(leaf, 0);
        using var stalled = study.StartWith(ShortTimeout, "sweep", "--workers", "1", "--threads", "1");
        Study.WaitUntilTraining(trial, rows: 60);
        if (kind == "builtin") Study.WaitForCheckpoint(trial);
        var worker = Claim.TryRead(trial)!.Pid;
        Assert.True(Signal.Send(worker, SigStop));
        try
        {
            Thread.Sleep(TimeSpan.FromSeconds(4)); // past the timeout: the claim is dead to everyone else
            var (code, output) = study.RunWith(ShortTimeout, "sweep", "--workers", "1", "--threads", "1");
            Assert.True(code == 0, output);
            Assert.True(study.IsComplete(leaf, 0), output);
        }
        finally
        {
            Signal.Send(worker, SigCont);
        }
        var log = Path.Combine(trial, TrialFiles.BatchLog);
        var bytes = File.ReadAllBytes(log);
        var run = File.ReadAllText(Path.Combine(trial, TrialFiles.Run));
        Assert.True(stalled.WaitForExit(TimeSpan.FromSeconds(60)), "the stalled worker stops once it sees its claim lost");
        Thread.Sleep(500);
        Assert.Equal(bytes, File.ReadAllBytes(log));
        Assert.Equal(run, File.ReadAllText(Path.Combine(trial, TrialFiles.Run)));
        Assert.Equal(expected, BatchLogs.WithoutTime(log));
        // worker.log is appended by both: the old holder's last line lands after the new holder's, which stay whole.
        var lines = File.ReadAllLines(Path.Combine(trial, TrialFiles.WorkerLog));
        Assert.Contains(lines, l => l.Contains("claim lost to another worker"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d{4}-\d\d-\d\dT\S+ complete in "));
        Assert.All(lines, l => Assert.True(System.Text.RegularExpressions.Regex.Matches(l, @"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d").Count <= 1, l));
        Assert.Contains($"complete {leaf}/trial_000", study.Run("status", "--trials").Output);
    }
}

/// <summary>Failure paths keep what can be continued, and leave nothing behind once the trial completes.</summary>
public class LeftoverTests
{
    [Fact]
    public void Temp_files_of_writes_cut_short_and_a_failed_attempts_files_are_gone_once_the_trial_completes()
    {
        const string leaf = "sweep/synthetic/mlp/adam";
        using var study = new Study().Write("", "seed: 0\nepochs: 1\nhidden: [8]\nn_train: 256\n").Write(leaf, "lr: 0.01");
        Assert.Equal(0, study.Run("expand").Code);
        var trial = study.Trial(leaf, 0);
        // What a kill -9 during writes leaves: a full-size temp file beside run.json, one in an old attempt's checkpoint
        // folder, and an old attempt's log.
        File.WriteAllBytes(Path.Combine(trial, ".run.json.999999.0123abcd.tmp"), new byte[1 << 20]);
        var old = Path.Combine(trial, Attempt.Folder, "001", Attempt.CheckpointFolder);
        Directory.CreateDirectory(old);
        File.WriteAllBytes(Path.Combine(old, ".checkpoint.bin.999999.4567cdef.tmp"), new byte[1 << 20]);
        File.WriteAllText(Path.Combine(trial, Attempt.Folder, "001", TrialFiles.PartialLog), "");
        File.WriteAllText(Path.Combine(trial, TrialFiles.FailedLog), "epoch,mode,batch\n");
        var (code, output) = study.Run("sweep");
        Assert.True(code == 0, output);
        Assert.Empty(Directory.GetFiles(trial, "*.tmp", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(trial, Attempt.Folder)));
        Assert.False(File.Exists(Path.Combine(trial, TrialFiles.FailedLog)));
        Assert.True(study.IsComplete(leaf, 0));
    }
}
