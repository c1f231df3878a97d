using Hypergrid.Trials.Search;

namespace Hypergrid.Config.Search;

/// <summary>
/// What a search method decided from a snapshot: rung decisions to append (promote, pause: a trial paused and never
/// promoted is stopped where it is), grouped into rounds by <see cref="SearchDecision.Round"/>, and for methods that
/// propose from results, rounds of new proposals to append to the leaf's ledger.
/// </summary>
public sealed record SearchStep(IReadOnlyList<SearchDecision> Decisions, IReadOnlyList<ProposalRound> Proposals)
{
    /// <summary>Nothing is due.</summary>
    public static readonly SearchStep None = new([], []);

    public bool IsEmpty => Decisions.Count == 0 && Proposals.Count == 0;
}
