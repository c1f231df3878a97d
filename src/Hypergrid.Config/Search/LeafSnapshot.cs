using Hypergrid.Trials.Search;

namespace Hypergrid.Config.Search;

/// <summary>
/// A search leaf's results as one immutable value, read once: its trials on disk (in trial-number order), the
/// decisions already made (each round once, as first written) and the proposals its ledger holds (rounds made from
/// results, each once). <see cref="Now"/> is the time new decisions are stamped with, given rather than read so that a
/// decision is a pure function of the snapshot.
/// </summary>
public sealed record LeafSnapshot(IReadOnlyList<TrialSnapshot> Trials, IReadOnlyList<SearchDecision> Decisions, DateTimeOffset Now)
{
    /// <summary>The leaf's ledger of proposals made from results (<see cref="ProposalLedger"/>), in the order first written.</summary>
    public IReadOnlyList<LedgerProposal> Ledger { get; init; } = [];

    /// <summary>A trial of the snapshot by its number, or null when the leaf has no such trial folder.</summary>
    public TrialSnapshot? Trial(int number)
    {
        foreach (var t in Trials) if (t.Number == number) return t;
        return null;
    }
}
