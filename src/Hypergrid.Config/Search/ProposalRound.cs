using Hypergrid.Trials.Search;

namespace Hypergrid.Config.Search;

/// <summary>
/// A round of proposals a method made from results (TPE's rounds after its startup), as the leaf's ledger records it:
/// the round's name (the same question gives the same name, so a round two deciders wrote counts once) and its
/// proposals, each at its grid point and index. Expansion turns them into trial folders like any other.
/// </summary>
public sealed record ProposalRound(string Round, IReadOnlyList<LedgerProposal> Proposals);
