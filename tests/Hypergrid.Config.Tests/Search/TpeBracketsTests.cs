using Hypergrid.Config.Expansion;
using Hypergrid.Config.Search;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;
using Hypergrid.Trials.Search;

namespace Hypergrid.Config.Tests.Search;

/// <summary>
/// TPE with halving (BOHB-like) as a pure decision over in-memory snapshots: each round of proposals is halved over its
/// own trials only, a later round never touches an earlier round's decisions, TPE learns from the largest budget with
/// enough values, and the same snapshot gives the same decisions and proposals.
/// </summary>
public sealed class TpeBracketsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly SearchSpace Space = Spaces.Parse("x1: {uniform: [-5, 10]}\nx2: {uniform: [0, 15]}", "tpe");
    private const int Epochs = 3;

    // Rounds of 4 (the startup), 2, 2, 2; each halved at epoch 1 keeping half (at least one).
    private static readonly ProposalSpec Spec = new(ProposalMethod.Tpe, 10, 5, 2, 4, "val_loss", "min", "final");
    private static readonly SearchSpec Rungs = new("val_loss", "min", "final", [1], 0.5, false) { InRounds = true };
    private static readonly SearchPlan Plan = new(Space, Spec, Proposer.FromSeed(Space, Spec));

    private static double Branin(double[] x) => Spaces.Branin(x);

    // The loss at an epoch: Branin at the first, its reverse after (a curve that crosses: the first rung's ranking is
    // not the final one, so what TPE learns from shows in what it proposes).
    private static double Loss(double[] x, int epoch) => epoch == 1 ? Branin(x) : 400 - Branin(x) / epoch;

    // A trial trained to `reached` epochs: complete at the last, else paused there; one val row per epoch.
    private static TrialSnapshot Trial(int number, int k, double[] x, int reached)
    {
        var log = new EpochTable(["loss", EpochTable.BatchesColumn], Enumerable.Range(1, reached).Select(e => (long)e).ToList(),
            Enumerable.Repeat("val", reached).ToList(), Enumerable.Range(1, reached).Select(e => new[] { Loss(x, e), 1.0 }).ToList());
        var complete = reached >= Epochs;
        return new TrialSnapshot(number, complete, complete ? RunStatus.Complete : RunStatus.Paused, complete ? null : reached, null, log,
            new TrialConfig(Space.Apply(Space.Top.Select(p => p.Entry).ToList(), x))) { Point = new SearchPoint(0, k, x) };
    }

    private static TpeMethod Method() => new(Plan, ["a=0"], Rungs, Epochs);

    // A run as the CLI makes it: every trial trains to its budget (the first rung, or where a decision promoted it), the
    // method is asked until nothing is due; returns the trials (by number) and every decision in order.
    private static (List<TrialSnapshot> Trials, List<SearchDecision> Decisions, List<LedgerProposal> Ledger) Run()
    {
        var method = Method();
        var trials = Plan.Proposals.Select((x, k) => Trial(k, k, x, 1)).ToList();
        var decisions = new List<SearchDecision>();
        var ledger = new List<LedgerProposal>();
        for (var step = method.Decide(Snapshot(trials, decisions, ledger)); !step.IsEmpty; step = method.Decide(Snapshot(trials, decisions, ledger)))
        {
            decisions.AddRange(step.Decisions);
            foreach (var d in step.Decisions.Where(d => d.Decision == SearchDecision.Promote))
                trials[d.Trial] = Trial(d.Trial, trials[d.Trial].Point!.Index, trials[d.Trial].Point!.X, d.To);
            foreach (var p in step.Proposals.SelectMany(r => r.Proposals))
            {
                ledger.Add(p);
                trials.Add(Trial(trials.Count, p.Index, p.X, 1));
            }
        }
        return (trials, decisions, ledger);
    }

    private static LeafSnapshot Snapshot(IEnumerable<TrialSnapshot> trials, IEnumerable<SearchDecision> decisions, IEnumerable<LedgerProposal>? ledger = null) =>
        new(trials.ToList(), decisions.ToList(), Now) { Ledger = (ledger ?? []).ToList() };

    [Fact]
    public void Each_round_of_proposals_is_halved_over_its_own_trials_only()
    {
        var (trials, decisions, _) = Run();
        Assert.Equal(10, trials.Count);
        int RoundOfTrial(int number) => Spec.RoundOf(trials[number].Point!.Index);
        // One rung decision per round, over exactly that round's trials: 4, then 2, 2, 2 (over the leaf it would be 4, 6, 8, 10).
        var rounds = decisions.GroupBy(d => d.Round).ToList();
        Assert.Equal([4, 2, 2, 2], rounds.Select(r => r.First().Of));
        foreach (var round in rounds)
        {
            Assert.Single(round.Select(d => RoundOfTrial(d.Trial)).Distinct());
            Assert.Equal(trials.Count(t => Spec.RoundOf(t.Point!.Index) == RoundOfTrial(round.First().Trial)), round.Count());
        }
        // Each trial decided once: half of each round (at least one) went on and completed, the rest stopped at epoch 1.
        Assert.Equal(decisions.Count, decisions.Select(d => d.Trial).Distinct().Count());
        Assert.Equal(5, decisions.Count(d => d.Promotes));
        Assert.Equal(5, trials.Count(t => t.Complete));
    }

    [Fact]
    public void A_later_round_never_changes_an_earlier_rounds_decisions()
    {
        var (trials, decisions, ledger) = Run();
        var method = Method();
        // Replayed from any point of the run (a later round's trials at epoch 1, not yet decided): the only decisions due
        // are the later round's, and the earlier rounds' stay as made.
        for (var n = 6; n <= 10; n += 2)
        {
            var earlier = decisions.Where(d => d.Trial < n - 2).ToList();
            var snapshot = trials.Take(n).Select(t => t.Number < n - 2 ? t : Trial(t.Number, t.Point!.Index, t.Point!.X, 1));
            var due = method.Decide(Snapshot(snapshot, earlier, ledger)).Decisions;
            Assert.Equal([n - 2, n - 1], due.Select(d => d.Trial).Order());
            Assert.Equal(decisions.Where(d => d.Trial >= n - 2 && d.Trial < n).Select(d => (d.Round, d.Trial, d.Decision)), due.Select(d => (d.Round, d.Trial, d.Decision)));
        }
    }

    [Fact]
    public void Tpe_learns_from_the_largest_budget_at_which_startup_trials_have_a_value()
    {
        var (trials, decisions, _) = Run();
        Func<TrialSnapshot, double[]?> x = t => t.Point!.X;
        // After the startup and one round: 6 trials have a value at epoch 1, 3 at the end (fewer than startup 4): epoch 1.
        var six = trials.Take(6).ToList();
        var (epoch, history) = TpeBrackets.Observations(six, decisions.Where(d => d.Trial < 6).ToList(), Spec, Rungs, Epochs, x);
        Assert.Equal(1, epoch);
        Assert.Equal(six.Select(t => Loss(t.Point!.X, 1)), history.Select(o => o.Loss));
        // After another round: 4 complete, so the whole run's values (the final epoch's), of the complete trials only.
        var eight = trials.Take(8).ToList();
        (epoch, history) = TpeBrackets.Observations(eight, decisions.Where(d => d.Trial < 8).ToList(), Spec, Rungs, Epochs, x);
        Assert.Equal(Epochs, epoch);
        Assert.Equal(eight.Where(t => t.Complete).Select(t => Loss(t.Point!.X, Epochs)), history.Select(o => o.Loss));
        Assert.Equal(4, history.Count);
    }

    [Fact]
    public void A_maximised_metric_is_learned_negated_at_the_rung_chosen()
    {
        var (trials, decisions, _) = Run();
        var six = trials.Take(6).ToList();
        var max = Spec with { Goal = "max" };
        var rungs = Rungs with { Goal = "max" };
        // The decisions' values are the metric as ranked; a maximised one is learned as its negation.
        var (epoch, history) = TpeBrackets.Observations(six, decisions.Where(d => d.Trial < 6).ToList(), max, rungs, Epochs, t => t.Point!.X);
        Assert.Equal(1, epoch);
        Assert.Equal(six.Select(t => -Loss(t.Point!.X, 1)), history.Select(o => o.Loss));
    }

    [Fact]
    public void The_same_snapshot_gives_the_same_decisions_and_proposals_and_the_rounds_learn_from_the_rung()
    {
        var first = Run();
        var second = Run();
        Assert.Equal(first.Decisions, second.Decisions);
        Assert.Equal(first.Ledger.Select(p => (p.Index, p.X)), second.Ledger.Select(p => (p.Index, p.X)));
        // The first round after the startup is TPE's from the startup's values at epoch 1 (all four trials), not from the
        // two that completed: those proposals would differ, so the rule is what made it.
        var startup = first.Trials.Take(4).ToList();
        var atRung = startup.Select(t => new Observation(t.Point!.X, Loss(t.Point!.X, 1))).ToList();
        Assert.Equal(Proposer.Propose(Space, Spec, 4, atRung), first.Ledger[0].X);
        var whole = startup.Where(t => t.Complete).Select(t => new Observation(t.Point!.X, Loss(t.Point!.X, Epochs))).ToList();
        Assert.NotEqual(Proposer.Propose(Space, Spec, 4, whole), first.Ledger[0].X);
        // Nor from each trial's last value whatever its epoch (a paused trial's epoch 1 beside a complete one's epoch 3).
        var mixed = startup.Select(t => new Observation(t.Point!.X, Loss(t.Point!.X, t.Complete ? Epochs : 1))).ToList();
        Assert.NotEqual(Proposer.Propose(Space, Spec, 4, mixed), first.Ledger[0].X);
    }

    [Fact]
    public void No_round_is_proposed_while_a_promoted_trial_of_the_last_round_trains_on()
    {
        var method = Method();
        var trials = Plan.Proposals.Select((x, k) => Trial(k, k, x, 1)).ToList();
        var step = method.Decide(Snapshot(trials, []));
        Assert.Empty(step.Proposals); // decided now, but the two kept still train
        Assert.Equal(2, step.Decisions.Count(d => d.Decision == SearchDecision.Promote));
        // Both kept complete: the round has ended, and the next is proposed.
        var done = trials.Select(t => step.Decisions.Any(d => d.Trial == t.Number && d.Promotes) ? Trial(t.Number, t.Point!.Index, t.Point!.X, Epochs) : t);
        var next = method.Decide(Snapshot(done, step.Decisions));
        Assert.Empty(next.Decisions);
        Assert.Equal([4, 5], Assert.Single(next.Proposals).Proposals.Select(p => p.Index));
    }
}
