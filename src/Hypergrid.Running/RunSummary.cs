using Hypergrid.Trials;

namespace Hypergrid.Running;

/// <summary>What a run did: the trials it tried, as read back from their folders (empty when nothing needed training).</summary>
public sealed record RunSummary(IReadOnlyList<TrialRecord> Rows, int AlreadyComplete)
{
    /// <summary>The workers were submitted and run on without us (a Slurm job without --wait).</summary>
    public bool Detached { get; init; }

    /// <summary>Complete trials whose config changed since; retrained only with --rerun-stale.</summary>
    public int Stale { get; init; }

    /// <summary>Complete program trials trained by other code than the study holds now; retrained only with --retrain-other-code.</summary>
    public int OtherCode { get; init; }

    /// <summary>Results that ended in NaN or inf (diverged): finished, never retrained by a run, left out of reports.</summary>
    public int Diverged { get; init; }

    /// <summary>Trials whose results are damaged; retrained only with --rerun-damaged.</summary>
    public int Damaged { get; init; }

    /// <summary>Trials another live worker is training right now; left to it.</summary>
    public int Running { get; init; }

    /// <summary>How many trials the run's selection holds (those it trained and all the others).</summary>
    public int Selected { get; init; }

    /// <summary>Trials of the selection this run did not train that are complete (stale ones too) when it ends: before it, or by another run meanwhile.</summary>
    public int OthersComplete { get; init; }

    /// <summary>This run's id: a row whose run.json names another run was trained by a run alongside this one.</summary>
    public string? RunId { get; init; }

    /// <summary>The ids of the passes of this run before its last (a tpe search trains a round per pass).</summary>
    public IReadOnlySet<string> EarlierRunIds { get; init; } = new HashSet<string>();

    /// <summary>Whether a pass of this run launched workers (null ids: every pass found nothing to train).</summary>
    public bool Launched => RunId is not null || EarlierRunIds.Count > 0;

    public bool TrainedHere(TrialRecord row) => row.Run?.RunId is { } id && (id == RunId || EarlierRunIds.Contains(id));

    /// <summary>This pass followed by <paramref name="next"/> (the next round of a tpe search) as one run.</summary>
    public RunSummary Then(RunSummary next)
    {
        var again = next.Rows.Select(r => r.Directory).ToHashSet();
        var before = Rows.Where(r => !again.Contains(r.Directory)).ToList();
        return next with
        {
            Rows = [.. before, .. next.Rows],
            AlreadyComplete = AlreadyComplete,
            Detached = Detached || next.Detached,
            OthersComplete = Math.Max(0, next.OthersComplete - before.Count(r => r.State is TrialState.Complete or TrialState.Diverged)),
            EarlierRunIds = new HashSet<string>([.. EarlierRunIds, .. RunId is null ? [] : new[] { RunId }]),
        };
    }

    /// <summary>A trial this run tried that did not end well. One another run is still training is not this run's failure.</summary>
    public bool AnyFailed => Rows.Any(r => r.State is TrialState.Failed or TrialState.Pending or TrialState.Damaged);

    public int ExitCode => !Detached && AnyFailed ? 1 : 0;
}
