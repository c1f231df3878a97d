using System.Diagnostics;
using Hypergrid.Trials;

using Hypergrid.Tests;

namespace Hypergrid.Running.Tests;

/// <summary>Real 'hypergrid' processes training real (small) trials.</summary>
public class RunTests
{
    private const string Leaf = "sweep/synthetic/mlp/adam";
    private const string Root = "seed: 0\nepochs: 2\nbatch_size: 64\nhidden: [16]\n";

    [Fact]
    public void A_run_trains_every_trial_then_a_second_run_trains_nothing_and_says_so()
    {
        using var study = new Study().Write("", Root).Write(Leaf, "lr: [0.01, 0.02]");
        var (code, output) = study.Run("run");
        Assert.True(code == 0, output);
        Assert.True(study.IsComplete(Leaf, 0) && study.IsComplete(Leaf, 1), output);
        Assert.Contains("2 trained", output);
        var again = study.Run("sweep");
        Assert.Equal(0, again.Code);
        Assert.Contains("nothing to train", again.Output);
        Assert.Equal(1, study.Starts(Leaf, 0));
    }

    [Fact]
    public void The_same_trial_run_twice_gives_the_same_batch_log_apart_from_time()
    {
        string[] Log()
        {
            using var study = new Study().Write("", Root + "batch_metrics: [grad_norm]\ndropout: 0.2\n").Write(Leaf, "lr: 0.01");
            var (code, output) = study.Run("run");
            Assert.True(code == 0, output);
            return File.ReadAllLines(Path.Combine(study.Trial(Leaf, 0), TrialFiles.BatchLog))
                .Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 3))).ToArray();
        }
        var first = Log();
        Assert.True(first.Length > 10);
        Assert.Equal(first, Log());
    }

    [Fact]
    public void A_failing_trial_does_not_stop_the_others_is_reported_and_is_retried_next_run()
    {
        using var study = new Study().Write("", Root).Write("sweep/synthetic/mlp/sgd", "momentum: 0\nlr: [0.05, 1e6, 0.1]");
        var (code, output) = study.Run("run");
        Assert.Equal(1, code);
        const string sgd = "sweep/synthetic/mlp/sgd";
        Assert.True(study.IsComplete(sgd, 0) && study.IsComplete(sgd, 2), output);
        Assert.False(study.IsComplete(sgd, 1));
        Assert.Contains("failed: sweep/synthetic/mlp/sgd/trial_001: loss became", output);
        var status = study.Run("status", "--trials");
        Assert.Contains("failed   sweep/synthetic/mlp/sgd/trial_001", status.Output);
        Assert.Contains("loss became", status.Output);
        Assert.Equal(1, study.Run("run").Code);
        Assert.Equal(2, study.Starts(sgd, 1));
        Assert.Equal(1, study.Starts(sgd, 0));
    }

    [Fact]
    public async Task Two_runs_started_at_the_same_moment_train_every_trial_exactly_once()
    {
        using var study = new Study().Write("", Root).Write(Leaf, "lr: [0.01, 0.02, 0.03]\nhidden: [[8], [16]]");
        using var a = study.Start("run");
        using var b = study.Start("run");
        var outA = a.StandardOutput.ReadToEndAsync();
        var outB = b.StandardOutput.ReadToEndAsync();
        var logs = string.Join("\n", await Task.WhenAll(outA, outB));
        await Task.WhenAll(a.WaitForExitAsync(), b.WaitForExitAsync()).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(a.ExitCode == 0 && b.ExitCode == 0, logs);
        // Each summary says how many of its trials the other run trained: together they trained each trial once.
        int Here(string output)
        {
            var m = System.Text.RegularExpressions.Regex.Match(output, @"(\d+) trained(?: \((\d+) of them by another run)?");
            return int.Parse(m.Groups[1].Value) - (m.Groups[2].Success ? int.Parse(m.Groups[2].Value) : 0);
        }
        Assert.Equal(6, Here(await outA) + Here(await outB));
        for (var n = 0; n < 6; n++)
        {
            Assert.True(study.IsComplete(Leaf, n), $"trial {n}\n{logs}");
            Assert.Equal(1, study.Starts(Leaf, n));
        }
    }

    [Fact]
    public void A_worker_killed_mid_trial_leaves_it_incomplete_and_the_next_run_takes_over_its_claim_and_continues_it()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 40\nbatch_size: 32\nhidden: [64]\nn_train: 4000\n").Write(Leaf, "lr: 0.01");
        var trial = study.Trial(Leaf, 0);
        using var run = study.Start("run");
        Study.WaitForCheckpoint(trial);
        var claim = Claim.TryRead(trial)!;
        Process.GetProcessById(claim.Pid).Kill();   // SIGKILL: no chance to clean up
        var said = run.StandardOutput.ReadToEnd();
        Assert.True(run.WaitForExit(TimeSpan.FromMinutes(1)));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"(pid {claim.Pid}) was killed by signal 9", said);
        Assert.False(study.IsComplete(Leaf, 0));
        Assert.True(File.Exists(Path.Combine(trial, TrialFiles.Claim)), "the dead claim stays behind");
        Assert.Contains("pending", study.Run("status", "--trials").Output);

        study.Write("", "seed: 0\nepochs: 40\nbatch_size: 32\nhidden: [64]\nn_train: 4000\n");
        var (code, output) = study.Run("run");
        Assert.True(code == 0, output);
        Assert.True(study.IsComplete(Leaf, 0));
        Assert.Equal(1, study.Starts(Leaf, 0));
        Assert.Equal(1, study.Resumes(Leaf, 0));
        Assert.False(File.Exists(Path.Combine(trial, TrialFiles.Claim)));
    }
}

