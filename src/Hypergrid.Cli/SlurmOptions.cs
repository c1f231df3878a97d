using System.CommandLine;
using Hypergrid.Config;
using Hypergrid.Running;

namespace Hypergrid.Cli;

/// <summary>--launcher and the Slurm flags of the training verbs; flags win over a config's slurm: mapping.</summary>
public sealed class SlurmOptions
{
    private readonly Option<string> launcher = new("--launcher") { Description = "local (worker processes here) or slurm (an sbatch job array)", DefaultValueFactory = _ => "local" };
    private readonly Option<int?> tasks = new("--tasks") { Description = "Slurm: array tasks (each a worker)" };
    private readonly Option<string?> partition = new("--partition") { Description = "Slurm: partition" };
    private readonly Option<string?> time = new("--time") { Description = "Slurm: time limit per task, e.g. 1:00:00" };
    private readonly Option<int?> cpus = new("--cpus-per-task") { Description = "Slurm: CPUs per task (its worker's threads)" };
    private readonly Option<string?> mem = new("--mem") { Description = "Slurm: memory per task, e.g. 4G" };
    private readonly Option<string?> gres = new("--gres") { Description = "Slurm: generic resources, e.g. gpu:1" };
    private readonly Option<int?> gpusPerTask = new("--gpus-per-task") { Description = "Slurm: GPUs per task (its workers share them; --per-gpu K puts K workers on each)" };
    private readonly Option<int?> throttle = new("--throttle") { Description = "Slurm: at most N tasks of the submission run at once (--array=…%N)" };
    private readonly Option<bool> wait = new("--wait") { Description = "Slurm: follow the job until it ends (requeues included) and print the summary" };
    private readonly Option<int?> signalSeconds = new("--signal-seconds") { Description = $"Slurm: seconds before the time limit at which a task checkpoints and requeues itself (default {SlurmSettings.DefaultSignalSeconds})" };
    private readonly Option<int> maxResubmits = new("--max-resubmits") { Description = "Slurm: how often a task stopped by its time limit is requeued to continue", DefaultValueFactory = _ => 10 };

    public SlurmOptions(Command command)
    {
        foreach (var o in new Option[] { launcher, tasks, partition, time, cpus, mem, gres, gpusPerTask, throttle, wait, signalSeconds, maxResubmits }) command.Options.Add(o);
    }

    public ILauncher Launcher(ParseResult r) => r.GetValue(launcher) switch
    {
        "local" => new LocalLauncher(),
        "slurm" => new SlurmLauncher(new SlurmSettings(r.GetValue(tasks), r.GetValue(partition), r.GetValue(time), r.GetValue(cpus),
            r.GetValue(mem), r.GetValue(gres), r.GetValue(wait))
        {
            SignalSeconds = Positive(r.GetValue(signalSeconds), "--signal-seconds"),
            GpusPerTask = Count(r.GetValue(gpusPerTask), "--gpus-per-task", "GPUs"),
            Throttle = Count(r.GetValue(throttle), "--throttle", "tasks running at once"),
            MaxResubmits = r.GetValue(maxResubmits) >= 0 ? r.GetValue(maxResubmits) : throw new UsageException("--max-resubmits must be 0 or more"),
        }),
        var other => throw new UsageException($"--launcher {other} is not a launcher; use local or slurm"),
    };

    private static int? Count(int? value, string flag, string what) =>
        value is null or > 0 ? value : throw new UsageException($"{flag} must be a positive number of {what}");

    /// <summary>Whether --launcher asks for Slurm.</summary>
    public bool OnSlurm(ParseResult r) => r.GetValue(launcher) == "slurm";

    private static int? Positive(int? value, string flag) =>
        value is null or > 0 ? value : throw new UsageException($"{flag} must be a positive number of seconds");
}
