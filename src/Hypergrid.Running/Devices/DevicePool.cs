using System.Globalization;
using Hypergrid.Trials.Posix;

namespace Hypergrid.Running.Devices;

/// <summary>
/// The GPUs the workers of one machine (or one Slurm task) share: each GPU has <c>perGpu</c> slots, each slot a lock file
/// <c>&lt;scope&gt;/&lt;id&gt;.&lt;k&gt;.lock</c> under out/log/.devices held with flock(2) while a trial uses it. The kernel
/// drops a dead worker's locks, so a kill -9 frees its GPUs; runs that share a scope never put more than
/// <c>perGpu</c> trials on one GPU. Where flock fails (a filesystem without locks), each worker keeps to its own GPU
/// unlocked, said once.
/// </summary>
public sealed class DevicePool(IReadOnlyList<string> ids, int perGpu, string folder, Action<string> say)
{
    private bool unlocked;

    /// <summary>The GPUs of the pool, as CUDA names them.</summary>
    public IReadOnlyList<string> Ids => ids;

    /// <summary>
    /// The scope of a pool: this host, and on Slurm this job (a task's GPUs are its own, and with device cgroups two jobs
    /// on one node may both call theirs 0).
    /// </summary>
    public static string Scope(string host, string? slurmJob) => slurmJob is null ? host : $"{host}-slurm{slurmJob}";

    /// <summary>
    /// Takes free slots on <paramref name="need"/> GPUs for one trial, preferring <paramref name="home"/>: a lease to
    /// dispose when the trial ends, or null while too few GPUs have a free slot.
    /// </summary>
    public DeviceLease? TryLease(int need, int home)
    {
        if (need == 0) return new DeviceLease([], []);
        if (need > ids.Count) return null;
        if (unlocked) return new DeviceLease([.. Enumerable.Range(0, need).Select(i => ids[(home + i) % ids.Count])], []);
        Directory.CreateDirectory(folder);
        // Every slot free now is taken, the choice made from what was free, and the rest let go at once.
        var held = new List<(int Device, AppendFile File)>();
        try
        {
            for (var d = 0; d < ids.Count; d++)
                for (var k = 0; k < perGpu; k++)
                {
                    var file = AppendFile.Open(Path.Combine(folder, $"{ids[d]}.{k.ToString(CultureInfo.InvariantCulture)}.lock"));
                    var failed = file.TryLock();
                    if (failed is null) { held.Add((d, file)); continue; }
                    file.Dispose();
                    if (failed.StartsWith("EAGAIN", StringComparison.Ordinal)) continue;
                    unlocked = true;
                    say($"{folder}: flock failed ({failed}): each worker keeps to its own GPU without locks; a trial asking for more GPUs may share one");
                    foreach (var h in held) h.File.Dispose();
                    held.Clear();
                    return TryLease(need, home);
                }
            var free = Enumerable.Range(0, ids.Count).Select(d => held.Count(h => h.Device == d)).ToList();
            if (DevicePacking.Choose(free, need, home) is not { } chosen) return null;
            var kept = chosen.Select(d => held.First(h => h.Device == d)).ToList();
            foreach (var h in held.Except(kept)) h.File.Dispose();
            held.Clear();
            return new DeviceLease([.. chosen.Select(d => ids[d])], [.. kept.Select(k => k.File)]);
        }
        finally
        {
            foreach (var h in held) h.File.Dispose();
        }
    }
}
