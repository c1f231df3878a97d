using Hypergrid.Config.Expansion;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Config.Search;

/// <summary>
/// One trial of a search leaf as its files said when read: its number, whether its result is committed, how its last
/// attempt ended (run.json's status and the epoch it paused after), the 1-based epoch its live checkpoint is in, its
/// metrics per epoch (the committed log, else the live partial log, aggregated as report reads it; null when it has
/// none) and its config values (null when its cfg.yaml does not read). The log and the config are read at most once,
/// when a method first asks: a decision that compares a few trials of a large leaf does not parse every log in it.
/// </summary>
public sealed class TrialSnapshot
{
    private readonly Lazy<EpochTable?> log;
    private readonly Lazy<TrialConfig?> config;

    /// <summary>A trial read from disk: its log and config are read by the given functions, once, when first asked.</summary>
    public TrialSnapshot(int number, bool complete, RunStatus? status, int? pausedAt, int? checkpointEpoch, Func<EpochTable?> log, Func<TrialConfig?> config)
    {
        Number = number;
        Complete = complete;
        Status = status;
        PausedAt = pausedAt;
        CheckpointEpoch = checkpointEpoch;
        this.log = new Lazy<EpochTable?>(log, LazyThreadSafetyMode.ExecutionAndPublication);
        this.config = new Lazy<TrialConfig?>(config, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A trial in memory (what tests and methods that propose build).</summary>
    public TrialSnapshot(int number, bool complete, RunStatus? status, int? pausedAt, int? checkpointEpoch, EpochTable? log, TrialConfig? config = null)
        : this(number, complete, status, pausedAt, checkpointEpoch, () => log, () => config) { }

    public int Number { get; }
    public bool Complete { get; }
    public RunStatus? Status { get; }
    public int? PausedAt { get; }
    public int? CheckpointEpoch { get; }
    public EpochTable? Log => log.Value;
    public TrialConfig? Config => config.Value;

    /// <summary>
    /// Where a proposing search put this trial: its grid point and its index in that point's sequence of proposals (null
    /// outside a proposing search, or when the reader does not know it).
    /// </summary>
    public SearchPoint? Point { get; init; }

    /// <summary>
    /// Whether the trial has finished an epoch: complete, paused at or after it, or with a checkpoint that resumes after
    /// it. (A trial promoted past a rung has reached it too: the method knows that from its decisions.)
    /// </summary>
    public bool Reached(int epoch) =>
        Complete || Status == RunStatus.Paused && PausedAt >= epoch || CheckpointEpoch > epoch;
}
