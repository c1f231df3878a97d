using System.Security.Cryptography;
using System.Text;
using Hypergrid.Trials.Logs;
using Hypergrid.Trials.Search;

namespace Hypergrid.Config.Search;

/// <summary>
/// TPE's rounds after its startup, as a pure decision: at each grid point of the leaf whose trials have all ended
/// (complete, a diverged result included), the next round of <c>batch</c> proposals is made from those trials' values
/// (<see cref="Proposer"/>), indices following the proposals the point already has (from the seed and the ledger). A
/// round depends only on the results of complete earlier rounds, so one worker, two, Slurm tasks or a run killed and
/// continued make the same proposals; its name is a function of the question (search, grid point, first index), so a
/// round two deciders wrote counts once. The space and settings come with the construction (<see cref="SearchPlan"/>),
/// the grid points' names too; the snapshot's trials must carry their <see cref="TrialSnapshot.Point"/>, and
/// <see cref="TrialSnapshot.Complete"/> must say that a result is committed and current (a stale result is retrained,
/// so it is not yet an observation).
/// </summary>
public sealed class TpeMethod(SearchPlan search, IReadOnlyList<string> grids) : ISearchMethod
{
    public const string Name = "tpe";

    /// <inheritdoc/>
    public string Settings { get; } = $"tpe search {search.Fingerprint}";

    /// <inheritdoc/>
    public SearchStep Decide(LeafSnapshot leaf)
    {
        var spec = search.Spec;
        var rounds = new List<ProposalRound>();
        var byGrid = leaf.Trials.Where(t => t.Point is not null).ToLookup(t => t.Point!.Grid);
        for (var g = 0; g < grids.Count; g++)
        {
            var made = Made(leaf.Ledger, grids[g]);
            if (made >= spec.Trials) continue;
            var trials = byGrid[g].OrderBy(t => t.Point!.Index).ThenBy(t => t.Number).ToList();
            if (trials.Count == 0 || trials.Any(t => !t.Complete)) continue;
            var history = new List<Observation>(trials.Count);
            foreach (var t in trials)
                if (ValueOf(t.Log, spec) is { } v && t.Config is { } config)
                    history.Add(new Observation(search.Space.Observe(k => config[k]), spec.Goal == "max" ? -v : v));
            var proposals = Enumerable.Range(made, Math.Min(spec.Batch, spec.Trials - made))
                .Select(k => new LedgerProposal(search.Fingerprint, grids[g], k, Proposer.Propose(search.Space, spec, k, history))).ToList();
            rounds.Add(new ProposalRound($"{search.Fingerprint}-{Hash(grids[g])}-{made}", proposals));
        }
        return rounds.Count == 0 ? SearchStep.None : new SearchStep([], rounds);
    }

    // How many proposals a grid point has: those from the seed and the ledger's (repeats included: they are not trials).
    private int Made(IReadOnlyList<LedgerProposal> ledger, string grid)
    {
        var made = search.Proposals.Count;
        foreach (var p in ledger)
            if (p.Search == search.Fingerprint && p.Grid == grid) made = Math.Max(made, p.Index + 1);
        return made;
    }

    /// <summary>
    /// What TPE learns from a trial: the search's metric over its whole epoch table, reduced as report reads it (the
    /// final epoch's, or the best); null without a finite value (a diverged trial is ended but teaches nothing).
    /// </summary>
    public static double? ValueOf(EpochTable? table, ProposalSpec spec)
    {
        if (table is null) return null;
        var metric = MetricName.Parse(spec.Metric, "search.metric"); // checked when the tree was expanded
        var value = table.Value(metric.Phase, metric.Column, spec.Reduce, spec.Goal);
        return value is { } v && double.IsFinite(v) ? v : null;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
}
