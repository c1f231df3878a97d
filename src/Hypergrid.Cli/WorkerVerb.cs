using Hypergrid.Trials;
using System.CommandLine;
using System.Runtime.InteropServices;
using Hypergrid.Running;

namespace Hypergrid.Cli;

/// <summary>hypergrid worker: claims trials from a manifest until none are left (what local workers and Slurm tasks run).</summary>
public static class WorkerVerb
{
    public static Command Create()
    {
        var command = new Command("worker", "Claim and train trials from a manifest until none are left (started by run and by cluster tasks)");
        var manifest = new Option<string>("--manifest") { Description = "File with one trial folder per line", Required = true };
        var data = new Option<string>("--data") { DefaultValueFactory = _ => "data" };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => Environment.ProcessorCount };
        var runId = new Option<string>("--run-id") { DefaultValueFactory = _ => $"worker-{Environment.ProcessId}" };
        var script = new Option<string?>("--resubmit") { Description = "Slurm: the job script to submit again for this task after a time-limit warning (USR1)" };
        var maxResubmits = new Option<int>("--max-resubmits") { Description = "Slurm: how many times a task may be submitted again", DefaultValueFactory = _ => 10 };
        var root = new Option<string?>("--root") { Description = "The folder that holds cfg/, where a trial's own program (its 'command') runs" };
        var gpus = new Option<string?>("--gpus") { Description = "GPUs this worker's trials share with its machine's other workers (ids, or 'slurm': those Slurm gave the task)" };
        var perGpu = new Option<int>("--per-gpu") { Description = "Workers per GPU", DefaultValueFactory = _ => 1 };
        var devices = new Option<string?>("--devices") { Description = "The folder of the GPUs' lock files (out/log/.devices)" };
        foreach (var o in new Option[] { manifest, data, threads, runId, script, maxResubmits, root, gpus, perGpu, devices }) command.Options.Add(o);
        command.SetAction(r => Exit.Guard(() =>
        {
            var cts = Stop;
            // scancel, preemption and time limits send SIGTERM: stop the batch loop and release the claim.
            // Registered for the life of the process, not disposed: a second SIGTERM while it exits must not kill it mid-write.
            var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; cts.Cancel(); });
            var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; cts.Cancel(); });
            Registrations.AddRange([sigterm, sigint]);
            if (!File.Exists(r.GetValue(manifest))) throw new Config.UsageException($"--manifest {r.GetValue(manifest)} does not exist; 'hypergrid run' writes one per run under out/runs/");
            // Slurm's GPUs named only by SLURM_*_GPUS: the worker (its copies and its trials inherit it) sees just those.
            if (r.GetValue(gpus) == Running.Devices.WorkerGpus.FromSlurm && Running.Devices.SlurmGpus.VisibleFor(Environment.GetEnvironmentVariables()) is { } visible)
                Environment.SetEnvironmentVariable("CUDA_VISIBLE_DEVICES", visible);
            var settings = new WorkerSettings(r.GetValue(data)!, Math.Max(1, r.GetValue(threads)), r.GetValue(runId)!)
            {
                ProgramDir = r.GetValue(root),
                Gpus = r.GetValue(gpus) is { } ids ? Running.Devices.WorkerGpus.Resolve(ids, Environment.GetEnvironmentVariables()) : null,
                PerGpu = Math.Max(1, r.GetValue(perGpu)),
                DeviceDir = r.GetValue(devices),
                Worker = int.TryParse(Environment.GetEnvironmentVariable(WorkerGroup.WorkerVariable), out var w) ? w : 0,
            };
            if (r.GetValue(gpus) == Running.Devices.WorkerGpus.FromSlurm && settings.Gpus is { Count: 0 })
                Console.WriteLine($"Slurm gave this task no GPUs (none of {string.Join(", ", Running.Devices.SlurmGpus.Variables)} names one): its trials train without");
            if (settings.Gpus is { Count: 0 }) settings = settings with { Gpus = null };
            var failed = WorkerGroup.Wanted((settings.Gpus?.Count ?? 0) * settings.PerGpu)
                ? WorkerGroup.Run(settings.Gpus!.Count * settings.PerGpu, cts.Token)
                : Worker.Run(r.GetValue(manifest)!, settings, Console.Out, cts.Token);
            if (warned && r.GetValue(script) is { } again) Resubmit(r.GetValue(manifest)!, settings.RunId, again, r.GetValue(maxResubmits));
            return failed > 0 ? Exit.Failed : Exit.Ok;
        }));
        return command;
    }

    // Kept reachable until the process ends (a collected registration would stop handling its signal).
    private static readonly List<PosixSignalRegistration> Registrations = [];

    // The worker's stop. Not disposed: a signal may still arrive while the process exits (Slurm follows a requeue with SIGTERM).
    private static readonly CancellationTokenSource Stop = new();

    // Slurm's warning before the time limit (#SBATCH --signal=B:USR1@s, passed on by the job script) came: checkpoint, release, submit again.
    private static volatile bool warned;

    /// <summary>
    /// Handles Slurm's warning (USR1) from here on. Called once, first thing in a worker's process (Program), before the
    /// command line is even parsed: Slurm may send the warning up to a minute early, as the task starts. The job script's
    /// shell takes it first and keeps it until this process says it listens (<see cref="Running.Slurm.TimeLimitWarning"/>):
    /// a warning that came during the runtime's own start is read from its file here.
    /// </summary>
    public static void ListenForWarning()
    {
        Registrations.Add(PosixSignalRegistration.Create(SigUsr1, ctx => { ctx.Cancel = true; Warned(); }));
        if (Running.Slurm.TimeLimitWarning.Listening()) Warned();
    }

    private static void Warned()
    {
        warned = true;
        Stop.Cancel();
    }

    // Linux's number for SIGUSR1; .NET accepts raw signal numbers on Unix.
    private static readonly PosixSignal SigUsr1 = (PosixSignal)10;

    /// <summary>The environment variable that counts how often a task was submitted again.</summary>
    public const string ResubmitsVariable = "HYPERGRID_RESUBMITS";

    /// <summary>
    /// After the time-limit warning: submits this array task again as a new job, which continues its trials from their
    /// checkpoints. (A new job rather than 'scontrol requeue': Slurm sends a requeued job its warning signal again
    /// within a second of its restart.) The new job id joins the run's jobs.txt, so --wait follows it.
    /// </summary>
    private static void Resubmit(string manifest, string runId, string script, int maxResubmits)
    {
        var left = Worker.Remaining(manifest, runId);
        var task = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        var count = int.TryParse(Environment.GetEnvironmentVariable(ResubmitsVariable), out var n) ? n : 0;
        if (left == 0 || task is null) return;
        if (count >= maxResubmits)
        {
            Console.WriteLine($"time limit near: {left} trial(s) left, not submitted again (--max-resubmits {maxResubmits} reached); 'hypergrid run' again continues them from their checkpoints");
            return;
        }
        var output = SlurmCommands.RunAsync("sbatch", ["--parsable", $"--array={task}", $"--export=ALL,{ResubmitsVariable}={count + 1}", script]).GetAwaiter().GetResult();
        var job = output.Trim().Split(';')[0];
        SlurmLauncher.RecordJob(Path.GetDirectoryName(Path.GetFullPath(manifest))!, job);
        Console.WriteLine($"time limit near: {left} trial(s) left; task {task} submitted again as Slurm job {job} ({count + 1} of at most {maxResubmits}), continuing from the checkpoints");
    }
}
