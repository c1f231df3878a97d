using System.Diagnostics;
using Hypergrid.Trials;

using Hypergrid.Tests;

namespace Hypergrid.Running.Tests;

/// <summary>The one test suite every launcher passes: same trials, same claims, same outcomes.</summary>
public abstract class LauncherContract
{
    private const string Leaf = "sweep/synthetic/mlp/adam";

    /// <summary>The flags that select and size this launcher on a training verb.</summary>
    protected abstract string[] LaunchArgs { get; }

    /// <summary>Stops the whole run the way its platform does (SIGTERM to 'hypergrid run', scancel of the job).</summary>
    protected abstract void Cancel(Process run, Claim claim);

    protected (int Code, string Output) Run(Study study, params string[] args) => study.Run([.. args, .. LaunchArgs]);

    [Fact]
    public void A_six_trial_sweep_trains_every_trial_exactly_once_and_ends_with_the_summary()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 2\nhidden: [16]\n").Write(Leaf, "lr: [0.01, 0.02, 0.03]\ndropout: [0.0, 0.1]");
        var (code, output) = Run(study, "sweep");
        Assert.True(code == 0, output);
        for (var n = 0; n < 6; n++)
        {
            Assert.True(study.IsComplete(Leaf, n), output);
            Assert.Equal(1, study.Starts(Leaf, n));
        }
        Assert.Contains("6 trained, 0 not complete", output);
        Assert.Contains("sweep/synthetic/mlp/adam/trial_005", output);
    }

    [Fact]
    public void A_worker_stopped_mid_trial_leaves_it_incomplete_and_the_next_submission_completes_it()
    {
        // Long enough that it cannot finish before it is stopped; shortened before the second submission.
        using var study = new Study().Write("", "seed: 0\nepochs: 5000\nbatch_size: 32\nhidden: [64]\nn_train: 4000\n").Write(Leaf, "lr: 0.01");
        var trial = study.Trial(Leaf, 0);
        using var run = study.Start(["sweep", .. LaunchArgs]);
        Study.WaitUntilTraining(trial);
        Cancel(run, Claim.TryRead(trial) ?? throw new InvalidOperationException("the trial never started"));
        Assert.True(run.WaitForExit(TimeSpan.FromMinutes(1)));
        Assert.False(study.IsComplete(Leaf, 0));
        Assert.False(File.Exists(Path.Combine(trial, TrialFiles.Claim)), "a stopped worker releases its claim");
        Assert.Equal(RunStatus.Interrupted, RunRecord.TryRead(trial)?.Status);
        Assert.Contains("pending", study.Run("status", "--trials").Output);

        study.Write("", "seed: 0\nepochs: 3\nbatch_size: 32\nhidden: [64]\nn_train: 4000\n");
        var (code, output) = Run(study, "sweep");
        Assert.True(code == 0, output);
        Assert.True(study.IsComplete(Leaf, 0));
        Assert.Equal(2, study.Starts(Leaf, 0));
    }

    // Promotions are taken up by the same workers (or array tasks) without a coordinator; the decisions are the local ones.
    [Fact]
    public void A_halving_sweep_is_decided_and_promoted_by_the_workers_themselves()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 4\nhidden: [8]\nn_train: 256\n")
            .Write(Leaf, "lr: [0.0001, 0.001, 0.01, 0.1, 1.0, 0.3]\nsearch: {method: halving, metric: val_acc, rungs: [1, 2], keep: 0.34}");
        var (code, output) = Run(study, "sweep");
        Assert.True(code == 0, output);
        var states = Enumerable.Range(0, 6).Select(n => TrialRecord.Read(study.Trial(Leaf, n), TrialId.FromDirectory(study.Trial(Leaf, n)), (string?)null).State).ToList();
        Assert.Equal(1, states.Count(s => s == TrialState.Complete));
        Assert.Equal(5, states.Count(s => s == TrialState.Paused));
        var rounds = Trials.Search.SearchDecision.ReadAll(Path.Combine(study.Log, Leaf)).GroupBy(d => d.Round).ToList();
        Assert.Equal([6, 2], rounds.Select(r => r.Count()));             // rung 1 over six, rung 2 over the two kept, each once
    }

    [Fact]
    public void A_failing_trial_shows_as_failed_with_its_message_in_status()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 2\nhidden: [8]\n").Write("sweep/synthetic/mlp/sgd", "momentum: 0\nlr: [0.05, 1e6]");
        var (code, output) = Run(study, "sweep");
        Assert.Equal(1, code);
        Assert.True(study.IsComplete("sweep/synthetic/mlp/sgd", 0), output);
        var status = study.Run("status", "--trials").Output;
        Assert.Contains("failed   sweep/synthetic/mlp/sgd/trial_001", status);
        Assert.Contains("loss became", status);
    }
}

