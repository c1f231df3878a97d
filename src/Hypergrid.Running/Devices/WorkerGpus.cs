using System.Collections;

namespace Hypergrid.Running.Devices;

/// <summary>A worker's <c>--gpus</c>: the ids its run listed, or <c>slurm</c>: the GPUs Slurm gave its task.</summary>
public static class WorkerGpus
{
    /// <summary>The word that asks for Slurm's GPUs.</summary>
    public const string FromSlurm = "slurm";

    /// <summary>The pool's ids (empty when Slurm gave none).</summary>
    public static IReadOnlyList<string> Resolve(string text, IDictionary environment) =>
        text == FromSlurm ? SlurmGpus.Of(environment).Ids : GpuList.Parse(text, () => new GpuProbe.Found([], "a worker is given its GPUs by its run"));
}
