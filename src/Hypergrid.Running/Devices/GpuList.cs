using System.Text.RegularExpressions;
using Hypergrid.Config;

namespace Hypergrid.Running.Devices;

/// <summary>
/// The GPUs a run may use, from <c>--gpus</c>: a list of device ids as CUDA names them (<c>0,1,2,3</c>, or UUIDs
/// <c>GPU-…</c>/<c>MIG-…</c>), or <c>all</c>, the GPUs this machine has. Parsing is pure; finding the machine's GPUs is
/// the caller's (<see cref="GpuProbe"/>).
/// </summary>
public static partial class GpuList
{
    /// <summary>The ids <paramref name="text"/> names; <paramref name="machine"/> is asked only for <c>all</c>.</summary>
    public static IReadOnlyList<string> Parse(string text, Func<GpuProbe.Found> machine)
    {
        var trimmed = text.Trim();
        if (trimmed == "all")
        {
            var found = machine();
            if (found.Ids.Count == 0)
                throw new UsageException($"--gpus all found no GPU on this machine ({found.Looked}): run without --gpus to train on the CPU, or name the devices (--gpus 0,1)");
            return found.Ids;
        }
        var ids = trimmed.Split(',').Select(t => t.Trim()).ToList();
        if (ids.Any(id => id.Length == 0))
            throw new UsageException($"--gpus '{text}' has an empty entry: write device ids separated by commas (--gpus 0,1,2,3) or --gpus all");
        if (ids.FirstOrDefault(id => !Id().IsMatch(id)) is { } bad)
            throw new UsageException($"--gpus: '{Visible.Short(bad)}' is not a device id: write CUDA's numbers (--gpus 0,1) or UUIDs (GPU-…), or --gpus all");
        if (ids.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new UsageException($"--gpus names device {twice.Key} twice: list each GPU once and use --per-gpu K for K workers on each");
        return ids;
    }

    /// <summary>Workers per GPU from <c>--per-gpu</c>: at least one, and only with <c>--gpus</c>.</summary>
    public static int PerGpu(int? perGpu, bool haveGpus)
    {
        if (perGpu is null) return 1;
        if (!haveGpus) throw new UsageException("--per-gpu needs --gpus: name the GPUs (--gpus 0,1 or --gpus all) to start K workers on each");
        if (perGpu is < 1 or > 64) throw new UsageException($"--per-gpu {perGpu} is not a number of workers per GPU: write 1 to 64 (e.g. --per-gpu 2 to share each GPU between two trials)");
        return perGpu.Value;
    }

    // CUDA_VISIBLE_DEVICES takes ordinals and UUIDs (GPU-8932f937-…, MIG-…): letters, digits, '-', '/' and ':'.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9:/_-]{0,99}$")]
    private static partial Regex Id();
}