/// <summary>The same suite's part about trials trained by a program of their own (the command key).</summary>
public abstract class ProgramLauncherContract : LauncherContract
{
    private const string Program = "sweep/clusters/softmax/sgd";
    private const string Root = "command: python3 train.py\nseed: 0\nepochs: 3\nbatch_size: 32\n";

    [Fact]
    public void A_program_sweep_runs_the_command_once_per_trial_and_its_logs_become_results()
    {
        using var study = new Study().Copy("examples/stdlib/train.py").Write("", Root).Write(Program, "lr: [0.03, 0.3]\nbatch_size: [16, 64]");
        var (code, output) = Run(study, "sweep");
        Assert.True(code == 0, output);
        Assert.Contains("4 trained, 0 not complete", output);
        for (var n = 0; n < 4; n++)
        {
            var trial = study.Trial(Program, n);
            var run = RunRecord.TryRead(trial)!;
            Assert.Equal(RunStatus.Complete, run.Status);
            Assert.Equal(0, run.ExitCode);
            Assert.InRange(run.Final["val_acc"]!.Value, 0.5, 1.0);
            // 512 training samples and 256 val samples, every epoch, in batches of the trial's size.
            var batch = n < 2 ? 16 : 64; // batch_size comes first (the root names it first), so it is the outer axis
            Assert.Equal(1 + 3 * (512 / batch + 256 / batch), File.ReadAllLines(Path.Combine(trial, TrialFiles.BatchLog)).Length);
            Assert.False(Directory.Exists(Path.Combine(trial, Attempt.Folder)), "a complete trial keeps no attempt folder");
        }
        Assert.Contains("nothing to train", study.Run("sweep").Output);
    }

    [Fact]
    public void A_program_stopped_mid_trial_is_continued_by_the_next_submission_with_the_rows_of_an_uninterrupted_run()
    {
        const string slow = Root + "delay: 0.05\nn_train: 1024\n";
        using var straight = new Study().Copy("examples/stdlib/train.py").Write("", Root + "n_train: 1024\n").Write(Program, "lr: 0.1");
        Assert.Equal(0, straight.Run("sweep").Code);
        using var study = new Study().Copy("examples/stdlib/train.py").Write("", slow).Write(Program, "lr: 0.1");
        var trial = study.Trial(Program, 0);
        using var run = study.Start(["sweep", .. LaunchArgs]);
        // Past the first epoch (32 train + 8 val rows), so that its checkpoint exists.
        Study.WaitUntilTraining(trial, rows: 50);
        Cancel(run, Claim.TryRead(trial) ?? throw new InvalidOperationException("the trial never started"));
        Assert.True(run.WaitForExit(TimeSpan.FromMinutes(1)));
        Assert.False(study.IsComplete(Program, 0));
        Assert.Equal(RunStatus.Interrupted, RunRecord.TryRead(trial)?.Status);

        study.Write("", Root + "n_train: 1024\n"); // delay is the program's own key, not a hyperparameter of the result: drop it to finish fast
        var (code, output) = Run(study, "sweep");
        Assert.True(code == 0, output);
        Assert.Contains("(attempt 2)", File.ReadAllText(Path.Combine(trial, TrialFiles.WorkerLog)));
        Assert.Equal(BatchLogs.WithoutTime(Path.Combine(straight.Trial(Program, 0), TrialFiles.BatchLog)),
            BatchLogs.WithoutTime(Path.Combine(trial, TrialFiles.BatchLog)));
    }
}

