using Hypergrid.Trials;

namespace Hypergrid.Training.Checkpoints;

/// <summary>How a training run checkpoints: where, how often within an epoch, and what it continues from.</summary>
public sealed record Checkpointing(string Path, CheckpointHeader Template)
{
    /// <summary>Time between checkpoints inside an epoch (taken at the next batch boundary); every epoch end gets one regardless.</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A verified checkpoint to continue from, whose log position the batch log was already cut back to.</summary>
    public CheckpointFile? ResumeFrom { get; init; }

    /// <summary>Asked before each write, on the thread that writes: a worker that lost its claim must not touch the trial's files.</summary>
    public Func<bool> MayWrite { get; init; } = () => true;

    /// <summary>Told of each checkpoint written, on the thread that wrote it, once it is the trial's (for the trial's worker.log).</summary>
    public Action<CheckpointHeader>? Written { get; init; }

    /// <summary>Called on the writing thread before a checkpoint is written (tests hold a write here while training goes on).</summary>
    internal Action<CheckpointHeader>? BeforeWrite { get; init; }
}
