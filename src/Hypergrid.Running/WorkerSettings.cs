namespace Hypergrid.Running;

/// <summary>What a worker process needs besides its trial list.</summary>
public sealed record WorkerSettings(string DataDir, int Threads, string RunId)
{
    /// <summary>The folder that holds cfg/: where a trial's own program runs (null: the worker's current folder).</summary>
    public string? ProgramDir { get; init; }

    /// <summary>The GPUs this worker's trials share with the other workers of its machine or Slurm task (null: the run has none).</summary>
    public IReadOnlyList<string>? Gpus { get; init; }

    /// <summary>Worker slots per GPU: how many trials may share one GPU at once.</summary>
    public int PerGpu { get; init; } = 1;

    /// <summary>Where the GPUs' lock files are (out/log/.devices).</summary>
    public string? DeviceDir { get; init; }

    /// <summary>This worker's number among its machine's workers (its own GPU is the one it takes first).</summary>
    public int Worker { get; init; }

    /// <summary>The GPUs of the trial being trained, set per trial by the worker (null: the run has none; empty: the trial asked for none).</summary>
    public IReadOnlyList<string>? TrialGpus { get; init; }
}