public sealed class LocalLauncherContract : ProgramLauncherContract
{
    protected override string[] LaunchArgs => ["--workers", "2"];

    // 'hypergrid run' passes SIGTERM on to its workers, which release their claims.
    protected override void Cancel(Process run, Claim claim) => Assert.True(Hypergrid.Running.Signal.TermProcess(run.Id));
}

/// <summary>The same suite against a real Slurm (<see cref="LocalSlurm"/> starts one when none answers).</summary>
public sealed class SlurmLauncherContract : ProgramLauncherContract, IClassFixture<LocalSlurm>, IDisposable
{
    // The fixture is asked for so that xunit brings Slurm up before these tests (and down after them).
    public SlurmLauncherContract(LocalSlurm slurm) => GC.KeepAlive(slurm);

    // Jobs of a failed test must not keep the test cluster busy.
    public void Dispose() => LocalSlurm.CancelJobs();

    protected override string[] LaunchArgs => ["--launcher", "slurm", "--tasks", "3", "--wait"];

    protected override void Cancel(Process run, Claim claim)
    {
        Assert.NotNull(claim.SlurmJobId);
        using var p = Process.Start("scancel", claim.SlurmJobId);
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void Status_shows_the_job_and_task_of_a_trial_a_Slurm_task_is_training_and_its_state()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 5000\nbatch_size: 32\nhidden: [64]\nn_train: 4000\n").Write("sweep/synthetic/mlp/adam", "lr: 0.01");
        var (code, output) = study.Run("sweep", "--launcher", "slurm", "--tasks", "1");
        Assert.True(code == 0, output);
        Assert.Contains("the job runs on without this command", output);
        Assert.Matches(@"submitted Slurm job \d+: 1 task\(s\) of 1 CPU\(s\)", output);
        var trial = study.Trial("sweep/synthetic/mlp/adam", 0);
        var clock = Stopwatch.StartNew();
        Claim? claim = null;
        while ((claim = Claim.TryRead(trial)) is null && clock.Elapsed < TimeSpan.FromMinutes(1)) Thread.Sleep(100);
        Assert.NotNull(claim?.SlurmJobId);
        var status = study.Run("status", "--trials").Output;
        Assert.Contains($"slurm {claim!.SlurmJobId}_0 RUNNING", status);
        Assert.Contains("running  sweep/synthetic/mlp/adam/trial_000", status);
    }

