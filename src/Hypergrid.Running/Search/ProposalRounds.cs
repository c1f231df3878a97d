using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Search;
using Hypergrid.Trials.Search;

namespace Hypergrid.Running.Search;

/// <summary>
/// The edge around a method that proposes trials from results (tpe), without a coordinator: whichever run finds rounds
/// due proposes them under the leaf's lock and appends them to the leaf's proposal ledger; expansion then makes their
/// trial folders like any other. The decision is the method's (<see cref="SearchMethods.Proposing"/>), a pure function
/// of the leaf read once (<see cref="LeafSnapshotReader.ReadPlanned"/>); a round written by two deciders counts once
/// (<see cref="ProposalLedger"/>).
/// </summary>
public static class ProposalRounds
{
    /// <summary>
    /// Proposes every round due in a leaf, and with rungs decides each round's rungs that are due (appended to the leaf's
    /// decisions file first). <paramref name="expand"/> plans the leaf as it is on disk (called under the lock, so rounds
    /// another decider wrote are seen); returns how many proposals and decisions were added.
    /// </summary>
    public static (int Proposed, int Decided) Extend(string leafDir, Func<LeafExpansion> expand, IConfigSchema? schema, Action<string>? say = null)
    {
        say ??= _ => { };
        Directory.CreateDirectory(leafDir);
        using var gate = LeafLock.Acquire(leafDir, say);
        var leaf = expand();
        // tpe with rungs: each round's rungs are decided here, where the rounds are known (LeafSearch leaves them alone).
        var halving = leaf.Trials.Count > 0 ? LeafSearch.Of(leaf.Trials[0].Config) : null;
        if (SearchMethods.Proposing(leaf.Plan, halving) is not { } method) return (0, 0);
        var log = SearchDecision.ReadLog(leafDir);
        LeafSearch.Tell(leafDir, log, method.Settings, say);
        var step = method.Decide(LeafSnapshotReader.ReadPlanned(leafDir, leaf, schema, DateTimeOffset.UtcNow) with { Decisions = log.Decisions });
        // Decisions before the proposals they may have made due: a run killed between the two makes the same proposals again.
        var made = DecisionWriter.Append(leafDir, step.Decisions, method.Settings);
        foreach (var line in LeafSearch.Describe(made)) say($"{leaf.Plan.Leaf.RelativePath}: {line}");
        if (step.Proposals.Count == 0) return (0, made.Count);
        var by = $"{Environment.MachineName} {Environment.ProcessId}";
        ProposalLedger.Append(leafDir, string.Concat(step.Proposals.Select(r => ProposalLedger.Format(r.Round, r.Proposals, by))));
        return (step.Proposals.Sum(r => r.Proposals.Count), made.Count);
    }
}
