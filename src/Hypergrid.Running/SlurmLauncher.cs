using System.Globalization;
using System.Text;
using Hypergrid.Config.Expansion;

namespace Hypergrid.Running;

/// <summary>
/// Submits one sbatch job array whose tasks run the worker command on the shared out/log, claiming
/// trials exactly as local workers do. With Wait it follows the tasks' output until they end.
/// </summary>
public sealed class SlurmLauncher(SlurmSettings flags) : ILauncher
{
    public string Folder => "slurm";

    // Each task gets its own CPUs (--cpus-per-task): nothing to split here.
    public bool SharesCores => false;

    // Tasks may start later and elsewhere; the number asked for is the number submitted.
    public int Workers(int requested, int trials) => Math.Max(1, requested);

    public string Describe(int workers, WorkerSettings settings) => "on the Slurm cluster";

    public Devices.GpuOffer Gpus(IReadOnlyList<Trial> trials, RunOptions options)
    {
        var n = flags.Resolve(trials).TaskGpus;
        if (n == 0 && options.PerGpu > 1)
            throw new Config.UsageException($"--per-gpu {options.PerGpu} on Slurm needs GPUs per task: ask for them with --gres gpu:N or --gpus-per-task N");
        return new(n, n == 0 ? "each Slurm task (no --gres gpu:N nor --gpus-per-task)" : $"each Slurm task ({n} GPU(s) asked for)",
            "ask Slurm for more GPUs per task (--gres gpu:N or --gpus-per-task N), or ask for fewer in gpus:");
    }

    public async Task<bool> LaunchAsync(LaunchRequest request, IRunDisplay display, CancellationToken cancel)
    {
        var s = flags.Resolve(request.Trials);
        var tasks = s.Tasks ?? request.Workers;
        var settings = request.Settings with { Threads = s.CpusPerTask ?? 1 };
        // Slurm does not create --output folders: a job writing into a missing one fails without a trace.
        var logs = Path.GetFullPath(Path.Combine(request.RunDir, "logs"));
        Directory.CreateDirectory(logs);
        // The cluster's rules first: arrays no larger than MaxArraySize, no more jobs than MaxSubmitJobs leaves room for.
        var limits = await Slurm.SlurmLimitsReader.ReadAsync(cancel);
        var plan = Slurm.SubmitPlan.Of(tasks, limits, s.Throttle);
        Slurm.SlurmHeld.ClearOthers(request.RunDir);
        // With GPUs, each task's workers share the GPUs Slurm gave it (--per-gpu K: K workers on each).
        string[] gpus = s.TaskGpus > 0 && settings.DeviceDir is { } devices
            ? ["--gpus", Devices.WorkerGpus.FromSlurm, "--per-gpu", settings.PerGpu.ToString(CultureInfo.InvariantCulture), "--devices", devices] : [];
        foreach (var part in plan.Parts)
        {
            var script = Path.Combine(request.RunDir, part.Offset == 0 ? "job.sh" : $"job+{part.Offset.ToString(CultureInfo.InvariantCulture)}.sh");
            var worker = request.Command.ShellLine(Path.GetFullPath(request.Manifest), settings,
                ["--resubmit", Path.GetFullPath(script), "--max-resubmits", s.MaxResubmits.ToString(CultureInfo.InvariantCulture), .. gpus]);
            File.WriteAllText(script, Slurm.JobScript.Of(s, part, logs, worker, Environment.CurrentDirectory));
            var output = await SlurmCommands.RunAsync("sbatch", ["--parsable", script], cancel);
            var jobId = output.Trim().Split(';')[0];
            RecordJob(request.RunDir, jobId);
            display.Line($"submitted Slurm job {jobId}: {part.Tasks} task(s) of {settings.Threads} CPU(s){(s.TaskGpus > 0 ? $" and {s.TaskGpus} GPU(s)" : "")} on {s.Partition ?? "the default partition"}"
                + (part.Throttle is { } t ? $", at most {t} at once" : "") + $"; script {script}");
        }
        if (plan.Parts.Count > 1 || plan.Held > 0) display.Line($"the cluster's limits: {limits.Said}");
        if (plan.Held > 0)
        {
            Slurm.SlurmHeld.Write(request.RunDir, plan.Held, plan.Why!);
            display.Line($"{plan.Held} of {tasks} task(s) held ({plan.Why}){(plan.Parts.Count == 0 ? ", so nothing was submitted now" : "")}: "
                + "'hypergrid status' says what waits; run this command again once slots free to submit tasks for the trials left");
        }
        if (plan.Parts.Count == 0 || !s.Wait) return false;
        try
        {
            await Follow(request.RunDir, logs, display, cancel);
        }
        catch (OperationCanceledException)
        {
            await SlurmCommands.RunAsync("scancel", Jobs(request.RunDir), CancellationToken.None);
            throw;
        }
        return true;
    }

    private const string JobsFile = "jobs.txt";

    /// <summary>Adds a job to a submission's list: the first job, and each task a worker submitted again after a time-limit warning.</summary>
    public static void RecordJob(string runDir, string jobId)
    {
        using var file = new FileStream(Path.Combine(runDir, JobsFile), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        file.Write(Encoding.UTF8.GetBytes(jobId + "\n"));
    }

    private static List<string> Jobs(string runDir) =>
        File.ReadAllLines(Path.Combine(runDir, JobsFile)).Where(l => l.Length > 0).Distinct().ToList();

    /// <summary>Relays the tasks' output (the same lines local workers print) until every task has ended.</summary>
    private static async Task Follow(string runDir, string logs, IRunDisplay display, CancellationToken cancel)
    {
        var offsets = new Dictionary<string, long>();
        while (true)
        {
            var jobs = Jobs(runDir);
            var states = await SlurmCommands.StatesAsync(jobs, cancel);
            Relay(logs, offsets, display);
            // A task submits its successor before it ends: once every job listed has ended, the list is read again.
            if (states.Count > 0 && states.Values.All(SlurmCommands.IsFinal) && !states.Keys.Any(k => k.EndsWith(']'))
                && Jobs(runDir).Count == jobs.Count)
            {
                Relay(logs, offsets, display);
                foreach (var (task, state) in states.Where(kv => kv.Value != "COMPLETED"))
                    display.Line($"slurm task {task} ended {state}");
                return;
            }
            await Task.Delay(500, cancel);
        }
    }

    private static void Relay(string logs, Dictionary<string, long> offsets, IRunDisplay display)
    {
        foreach (var file in Directory.GetFiles(logs, "task_*.out").Order(StringComparer.Ordinal))
        {
            if (Slurm.TaskLogName.Worker(Path.GetFileName(file)) is not { } task) continue;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var from = offsets.GetValueOrDefault(file);
            stream.Seek(from, SeekOrigin.Begin);
            var text = new StreamReader(stream).ReadToEnd();
            var end = text.LastIndexOf('\n') + 1;
            offsets[file] = from + Encoding.UTF8.GetByteCount(text.AsSpan(0, end));
            foreach (var line in text[..end].Split('\n', StringSplitOptions.RemoveEmptyEntries)) LocalLauncher.Relay(display, task, line, error: false);
        }
    }
}