    [Fact]
    public void Settings_from_a_slurm_mapping_reach_the_job_script_and_the_job_runs()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 1\nhidden: [8]\nslurm: {partition: debug, time: '0:10:00', cpus_per_task: 1}\n")
            .Write("sweep/synthetic/mlp/adam", "lr: [0.01, 0.02]");
        var (code, output) = study.Run("sweep", "--launcher", "slurm", "--tasks", "2", "--wait");
        Assert.True(code == 0, output);
        var script = File.ReadAllText(Directory.GetFiles(Path.Combine(study.Root, "out", "slurm"), "job.sh", SearchOption.AllDirectories).Single());
        Assert.Contains("#SBATCH --partition=debug", script);
        Assert.Contains("#SBATCH --time=0:10:00", script);
        Assert.Contains("#SBATCH --array=0-1", script);
        Assert.Contains("#SBATCH --signal=B:USR1@120", script);
        Assert.Contains("2 trained", output);
    }

    [Fact]
    public void A_trial_longer_than_the_time_limit_completes_through_several_tasks_with_the_log_of_an_uninterrupted_run()
    {
        // A minute or more of training at one thread (about 30 s on a fast AVX-512 host at 40 epochs: too short), past Slurm's shortest limit (a minute, whose warning may come any time in it).
        const string root = "seed: 0\nepochs: 80\nn_train: 100000\nfeatures: 32\nbatch_size: 32\nhidden: [128]\ndropout: 0.2\nslurm: {cpus_per_task: 1}\n";
        using var limited = new Study().Write("", root).Write("sweep/synthetic/mlp/adam", "lr: 0.001");
        using var straight = new Study().Write("", root).Write("sweep/synthetic/mlp/adam", "lr: 0.001");
        // Both at once, a CPU each: the uninterrupted run is the reference, trained with the same single thread.
        using var reference = straight.Start("sweep", "--launcher", "slurm", "--tasks", "1", "--wait");
        var (code, output) = limited.Run("sweep", "--launcher", "slurm", "--tasks", "1", "--time", "1", "--signal-seconds", "30", "--wait");
        Assert.True(code == 0, output);
        Assert.True(reference.WaitForExit(TimeSpan.FromMinutes(3)));
        Assert.Equal(0, reference.ExitCode);
        Assert.Contains("task 0 submitted again as Slurm job", output);
        Assert.Contains("1 trained, 0 not complete", output);
        Assert.True(limited.Resumes("sweep/synthetic/mlp/adam", 0) >= 1, output);
        var log = Path.Combine(limited.Trial("sweep/synthetic/mlp/adam", 0), TrialFiles.BatchLog);
        Assert.Equal(BatchLogs.WithoutTime(Path.Combine(straight.Trial("sweep/synthetic/mlp/adam", 0), TrialFiles.BatchLog)), BatchLogs.WithoutTime(log));
    }
}

/// <summary>A program of its own under Slurm's time limit: the same continuation as Hypergrid's own trainers.</summary>
public sealed class SlurmProgramTimeLimit : IClassFixture<LocalSlurm>, IDisposable
{
    public SlurmProgramTimeLimit(LocalSlurm slurm) => GC.KeepAlive(slurm);

    public void Dispose() => LocalSlurm.CancelJobs();

    [Fact]
    public void A_program_longer_than_the_time_limit_completes_through_several_jobs_with_the_rows_of_an_uninterrupted_run()
    {
        // About 80 s of a program that sleeps per batch, past Slurm's shortest limit; it checkpoints each epoch and exits 75 on SIGTERM.
        const string root = "command: python3 train.py\nseed: 0\nepochs: 40\nbatch_size: 16\nn_train: 512\ndelay: 0.05\nslurm: {cpus_per_task: 1}\n";
        const string leaf = "sweep/clusters/softmax/sgd";
        using var limited = new Study().Copy("examples/stdlib/train.py").Write("", root).Write(leaf, "lr: 0.1");
        using var straight = new Study().Copy("examples/stdlib/train.py").Write("", root).Write(leaf, "lr: 0.1");
        using var reference = straight.Start("sweep", "--workers", "1");
        var (code, output) = limited.Run("sweep", "--launcher", "slurm", "--tasks", "1", "--time", "1", "--signal-seconds", "30", "--wait");
        Assert.True(code == 0, output);
        Assert.True(reference.WaitForExit(TimeSpan.FromMinutes(3)));
        Assert.Equal(0, reference.ExitCode);
        Assert.Contains("task 0 submitted again as Slurm job", output);
        Assert.Contains("1 trained, 0 not complete", output);
        Assert.Contains("(attempt 2)", File.ReadAllText(Path.Combine(limited.Trial(leaf, 0), TrialFiles.WorkerLog)));
        Assert.Equal(BatchLogs.WithoutTime(Path.Combine(straight.Trial(leaf, 0), TrialFiles.BatchLog)),
            BatchLogs.WithoutTime(Path.Combine(limited.Trial(leaf, 0), TrialFiles.BatchLog)));
    }
}
