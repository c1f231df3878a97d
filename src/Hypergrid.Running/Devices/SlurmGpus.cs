using System.Collections;

namespace Hypergrid.Running.Devices;

/// <summary>
/// The GPUs Slurm gave a task, from the variables it sets (pure over the environment): CUDA_VISIBLE_DEVICES (what CUDA
/// honours in the task, renumbered where device cgroups hide the node's other GPUs), else SLURM_STEP_GPUS, else
/// SLURM_JOB_GPUS. Slurm writes <c>NoDevFiles</c> when its GPUs have no device files: that names no GPU.
/// </summary>
public static class SlurmGpus
{
    /// <summary>The variables read, in order.</summary>
    public static readonly string[] Variables = ["CUDA_VISIBLE_DEVICES", "SLURM_STEP_GPUS", "SLURM_JOB_GPUS"];

    /// <summary>The ids of the first variable that names any, and which it was; none when no variable does.</summary>
    public static (IReadOnlyList<string> Ids, string? From) Of(IDictionary environment)
    {
        foreach (var name in Variables)
        {
            if (environment[name] is not string text) continue;
            var ids = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(id => id != "NoDevFiles").Distinct().ToList();
            if (ids.Count > 0) return (ids, name);
        }
        return ([], null);
    }

    /// <summary>
    /// What the worker's own CUDA_VISIBLE_DEVICES must become when its pool came from SLURM_STEP_GPUS or SLURM_JOB_GPUS
    /// (the node's ids, CUDA_VISIBLE_DEVICES unset): the pool itself, so that a built-in trainer's cuda:i is the pool's
    /// i-th GPU and not the node's i-th (another job's); null when CUDA already names the pool or there is none.
    /// </summary>
    public static string? VisibleFor(IDictionary environment) => Of(environment) switch
    {
        ({ Count: > 0 } ids, { } from) when from != Variables[0] => string.Join(',', ids),
        _ => null,
    };
}
