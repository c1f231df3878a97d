using System.Diagnostics;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests;

/// <summary>
/// Ctrl-C at a terminal, through the real CLI and workers: SIGINT to the command's process group, as a terminal sends it.
/// The first says what it did and leaves the trial to continue; a second stops at once.
/// </summary>
public class CtrlCTests
{
    private const string Leaf = "sweep/synthetic/mlp/adam";
    private const string Root = "seed: 0\nepochs: 3\nbatch_size: 32\nn_train: 30000\nfeatures: 32\ncheckpoint_minutes: 0.005\n";

    private static Study NewStudy() => new Study().Write("", Root).Write(Leaf, "hidden: [64]\nlr: 0.005\n");

    // Its own session and process group (setsid), so that a SIGINT to the group reaches the command and its workers only.
    private static Process StartInGroup(Study study)
    {
        var info = new ProcessStartInfo("setsid") { WorkingDirectory = study.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "hypergrid.dll"), "sweep", "--workers", "1" }) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    // The command started in its group, its output being read, once its trial has written a checkpoint.
    private static (Process Run, Task<string> Stdout, Task<string> Stderr) StartedTraining(Study study)
    {
        var run = StartInGroup(study);
        var output = (run, run.StandardOutput.ReadToEndAsync(), run.StandardError.ReadToEndAsync());
        Study.WaitForCheckpoint(study.Trial(Leaf, 0), after: 50);
        return output;
    }

    [Fact]
    public async Task The_first_ctrl_c_checkpoints_the_trials_and_says_where_they_continue()
    {
        using var study = NewStudy();
        var (run, stdout, stderr) = StartedTraining(study);
        using var started = run;
        Assert.True(Signal.Send(-run.Id, 2));
        Assert.True(run.WaitForExit(TimeSpan.FromMinutes(1)), "the run stopped");
        Assert.Equal(130, run.ExitCode);
        var (said, err) = (await stdout, await stderr);
        Assert.Contains("stopping: the running trials write a checkpoint and stop (Ctrl-C again stops at once)", err);
        Assert.Matches(@"stopping: 1 trial\(s\) checkpointed at epoch \d+ (batch \d+|val); rerun to continue", said);
        Assert.DoesNotContain("Exception", said + err);

        var (code, output) = study.Run("sweep");
        Assert.True(code == 0, output);
        Assert.Contains("1 continue from a checkpoint", output);
        Assert.True(study.IsComplete(Leaf, 0));
        // Its time is both attempts' (the stopped one's and the one that finished), as for a program.
        var record = RunRecord.TryRead(study.Trial(Leaf, 0))!;
        Assert.Equal(2, record.AttemptSeconds!.Count);
        Assert.Equal(Math.Round(record.AttemptSeconds.Sum(), 3), record.Seconds);
    }

    [Fact]
    public async Task A_second_ctrl_c_stops_at_once_and_the_trial_continues_from_its_last_checkpoint()
    {
        using var study = NewStudy();
        var (run, _, stderr) = StartedTraining(study);
        using var started = run;
        var worker = Claim.TryRead(study.Trial(Leaf, 0))!.Pid;
        Assert.True(Signal.Send(-run.Id, 2));
        Thread.Sleep(50);
        Assert.True(Signal.Send(-run.Id, 2));
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(20)), "stopped at once");
        Assert.Equal(130, run.ExitCode);
        Assert.Contains("stopped at once", await stderr);
        // The worker is gone too: nothing trains on behind the prompt.
        var deadline = Stopwatch.StartNew();
        while (Directory.Exists($"/proc/{worker}") && deadline.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(50);
        Assert.False(Directory.Exists($"/proc/{worker}") && !File.ReadAllText($"/proc/{worker}/stat").Contains(") Z "), "the worker was left running");

        var (code, output) = study.Run("sweep");
        Assert.True(code == 0, output);
        Assert.True(study.IsComplete(Leaf, 0));
    }
}
