using Hypergrid.Training.Checkpoints;

namespace Hypergrid.Training;

/// <summary>What a training run does besides training: progress, cancellation, checkpoints, final weights.</summary>
public sealed record TrainingOptions
{
    public TrainingLoop.Progress? Progress { get; init; }

    /// <summary>A stop request (SIGTERM, SIGINT, Slurm's warning signal): with checkpointing on, a checkpoint is written at the next batch boundary first.</summary>
    public CancellationToken Cancel { get; init; }

    /// <summary>Null: no checkpoints and no resume.</summary>
    public Checkpointing? Checkpoints { get; init; }

    /// <summary>Pause after this epoch (a search rung): its val pass done and a checkpoint written; null: train to the end.</summary>
    public int? StopAfterEpoch { get; init; }

    /// <summary>Where the final weights go as safetensors once the last epoch ends (null: not written).</summary>
    public string? WeightsPath { get; init; }
}
