using Hypergrid.Config;
using Hypergrid.Config.Devices;
using Hypergrid.Config.Expansion;
using Hypergrid.Trials;

namespace Hypergrid.Running.Devices;

/// <summary>
/// A worker's door to its run's GPUs: before it claims a trial, the GPUs the trial asks for (its <c>gpus</c>, one by
/// default) are leased from the pool; a trial whose GPUs are busy is left for later and the worker waits instead of
/// ending. A worker of a run without GPUs passes every trial with no devices.
/// </summary>
public sealed class DeviceGate
{
    private readonly DevicePool? pool;
    private readonly int home;
    private readonly TextWriter output;
    private readonly HashSet<string> told = [];
    private readonly Dictionary<string, int?> asked = [];
    private int busyFrom = int.MaxValue; // in this pass, trials needing this many GPUs or more found too few free

    private DeviceGate(DevicePool? pool, int home, TextWriter output) => (this.pool, this.home, this.output) = (pool, home, output);

    /// <summary>The gate for a worker with these settings.</summary>
    public static DeviceGate For(WorkerSettings settings, TextWriter output)
    {
        if (settings.Gpus is not { Count: > 0 } ids || settings.DeviceDir is null) return new DeviceGate(null, 0, output);
        var folder = Path.Combine(settings.DeviceDir, DevicePool.Scope(Environment.MachineName, Environment.GetEnvironmentVariable("SLURM_JOB_ID")));
        return new DeviceGate(new DevicePool(ids, settings.PerGpu, folder, output.WriteLine), DevicePacking.Home(settings.Worker, ids.Count), output);
    }

    /// <summary>Whether a trial was left in this pass because its GPUs were busy (the worker waits rather than ends).</summary>
    public bool Waiting { get; private set; }

    /// <summary>Starts a pass over the manifest.</summary>
    public void Pass() => (Waiting, busyFrom) = (false, int.MaxValue);

    /// <summary>The trial's lease (no devices without a pool), or null: its GPUs are busy, or it asks for more than the pool has.</summary>
    public DeviceLease? Take(string dir)
    {
        if (pool is null) return new DeviceLease([], []);
        if (!asked.TryGetValue(dir, out var gpus)) asked[dir] = gpus = Asked(dir); // read once: a trial's cfg.yaml does not change in a run
        var need = GpuRequest.Needed(gpus, pool.Ids.Count);
        if (need > pool.Ids.Count)
        {
            // The run checks this before it starts; a pool smaller than its run thought (a Slurm task given fewer GPUs) ends here.
            if (told.Add(dir))
                output.WriteLine($"{TrialId.FromDirectory(dir)}: asks for {need} GPU(s), but this worker's pool has {pool.Ids.Count} ({string.Join(',', pool.Ids)}): left pending");
            return null;
        }
        // A pass over 10,000 waiting trials does not try the locks 10,000 times: once too few GPUs were free for N, not for N or more.
        var lease = need >= busyFrom ? null : pool.TryLease(need, home);
        if (lease is null)
        {
            Waiting = true;
            busyFrom = Math.Min(busyFrom, need);
        }
        return lease;
    }

    /// <summary>The settings a trial trains with: the worker's, with the lease's GPUs when the run has a pool.</summary>
    public WorkerSettings With(WorkerSettings settings, DeviceLease lease) => pool is null ? settings : settings with { TrialGpus = lease.Ids };

    // The worker reads the config another process wrote; one that cannot be read asks for the default (its trial fails with why).
    private static int? Asked(string dir) =>
        TrialConfig.Load(Path.Combine(dir, TrialFiles.Config), []) is { } config ? GpuRequest.Of(config, []) : null;
}
