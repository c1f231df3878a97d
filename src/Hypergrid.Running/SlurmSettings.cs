using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Running;

/// <summary>What a Slurm job array asks for. Each setting comes from a flag, else from the trials' <c>slurm:</c> mapping.</summary>
public sealed record SlurmSettings(int? Tasks = null, string? Partition = null, string? Time = null, int? CpusPerTask = null,
    string? Mem = null, string? Gres = null, bool Wait = false)
{
    private static readonly string[] Keys = ["tasks", "partition", "time", "cpus_per_task", "mem", "gres", "gpus_per_task", "throttle", "signal_seconds"];

    /// <summary>GPUs per task (sbatch --gpus-per-task, with --ntasks=1); --gres gpu:N says the same another way.</summary>
    public int? GpusPerTask { get; init; }

    /// <summary>At most this many tasks of the submission run at once (sbatch --array=…%N).</summary>
    public int? Throttle { get; init; }

    /// <summary>The GPUs each task gets: --gpus-per-task, else the count of --gres gpu[:type]:N (0: none asked for).</summary>
    public int TaskGpus => GpusPerTask ?? Slurm.GresGpus.Count(Gres);

    /// <summary>Seconds before the time limit at which Slurm sends the warning signal (USR1) that checkpoints and requeues.</summary>
    public int? SignalSeconds { get; init; }

    /// <summary>How many times a task stopped by its time limit is requeued to continue its trial.</summary>
    public int MaxResubmits { get; init; } = 10;

    /// <summary>The warning lead when none is set: long enough for a checkpoint of a large model to reach disk.</summary>
    public const int DefaultSignalSeconds = 120;

    /// <summary>Fills unset flags from the trials' configs; trials that disagree on a setting are an error.</summary>
    public SlurmSettings Resolve(IEnumerable<Trial> trials)
    {
        var errors = new List<ConfigError>();
        var values = new Dictionary<string, (string Value, string Trial)>();
        foreach (var t in trials)
        {
            if (t.Config["slurm"] is not { } node) continue;
            if (node is not CfgMap slurm)
            {
                errors.Add(new ConfigError(node.Mark, "slurm", "is not a mapping", "write e.g. slurm: {partition: gpu, time: '1:00:00'}"));
                continue;
            }
            foreach (var e in slurm.Entries)
            {
                var where = e.KeyMark;
                if (!Keys.Contains(e.Key)) { errors.Add(new ConfigError(where, $"slurm.{e.Key}", "is not a Slurm setting", $"use one of: {string.Join(", ", Keys)}")); continue; }
                var text = e.Value is CfgScalar s ? s.Text : e.Value.Canonical;
                if (values.TryGetValue(e.Key, out var seen) && seen.Value != text)
                    errors.Add(new ConfigError(where, $"slurm.{e.Key}", $"is '{text}' here but '{seen.Value}' in {seen.Trial}", "one job array has one setting: make them equal, or submit the leaves separately (--model/--trainer)"));
                values.TryAdd(e.Key, (text, e.KeyMark.ToString()));
            }
        }
        int? Int(string key)
        {
            if (!values.TryGetValue(key, out var v)) return null;
            if (int.TryParse(v.Value, out var n) && n > 0) return n;
            errors.Add(new ConfigError(new(v.Trial, 0, 0), $"slurm.{key}", $"is '{v.Value}'", "write a positive integer"));
            return null;
        }
        string? Str(string key) => values.TryGetValue(key, out var v) ? v.Value : null;
        var resolved = this with
        {
            Tasks = Tasks ?? Int("tasks"), Partition = Partition ?? Str("partition"), Time = Time ?? Str("time"),
            CpusPerTask = CpusPerTask ?? Int("cpus_per_task"), Mem = Mem ?? Str("mem"), Gres = Gres ?? Str("gres"),
            SignalSeconds = SignalSeconds ?? Int("signal_seconds"),
            GpusPerTask = GpusPerTask ?? Int("gpus_per_task"), Throttle = Throttle ?? Int("throttle"),
        };
        ConfigException.ThrowIfAny(errors);
        return resolved;
    }
}
