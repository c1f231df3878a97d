using Hypergrid.Config.Expansion;

namespace Hypergrid.Running;

/// <summary>Starts workers on a manifest of trials and waits for them (local processes, or a Slurm job array).</summary>
public interface ILauncher
{
    /// <summary>The folder under out/ that keeps this launcher's files per run (runs/, slurm/).</summary>
    string Folder { get; }

    /// <summary>Whether its workers share this machine's cores (so the split of workers and threads is chosen here).</summary>
    bool SharesCores { get; }

    /// <summary>How many workers to start for this many trials when asked for <paramref name="requested"/>.</summary>
    int Workers(int requested, int trials);

    /// <summary>The end of the run's opening line: where and how the trials will train.</summary>
    string Describe(int workers, WorkerSettings settings);

    /// <summary>The most GPUs one trial can get from this launcher in this run (checked against every trial's gpus before anything runs).</summary>
    Devices.GpuOffer Gpus(IReadOnlyList<Trial> trials, RunOptions options);

    /// <summary>Starts the workers; returns true when it waited for them to finish, false when they run on detached.</summary>
    Task<bool> LaunchAsync(LaunchRequest request, IRunDisplay display, CancellationToken cancel);
}

/// <summary>One launch: the manifest, how many workers, the settings each worker gets, where to keep launcher files.</summary>
public sealed record LaunchRequest(string Manifest, int Workers, WorkerSettings Settings, WorkerCommand Command, string RunDir, IReadOnlyList<Trial> Trials);
