namespace Hypergrid.Config.Trainers;

/// <summary>
/// What an attempt is trained with, whatever trains it: where the data is, its threads, the run it belongs to, the
/// folder that holds cfg/ (where a program runs; null: the current folder), the epoch a search rung stops it after
/// (null: it trains to the end), where it reports progress, and the stop request.
/// </summary>
public sealed record TrainerRun(string DataDir, int Threads, string RunId, string? ProgramDir, int? StopAfterEpoch, AttemptProgress? Progress, CancellationToken Cancel)
{
    /// <summary>The GPUs the worker sees (its pool; null: the run has none).</summary>
    public IReadOnlyList<string>? Gpus { get; init; }

    /// <summary>The trial's own GPUs (null: the run has none; empty: the trial asked for none).</summary>
    public IReadOnlyList<string>? TrialGpus { get; init; }
}
