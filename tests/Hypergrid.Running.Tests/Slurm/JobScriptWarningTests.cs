using System.Diagnostics;
using System.Globalization;
using Hypergrid.Running.Slurm;

namespace Hypergrid.Running.Tests.Slurm;

/// <summary>
/// The job script a Slurm task runs, run by a real bash as slurmstepd runs it, with a stand-in worker (python3, stdlib)
/// that starts slowly, as the .NET worker does before it handles USR1: Slurm's time-limit warning (USR1 to the shell,
/// <c>--signal=B:</c>) sent as the task starts is not lost and kills nothing; sent later it is passed on as a signal;
/// TERM is passed on; the task ends with the worker's exit code. (Slurm sent it 115 ms into a task in CI, and the worker,
/// then the shell itself after an exec, died of it.)
/// </summary>
public sealed class JobScriptWarningTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hypergrid-jobscript-").FullName;

    // The stand-in: sleeps (a USR1 then would kill it: Python's default action), then handles USR1 and TERM, says it
    // listens as the worker does, and prints what reached it: "file" (the warning came before), "signal", "term".
    private const string Worker = """
        import os, signal, sys, time
        time.sleep(float(sys.argv[1]))
        got = []
        signal.signal(signal.SIGUSR1, lambda *_: got.append('signal'))
        signal.signal(signal.SIGTERM, lambda *_: got.append('term'))
        warning = os.environ.get('HYPERGRID_SLURM_WARNING')
        if warning:
            open(warning + '.listening', 'w').close()
            if os.path.exists(warning): got.append('file')
        print('listening', flush=True)
        end = time.time() + float(sys.argv[2])
        while time.time() < end and not got: time.sleep(0.01)
        time.sleep(0.2)
        print('got', ' '.join(got) or 'nothing', flush=True)
        sys.exit(int(sys.argv[3]))
        """;

    public JobScriptWarningTests() => File.WriteAllText(Path.Combine(dir, "worker.py"), Worker);

    private Hypergrid.Tests.Study? study;

    public void Dispose()
    {
        study?.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_warning_sent_as_the_task_starts_reaches_the_worker_once_it_listens_and_kills_nothing(int exitCode)
    {
        using var task = Start(startSeconds: 0.6, exitCode);
        WaitForTrap(task);
        Signal(task, 10); // USR1: the worker is still starting
        var (code, output) = Finish(task);
        Assert.Equal(exitCode, code);
        Assert.Contains("got file", output);
    }

    [Fact]
    public void A_warning_sent_once_the_worker_listens_is_passed_on_as_a_signal()
    {
        using var task = Start(startSeconds: 0, exitCode: 0);
        WaitForTrap(task);
        WaitFor(() => Directory.GetFiles(dir, "*.listening", SearchOption.AllDirectories).Length > 0);
        Signal(task, 10);
        var (code, output) = Finish(task);
        Assert.Equal(0, code);
        Assert.Contains("got signal", output);
    }

    [Fact]
    public void A_term_to_the_task_reaches_the_worker_and_the_task_waits_for_it()
    {
        using var task = Start(startSeconds: 0, exitCode: 5);
        WaitForTrap(task);
        WaitFor(() => Directory.GetFiles(dir, "*.listening", SearchOption.AllDirectories).Length > 0);
        Signal(task, 15);
        var (code, output) = Finish(task);
        Assert.Equal(5, code); // the worker's own code, after it stopped as it chose
        Assert.Contains("got term", output);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir, "logs"), ".warning*")); // the shell's and the worker's files are gone
    }

    [Fact]
    public void The_real_worker_warned_during_its_start_submits_its_task_again_and_trains_nothing()
    {
        var (task, trial) = RealWorker();
        using (task)
        {
            WaitForTrap(task);
            Signal(task, 10); // USR1 as the runtime starts
            var (code, output) = Finish(task);
            Assert.True(code == 0, output);
            Assert.Contains("task 0 submitted again as Slurm job 4242", output);
            Assert.Equal("4242", File.ReadAllText(Path.Combine(dir, "jobs.txt")).Trim());
            Assert.False(File.Exists(Path.Combine(trial, Hypergrid.Trials.TrialFiles.Run)), output); // never started
        }
    }

    // The handler Program registers for a worker (the one registration): a warning passed on as a signal while its trial runs.
    [Fact]
    public void The_real_worker_warned_while_its_trial_runs_stops_it_and_submits_its_task_again()
    {
        var (task, trial) = RealWorker();
        using (task)
        {
            WaitFor(() => File.Exists(Path.Combine(trial, Hypergrid.Trials.TrialFiles.Claim)));
            Assert.NotEmpty(Directory.GetFiles(dir, "*.listening", SearchOption.AllDirectories));
            Signal(task, 10);
            var (code, output) = Finish(task);
            Assert.True(code == 0, output);
            Assert.Contains("task 0 submitted again as Slurm job 4242", output);
            Assert.False(File.Exists(Path.Combine(trial, Hypergrid.Trials.TrialFiles.BatchLog)), output); // stopped, not complete
        }
    }

    // The real worker in the job script, with a trial whose program sleeps a minute and an sbatch that stands in for
    // Slurm's (the real one is SlurmLauncherContract's).
    private (Process Task, string Trial) RealWorker()
    {
        // A program that does not handle SIGTERM (as PID 1 of its namespace, it ignores it): killed a second after it.
        study = new Hypergrid.Tests.Study().Write("", "command: python3 -c 'import time; time.sleep(60)'\nstop_grace_seconds: 1\nseed: 0\n").Write("sweep/a/b/c", "x: 1\n");
        var trial = Hypergrid.Config.Expansion.Expander.Expand(new(Path.Combine(study.Root, "cfg"), Path.Combine(study.Root, "out"))).Single().Trials[0].Directory;
        var manifest = Path.Combine(dir, "trials.txt");
        File.WriteAllText(manifest, trial + "\n");
        var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "sbatch"), "#!/bin/sh\necho \"4242;cluster\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(bin, "sbatch"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var script = Path.Combine(dir, "job.sh");
        string[] worker = ["dotnet", Path.Combine(AppContext.BaseDirectory, "hypergrid.dll"), "worker", "--manifest", manifest, "--run-id", "r", "--root", study.Root, "--resubmit", script];
        return (Start(ShellWords.Line(worker), script, bin), trial);
    }

    // The generated script of one task, run by bash as Slurm runs it, its worker the stand-in.
    private Process Start(double startSeconds, int exitCode)
    {
        string[] worker = ["python3", Path.Combine(dir, "worker.py"), startSeconds.ToString(CultureInfo.InvariantCulture), "5", exitCode.ToString(CultureInfo.InvariantCulture)];
        return Start(ShellWords.Line(worker), Path.Combine(dir, "job.sh"), null);
    }

    private Process Start(string worker, string script, string? path)
    {
        var logs = Path.Combine(dir, "logs");
        Directory.CreateDirectory(logs);
        File.WriteAllText(script, JobScript.Of(new SlurmSettings(), new SubmitPlan.Part(1, 0, null), logs, worker, dir));
        var info = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["SLURM_JOB_ID"] = "41";
        info.Environment["SLURM_ARRAY_TASK_ID"] = "0";
        if (path is not null) info.Environment["PATH"] = path + ":" + Environment.GetEnvironmentVariable("PATH");
        return Process.Start(info)!;
    }

    // Until the shell handles USR1 (its trap is the script's first command): a signal before that is the one window left.
    private static void WaitForTrap(Process task) => WaitFor(() =>
    {
        var caught = File.ReadLines($"/proc/{task.Id}/status").First(l => l.StartsWith("SigCgt:"));
        return (Convert.ToUInt64(caught[7..].Trim(), 16) & (1UL << 9)) != 0;
    });

    private static void WaitFor(Func<bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "timed out");
            Thread.Sleep(2);
        }
    }

    private static void Signal(Process task, int signal) => Assert.True(Hypergrid.Running.Signal.Send(task.Id, signal));

    private static (int Code, string Output) Finish(Process task)
    {
        var stdout = task.StandardOutput.ReadToEndAsync();
        var stderr = task.StandardError.ReadToEndAsync();
        if (!task.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            task.Kill(entireProcessTree: true);
            Assert.Fail("the task did not end: " + stdout.Result + stderr.Result);
        }
        return (task.ExitCode, stdout.Result + stderr.Result);
    }
}
