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
}
