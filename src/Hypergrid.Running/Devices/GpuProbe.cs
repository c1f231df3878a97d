using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hypergrid.Running.Devices;

/// <summary>
/// Finds this machine's GPUs for <c>--gpus all</c>: <c>nvidia-smi -L</c> first, else the driver's
/// <c>/proc/driver/nvidia/gpus</c>, else the <c>/dev/nvidiaN</c> device files. The readers of each answer are pure.
/// </summary>
public static partial class GpuProbe
{
    /// <summary>The ids found (CUDA's ordinals) and where they were looked for, for the message when there are none.</summary>
    public sealed record Found(IReadOnlyList<string> Ids, string Looked);

    /// <summary>Looks on this machine.</summary>
    public static Found Machine()
    {
        if (NvidiaSmi() is { } listed && FromNvidiaSmi(listed) is { Count: > 0 } ids) return new(ids, "nvidia-smi -L");
        const string proc = "/proc/driver/nvidia/gpus";
        if (Directory.Exists(proc) && Directory.GetDirectories(proc).Length is > 0 and var n)
            return new([.. Enumerable.Range(0, n).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], proc);
        var dev = FromDeviceFiles(Directory.Exists("/dev") ? Directory.GetFiles("/dev", "nvidia*").Select(Path.GetFileName).OfType<string>() : []);
        return new(dev, dev.Count > 0 ? "/dev/nvidia*" : "nvidia-smi -L, /proc/driver/nvidia/gpus and /dev/nvidia* list none");
    }

    /// <summary>The ordinals <c>nvidia-smi -L</c> lists ("GPU 0: NVIDIA A100 (UUID: GPU-…)"); MIG lines under a GPU are not GPUs.</summary>
    public static IReadOnlyList<string> FromNvidiaSmi(string output) =>
        [.. output.Split('\n').Select(l => SmiLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    /// <summary>The ordinals of /dev's nvidia0, nvidia1, … (nvidiactl, nvidia-uvm and nvidia-modeset are not GPUs), in order.</summary>
    public static IReadOnlyList<string> FromDeviceFiles(IEnumerable<string> names) =>
        [.. names.Select(n => DevName().Match(n)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Order().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static string? NvidiaSmi()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("nvidia-smi", "-L") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (p is null) return null;
            var text = p.StandardOutput.ReadToEndAsync();
            p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(10_000)) { p.Kill(); return null; }
            return p.ExitCode == 0 ? text.Result : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; } // not installed
    }

    [GeneratedRegex(@"^GPU (\d+):")]
    private static partial Regex SmiLine();

    [GeneratedRegex(@"^nvidia(\d+)$")]
    private static partial Regex DevName();
}
