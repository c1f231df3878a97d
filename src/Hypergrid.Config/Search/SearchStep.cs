using Hypergrid.Trials.Search;

namespace Hypergrid.Config.Search;

/// <summary>
/// What a search method decided from a snapshot: rung decisions to append (promote, pause: a trial paused and never
/// promoted is stopped where it is), grouped into rounds by <see cref="SearchDecision.Round"/>, and for methods that
/// propose, new trials' configs to add to the leaf.
/// </summary>
public sealed record SearchStep(IReadOnlyList<SearchDecision> Decisions, IReadOnlyList<TrialProposal> Proposals)
{
    /// <summary>Nothing is due.</summary>
    public static readonly SearchStep None = new([], []);

    public bool IsEmpty => Decisions.Count == 0 && Proposals.Count == 0;
}
