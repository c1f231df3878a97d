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

    private readonly Halving? halving;
    private readonly SearchSpec? rungs;
    private readonly int epochs = int.MaxValue;

    /// <summary>
    /// TPE with halving (BOHB-like, <see cref="TpeBrackets"/>): each round is halved over its own trials by
    /// <paramref name="halving"/>, for trials of <paramref name="epochs"/> epochs, and the rounds learn from the rungs.
    /// </summary>
    public TpeMethod(SearchPlan search, IReadOnlyList<string> grids, SearchSpec halving, int epochs) : this(search, grids)
    {
        this.halving = new Halving(halving, epochs);
        rungs = halving;
        this.epochs = epochs;
    }

    /// <inheritdoc/>
    public string Settings => halving?.Settings ?? $"tpe search {search.Fingerprint}";

    /// <inheritdoc/>
    public SearchStep Decide(LeafSnapshot leaf)
    {
        var spec = search.Spec;
        var rounds = new List<ProposalRound>();
        var decided = new List<SearchDecision>();
        var byGrid = leaf.Trials.Where(t => t.Point is not null).ToLookup(t => t.Point!.Grid);
        for (var g = 0; g < grids.Count; g++)
        {
            var trials = byGrid[g].OrderBy(t => t.Point!.Index).ThenBy(t => t.Number).ToList();
            // Each round is its own bracket: halved over its own trials, never over a set a later round enlarges.
            if (halving is not null)
                foreach (var bracket in trials.GroupBy(t => spec.RoundOf(t.Point!.Index)).OrderBy(b => b.Key))
                    decided.AddRange(halving.DecideBracket(leaf, bracket.Select(t => t.Number).Order().ToList(), [.. leaf.Decisions, .. decided]));
            var made = Made(leaf.Ledger, grids[g]);
            if (made >= spec.Trials) continue;
            IReadOnlyList<SearchDecision> decisions = [.. leaf.Decisions, .. decided];
            if (trials.Count == 0 || trials.Any(t => rungs is null ? !t.Complete : !TpeBrackets.Ended(t, decisions, rungs.Rungs[0]))) continue;
            var history = rungs is null ? WholeRuns(trials) : TpeBrackets.Observations(trials, decisions, spec, rungs, epochs, Point).History;
            var proposals = Enumerable.Range(made, Math.Min(spec.Batch, spec.Trials - made))
                .Select(k => new LedgerProposal(search.Fingerprint, grids[g], k, Proposer.Propose(search.Space, spec, k, history))).ToList();
            rounds.Add(new ProposalRound($"{search.Fingerprint}-{Hash(grids[g])}-{made}", proposals));
        }
        return decided.Count == 0 && rounds.Count == 0 ? SearchStep.None : new SearchStep(decided, rounds);
    }

    // What TPE learns without rungs: each complete trial's value over its whole run.
    private List<Observation> WholeRuns(IReadOnlyList<TrialSnapshot> trials)
    {
        var spec = search.Spec;
        var history = new List<Observation>(trials.Count);
        foreach (var t in trials)
            if (ValueOf(t.Log, spec) is { } v && Point(t) is { } x)
                history.Add(new Observation(x, spec.Goal == "max" ? -v : v));
        return history;
    }

    // A trial's proposal as TPE reads it (internal values), from its config; null when its config does not read.
    private double[]? Point(TrialSnapshot t) => t.Config is { } config ? search.Space.Observe(k => config[k]) : null;

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
