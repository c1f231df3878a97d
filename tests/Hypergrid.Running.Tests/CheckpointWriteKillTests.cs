using System.Diagnostics;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests;

/// <summary>
/// A checkpoint is written by another thread while training goes on; a worker killed (kill -9) in the middle of that
/// write leaves the trial's previous checkpoint, which continues it to the batch log of an uninterrupted run.
/// </summary>
public class CheckpointWriteKillTests
{
    private const string Leaf = "sweep/synthetic/mlp/adam";
    private const string Params = "hidden: [64]\ndropout: 0.2\nlr: 0.005\nschedule: cosine\n";
    private static readonly string[] OneThread = ["sweep", "--threads", "1"];
    private const int Stop = 19, Continue = 18, Kill = 9;

    private static Study NewStudy(string root) => new Study().Write("", root).Write(Leaf, Params);

    private static string[] Straight(string root)
    {
        using var study = NewStudy(root);
        var (code, output) = study.Run(OneThread);
        Assert.True(code == 0, output);
        return BatchLogs.WithoutTime(Path.Combine(study.Trial(Leaf, 0), TrialFiles.BatchLog));
    }

    /// <summary>
    /// Waits until the worker is writing a checkpoint past the first one (its temp file is there), freezes it
    /// (SIGSTOP), and if the temp file is still there, so the write has not been renamed in, kills it (SIGKILL).
    /// Returns the name of the temp file the kill left.
    /// </summary>
    private static string KillDuringWrite(string trial, int pid)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            var folder = Attempt.Latest(trial)?.CheckpointDir;
            var temp = folder is null || !Directory.Exists(folder) ? null
                : Directory.EnumerateFiles(folder).FirstOrDefault(f => AtomicFile.IsTemp(Path.GetFileName(f)));
            if (temp is null || Attempt.LiveCheckpoint(trial) is null) { Thread.Yield(); continue; }
            Assert.True(Signal.Send(pid, Stop));
            if (File.Exists(temp))
            {
                Assert.True(Signal.Send(pid, Kill));
                return Path.GetFileName(temp);
            }
            Assert.True(Signal.Send(pid, Continue)); // renamed in before the stop landed: try the next one
        }
        throw new TimeoutException("no checkpoint write was caught in a minute");
    }

    [Theory]
    // Checkpoints at every batch boundary 6 ms apart (mid-epoch writes), and at epoch ends only (20 short epochs).
    [InlineData("seed: 0\nepochs: 3\nbatch_size: 32\nn_train: 6000\nfeatures: 32\ncheckpoint_minutes: 0.0001\n")]
    [InlineData("seed: 0\nepochs: 20\nbatch_size: 32\nn_train: 1000\nfeatures: 32\ncheckpoint_minutes: 0\n")]
    public void A_worker_killed_while_it_writes_a_checkpoint_continues_from_the_one_before_to_the_log_of_an_uninterrupted_run(string root)
    {
        var expected = Straight(root);
        using var study = NewStudy(root);
        var trial = study.Trial(Leaf, 0);
        using (var run = study.Start(OneThread))
        {
            Study.WaitUntilTraining(trial);
            var left = KillDuringWrite(trial, Claim.TryRead(trial)!.Pid);
            Assert.True(run.WaitForExit(TimeSpan.FromMinutes(1)));
            // The kill cut the write short: its temp file is still there, and the checkpoint in place is an older one, whole.
            Assert.True(File.Exists(Path.Combine(Attempt.Latest(trial)!.CheckpointDir, left)), left);
            Assert.NotNull(CheckpointHeader.TryRead(Attempt.LiveCheckpoint(trial)!));
        }
        var (code, output) = study.Run(OneThread);
        Assert.True(code == 0, output);
        Assert.Contains("1 continue from a checkpoint", output);
        Assert.Equal(expected, BatchLogs.WithoutTime(Path.Combine(trial, TrialFiles.BatchLog)));
    }
}
