using Hypergrid.Config.Trials;

namespace Hypergrid.Running;

/// <summary>One line of the table that ends a run.</summary>
public sealed record SummaryRow(string Trial, TrialState State, double? ValLoss, double? ValAcc, double? Seconds, string? Error);

/// <summary>What a run did: the trials it tried (empty when nothing needed training).</summary>
public sealed record RunSummary(IReadOnlyList<SummaryRow> Rows, int AlreadyComplete)
{
    /// <summary>The workers were submitted and run on without us (a Slurm job without --wait).</summary>
    public bool Detached { get; init; }

    /// <summary>Complete trials whose config changed since; retrained only with --rerun-stale.</summary>
    public int Stale { get; init; }

    /// <summary>Trials another live worker is training right now; left to it.</summary>
    public int Running { get; init; }

    public bool AnyFailed => Rows.Any(r => r.State is TrialState.Failed or TrialState.Pending);

    public int ExitCode => !Detached && AnyFailed ? 1 : 0;
}
