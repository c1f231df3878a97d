using Hypergrid.Config.Expansion;
using Hypergrid.Config.Search;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;
using Hypergrid.Trials.Search;

namespace Hypergrid.Config.Tests.Search;

/// <summary>
/// TPE's rounds as a pure decision over in-memory snapshots of a leaf (no files, no processes): what is proposed, when,
/// at which grid point and index, and that the rounds a run proposes from snapshots are the in-process search's.
/// </summary>
public sealed class TpeMethodTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly SearchSpace Space = Spaces.Parse("x1: {uniform: [-5, 10]}\nx2: {uniform: [0, 15]}", "tpe");

    private static double Branin(double[] x) => Spaces.Branin(x);

    private static ProposalSpec Spec(int trials = 14, string metric = "val_loss", string goal = "min") =>
        new(ProposalMethod.Tpe, trials, 5, 2, 6, metric, goal, "final");

    private static SearchPlan Plan(ProposalSpec spec) => new(Space, spec, Proposer.FromSeed(Space, spec));

    // A trial's epoch table with one val row: its loss and acc.
    private static EpochTable Log(double loss, double acc) =>
        new(["loss", "acc", EpochTable.BatchesColumn], [1L], ["val"], [new[] { loss, acc, 1.0 }]);

    // A trial of the leaf at grid point g, proposal k, holding values x; complete with its value, or not yet ended.
    private static TrialSnapshot Trial(int number, int g, int k, double[] x, double? loss, bool complete = true) =>
        new(number, complete, complete ? RunStatus.Complete : RunStatus.Running, null, null,
            loss is { } v ? Log(v, -v) : null, new TrialConfig(Space.Apply(Space.Top.Select(p => p.Entry).ToList(), x)))
        { Point = new SearchPoint(g, k, x) };

    private static LeafSnapshot Leaf(IEnumerable<TrialSnapshot> trials, IEnumerable<LedgerProposal>? ledger = null) =>
        new(trials.ToList(), [], Now) { Ledger = (ledger ?? []).ToList() };

    // Runs the leaf as a run does: every proposal becomes a trial that completes with its objective's value, and the
    // method is asked for rounds until it has none; returns each grid point's proposals in index order.
    private static List<List<double[]>> RunThroughSnapshots(SearchPlan plan, params Func<double[], double>[] objectives)
    {
        var method = new TpeMethod(plan, objectives.Select((_, g) => $"a={g}").ToList());
        var trials = new List<TrialSnapshot>();
        var ledger = new List<LedgerProposal>();
        for (var g = 0; g < objectives.Length; g++)
            for (var k = 0; k < plan.Proposals.Count; k++)
                trials.Add(Trial(trials.Count, g, k, plan.Proposals[k], objectives[g](plan.Proposals[k])));
        for (var step = method.Decide(Leaf(trials, ledger)); !step.IsEmpty; step = method.Decide(Leaf(trials, ledger)))
            foreach (var p in step.Proposals.SelectMany(r => r.Proposals))
            {
                ledger.Add(p);
                var g = int.Parse(p.Grid[2..], System.Globalization.CultureInfo.InvariantCulture);
                trials.Add(Trial(trials.Count, g, p.Index, p.X, objectives[g](p.X)));
            }
        return Enumerable.Range(0, objectives.Length)
            .Select(g => trials.Where(t => t.Point!.Grid == g).OrderBy(t => t.Point!.Index).Select(t => t.Point!.X).ToList()).ToList();
    }

    [Fact]
    public void Rounds_proposed_from_snapshots_are_the_in_process_search_at_every_grid_point()
    {
        var spec = Spec();
        Func<double[], double> shifted = x => Branin([x[0] - 1, x[1] + 2]);
        var points = RunThroughSnapshots(Plan(spec), Branin, shifted);
        Assert.Equal(InProcessSearch.Run(Space, spec, Branin).Select(o => o.X), points[0]);
        Assert.Equal(InProcessSearch.Run(Space, spec, shifted).Select(o => o.X), points[1]);
        // The two points learned from their own results: after the startup they part.
        Assert.Equal(points[0].Take(6), points[1].Take(6));
        Assert.NotEqual(points[0].Skip(6).First(), points[1].Skip(6).First());
    }

    [Fact]
    public void A_maximised_metric_is_learned_negated_and_gives_the_minimised_search()
    {
        var min = RunThroughSnapshots(Plan(Spec()), Branin);
        var max = RunThroughSnapshots(Plan(Spec(metric: "val_acc", goal: "max")), Branin); // the acc column holds -loss
        Assert.Equal(min, max);
        Assert.Equal(14, max[0].Count);
    }

    [Fact]
    public void No_round_is_proposed_at_a_grid_point_while_one_of_its_trials_has_not_ended()
    {
        var plan = Plan(Spec());
        var method = new TpeMethod(plan, ["a=0", "a=1"]);
        var trials = new List<TrialSnapshot>();
        for (var k = 0; k < 6; k++) trials.Add(Trial(k, 0, k, plan.Proposals[k], Branin(plan.Proposals[k]), complete: k != 3));
        Assert.True(method.Decide(Leaf(trials)).IsEmpty);
        // Point 1 ended, point 0 still waits: only point 1's round, indices 6 and 7.
        for (var k = 0; k < 6; k++) trials.Add(Trial(6 + k, 1, k, plan.Proposals[k], Branin(plan.Proposals[k])));
        var step = method.Decide(Leaf(trials));
        var round = Assert.Single(step.Proposals);
        Assert.All(round.Proposals, p => Assert.Equal("a=1", p.Grid));
        Assert.Equal([6, 7], round.Proposals.Select(p => p.Index));
        Assert.Empty(step.Decisions);
    }

    [Fact]
    public void A_round_in_the_ledger_is_never_proposed_again_and_the_next_follows_it_once_its_trials_ended()
    {
        var plan = Plan(Spec());
        var method = new TpeMethod(plan, ["a=0"]);
        var trials = Enumerable.Range(0, 6).Select(k => Trial(k, 0, k, plan.Proposals[k], Branin(plan.Proposals[k]))).ToList();
        var first = Assert.Single(method.Decide(Leaf(trials)).Proposals);
        // Two deciders asking the same question name the same round (the ledger counts it once).
        Assert.Equal(first.Round, Assert.Single(method.Decide(Leaf(trials)).Proposals).Round);
        // Its trials planned, one still training: nothing is due.
        trials.Add(Trial(6, 0, 6, first.Proposals[0].X, Branin(first.Proposals[0].X)));
        trials.Add(Trial(7, 0, 7, first.Proposals[1].X, null, complete: false));
        Assert.True(method.Decide(Leaf(trials, first.Proposals)).IsEmpty);
        // Ended: the next round starts at index 8, under another name.
        trials[^1] = Trial(7, 0, 7, first.Proposals[1].X, Branin(first.Proposals[1].X));
        var next = Assert.Single(method.Decide(Leaf(trials, first.Proposals)).Proposals);
        Assert.Equal([8, 9], next.Proposals.Select(p => p.Index));
        Assert.NotEqual(first.Round, next.Round);
        // A ledger line of another search (its space or settings changed) is not this search's.
        Assert.Equal([6, 7], Assert.Single(method.Decide(Leaf(trials.Take(6), first.Proposals.Select(p => p with { Search = "other" }))).Proposals).Proposals.Select(p => p.Index));
    }

    [Fact]
    public void A_trial_without_a_finite_value_has_ended_but_teaches_nothing()
    {
        var plan = Plan(Spec());
        var method = new TpeMethod(plan, ["a=0"]);
        var trials = Enumerable.Range(0, 6).Select(k => Trial(k, 0, k, plan.Proposals[k], k == 2 ? double.NaN : Branin(plan.Proposals[k]))).ToList();
        var round = Assert.Single(method.Decide(Leaf(trials)).Proposals);
        var learned = Enumerable.Range(0, 6).Where(k => k != 2).Select(k => new Observation(plan.Proposals[k], Branin(plan.Proposals[k]))).ToList();
        Assert.Equal(Proposer.Propose(Space, plan.Spec, 6, learned), round.Proposals[0].X);
        // With it learned as a value, the proposal would differ: the test can fail.
        var all = Enumerable.Range(0, 6).Select(k => new Observation(plan.Proposals[k], k == 2 ? -1e9 : Branin(plan.Proposals[k]))).ToList();
        Assert.NotEqual(Proposer.Propose(Space, plan.Spec, 6, all), round.Proposals[0].X);
    }

    [Fact]
    public void A_grid_point_with_all_its_trials_proposes_nothing_more()
    {
        Assert.Equal(9, RunThroughSnapshots(Plan(Spec(trials: 9)), Branin)[0].Count); // a last round of one
        Assert.Equal(4, RunThroughSnapshots(Plan(Spec(trials: 4)), Branin)[0].Count); // the startup only
    }
}