public class ClaimLossTests
{
    [Fact]
    public void A_worker_whose_claim_was_taken_over_stops_and_leaves_the_new_holders_files_alone()
    {
        const string leaf = "sweep/synthetic/mlp/adam";
        using var study = new Study().Write("", "seed: 0\nepochs: 5000\nbatch_size: 32\nhidden: [64]\nn_train: 4000\n").Write(leaf, "lr: 0.01");
        var trial = study.Trial(leaf, 0);
        using var run = study.Start("run");
        Study.WaitUntilTraining(trial);
        var old = Claim.TryRead(trial)!;
        var runJson = File.ReadAllText(Path.Combine(trial, TrialFiles.Run));

        // A rival (this test process, alive) takes the claim over, as after a stall longer than the timeout.
        var rival = $"{{\"host\":\"{Environment.MachineName}\",\"pid\":{Environment.ProcessId},\"epoch\":{old.Epoch + 1},\"heartbeat\":\"{DateTimeOffset.UtcNow:O}\"}}";
        File.WriteAllText(Path.Combine(trial, TrialFiles.Claim), rival);

        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(30)), "the worker notices within a heartbeat and stops");
        Assert.Equal(rival, File.ReadAllText(Path.Combine(trial, TrialFiles.Claim)));
        Assert.Equal(runJson, File.ReadAllText(Path.Combine(trial, TrialFiles.Run)));
        Assert.False(File.Exists(Path.Combine(trial, TrialFiles.BatchLog)));
        Assert.Contains("claim lost to another worker", File.ReadAllText(Path.Combine(trial, TrialFiles.WorkerLog)));
    }
}

public class StaleTests
{
    private const string Leaf = "sweep/synthetic/mlp/adam";

    [Fact]
    public void A_config_changed_after_completion_is_stale_kept_until_rerun_stale_which_moves_old_logs_aside()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 1\nhidden: [8]\n").Write(Leaf, "lr: 0.01");
        Assert.Equal(0, study.Run("run").Code);
        var trial = study.Trial(Leaf, 0);
        var firstLog = File.ReadAllText(Path.Combine(trial, "batch_log.csv"));

        study.Write("", "seed: 0\nepochs: 2\nhidden: [8]\n");
        Assert.Contains("stale    " + Leaf + "/trial_000", study.Run("status", "--trials").Output);
        var plain = study.Run("run");
        Assert.Equal(0, plain.Code);
        Assert.Contains("1 of them stale", plain.Output);
        Assert.Equal(firstLog, File.ReadAllText(Path.Combine(trial, "batch_log.csv")));

        var rerun = study.Run("run", "--rerun-stale");
        Assert.True(rerun.Code == 0, rerun.Output);
        var previous = Assert.Single(Directory.GetDirectories(Path.Combine(trial, "previous")));
        Assert.Equal(firstLog, File.ReadAllText(Path.Combine(previous, "batch_log.csv")));
        Assert.True(File.Exists(Path.Combine(previous, "run.json")));
        Assert.Contains("2,val,", File.ReadAllText(Path.Combine(trial, "batch_log.csv")));
        Assert.Contains("complete " + Leaf + "/trial_000", study.Run("status", "--trials").Output);
    }
}

public class SplitTests
{
    private const string Leaf = "sweep/synthetic/mlp/adam";

    [Fact]
    public void Without_workers_or_threads_the_split_is_chosen_from_the_first_batches_and_said_and_flags_override_it()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 1\nhidden: [32]\n").Write(Leaf, "lr: [0.01, 0.02, 0.03]");
        var (code, output) = study.Run("sweep");
        Assert.True(code == 0, output);
        var cores = Environment.ProcessorCount;
        var m = System.Text.RegularExpressions.Regex.Match(output, @"training 3 trial\(s\) with (\d+) worker process\(es\), (\d+) thread\(s\) each \(chosen from sweep/synthetic/mlp/adam/trial_000's first batches: [0-9.]+ ms a batch on 1 thread");
        if (cores > 1)
        {
            Assert.True(m.Success, output);
            Assert.Equal(cores, int.Parse(m.Groups[1].Value) * int.Parse(m.Groups[2].Value) + cores % int.Parse(m.Groups[1].Value));
        }
        study.Write(Leaf, "lr: [0.01, 0.02, 0.03, 0.04]");
        (code, output) = study.Run("sweep", "--workers", "1", "--threads", "1");
        Assert.True(code == 0, output);
        Assert.Contains("training 1 trial(s) with 1 worker process(es), 1 thread(s) each; 3 already complete", output);
        Assert.DoesNotContain("chosen from", output);
    }
}
