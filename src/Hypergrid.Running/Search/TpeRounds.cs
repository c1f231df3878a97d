using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Search;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;
using Hypergrid.Trials.Search;

namespace Hypergrid.Running.Search;

/// <summary>
/// TPE's rounds after its startup, without a coordinator: whichever run finds a grid point's trials all ended (complete
/// or diverged) proposes its next round of <c>batch</c> trials from their results, under the leaf's lock, and appends
/// it to the leaf's proposal ledger; expansion then makes the round's trial folders like any other. A round depends only
/// on the results of complete earlier rounds, so one worker, two, Slurm tasks or a run killed and continued make the
/// same proposals; a round written by two deciders counts once (<see cref="ProposalLedger"/>).
/// </summary>
public static class TpeRounds
{
    /// <summary>
    /// Proposes every round due in a leaf. <paramref name="expand"/> plans the leaf as it is on disk (called under the
    /// lock, so rounds another decider wrote are seen); returns how many proposals were added.
    /// </summary>
    public static int Extend(string leafDir, Func<LeafExpansion> expand, IConfigSchema? schema, Action<string>? say = null)
    {
        say ??= _ => { };
        Directory.CreateDirectory(leafDir);
        using var gate = LeafLock.Acquire(leafDir, say);
        var leaf = expand();
        if (leaf.Plan.Search is not { Spec.Method: ProposalMethod.Tpe } search) return 0;
        var spec = search.Spec;
        var record = new System.Text.StringBuilder();
        var added = 0;
        foreach (var grid in leaf.Trials.Where(t => t.Point is not null).GroupBy(t => t.Point!.Grid))
        {
            var made = MadeAt(leafDir, leaf, search, grid.Key);
            if (made >= spec.Trials) continue;
            var trials = grid.OrderBy(t => t.Point!.Index).ToList();
            var ended = trials.Select(t => (Trial: t, Record: TrialRecord.Read(t.Directory, t.Id, ResultHash.Current(t.Config, schema)))).ToList();
            if (ended.Any(x => x.Record.State is not (TrialState.Complete or TrialState.Diverged))) continue;
            var history = new List<Observation>();
            foreach (var (t, _) in ended)
                if (ValueOf(t.Directory, spec) is { } v)
                    history.Add(new Observation(search.Space.Observe(k => t.Config[k]), spec.Goal == "max" ? -v : v));
            var key = Expander.GridKey(leaf.Plan, grid.Key);
            var round = Enumerable.Range(made, Math.Min(spec.Batch, spec.Trials - made))
                .Select(k => new LedgerProposal(search.Fingerprint, key, k, Proposer.Propose(search.Space, spec, k, history))).ToList();
            record.Append(ProposalLedger.Format($"{search.Fingerprint}-{Hash(key)}-{made}", round, $"{Environment.MachineName} {Environment.ProcessId}"));
            added += round.Count;
        }
        if (added > 0) ProposalLedger.Append(leafDir, record.ToString());
        return added;
    }

    // How many proposals a grid point has: those from the seed and the ledger's (repeats included: they are not trials).
    private static int MadeAt(string leafDir, LeafExpansion leaf, SearchPlan search, long grid)
    {
        var key = Expander.GridKey(leaf.Plan, grid);
        var ledger = ProposalLedger.Read(leafDir)
            .Where(p => p.Search == search.Fingerprint && p.Grid == key).Select(p => p.Index + 1).DefaultIfEmpty(0).Max();
        return Math.Max(search.Proposals.Count, ledger);
    }

    /// <summary>A trial's value of the search's metric over its whole log (as report reads it); null without a finite one.</summary>
    public static double? ValueOf(string trialDir, ProposalSpec spec) => TrialValue.Of(trialDir, spec.Metric, spec.Reduce, spec.Goal);

    private static string Hash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..8];
}
