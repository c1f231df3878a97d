using Hypergrid.Config.Expansion;

namespace Hypergrid.Running;

/// <summary>Everything a run needs: which trials (the expansion options), how many workers, where data is, what to retrain.</summary>
public sealed record RunOptions(ExpandOptions Expand, int? Workers = 1, string DataDir = "data", bool RerunStale = false)
{
    /// <summary>Threads per worker (null: the cores divided between the workers). With Workers null too, the split is measured.</summary>
    public int? Threads { get; init; }

    /// <summary>Retrain trials whose results are damaged (the bad files move to previous/).</summary>
    public bool RerunDamaged { get; init; }

    /// <summary>Retrain program trials whose results were trained by other code than the study holds now (old results move to previous/).</summary>
    public bool RetrainOtherCode { get; init; }

    /// <summary>Start interrupted trials from scratch instead of continuing their checkpoints (which move to previous/).</summary>
    public bool Restart { get; init; }

    /// <summary>How to start a worker: the program and the arguments before the worker verb. Default: this program.</summary>
    public WorkerCommand Command { get; init; } = WorkerCommand.Current();

    public ILauncher Launcher { get; init; } = new LocalLauncher();

    /// <summary>The GPUs the run's workers share (--gpus; null: none, every trial trains as its config says).</summary>
    public IReadOnlyList<string>? Gpus { get; init; }

    /// <summary>Workers per GPU (--per-gpu): how many trials share one GPU at once.</summary>
    public int PerGpu { get; init; } = 1;
}
