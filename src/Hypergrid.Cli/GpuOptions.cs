using System.CommandLine;
using Hypergrid.Running.Devices;

namespace Hypergrid.Cli;

/// <summary>--gpus and --per-gpu of the training verbs: which GPUs the run's workers share, and how many workers on each.</summary>
public sealed class GpuOptions
{
    private readonly Option<string?> gpus = new("--gpus") { Description = "GPUs for the run's workers: ids as CUDA names them (0,1,2,3) or all; each trial sees only its own (CUDA_VISIBLE_DEVICES)" };
    private readonly Option<int?> perGpu = new("--per-gpu") { Description = "Workers per GPU with --gpus (default 1): K trials share each GPU" };

    public GpuOptions(Command command)
    {
        command.Options.Add(gpus);
        command.Options.Add(perGpu);
    }

    /// <summary>The GPU ids (null without --gpus) and the workers per GPU (on Slurm, per GPU of each task); a bad value is a usage error.</summary>
    public (IReadOnlyList<string>? Gpus, int PerGpu) Read(ParseResult r, bool onSlurm)
    {
        var ids = r.GetValue(gpus) is { } text ? GpuList.Parse(text, GpuProbe.Machine) : null;
        return (ids, GpuList.PerGpu(r.GetValue(perGpu), ids is not null || onSlurm));
    }
}
