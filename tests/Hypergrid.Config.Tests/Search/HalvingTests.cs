using Hypergrid.Config.Search;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;
using Hypergrid.Trials.Search;

namespace Hypergrid.Config.Tests.Search;

/// <summary>
/// Successive halving as a pure decision over in-memory snapshots of a leaf (no files): what is promoted, paused, ranked
/// and left undecided, and that a decision on disk is never made again nor undone.
/// </summary>
public sealed class HalvingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static SearchSpec Spec(double keep = 0.34, bool async = false, string metric = "val_acc", string goal = "max", params int[] rungs) =>
        new(metric, goal, "final", rungs.Length == 0 ? [1, 3] : rungs, keep, async);

    // A trial's epoch table with one val row per epoch: its acc (and loss) at epochs 1, 2, ...
    private static EpochTable Log(params double[] accs) => new(
        ["loss", "acc", EpochTable.BatchesColumn],
        Enumerable.Range(1, accs.Length).Select(e => (long)e).ToList(),
        accs.Select(_ => "val").ToList(),
        accs.Select(a => new[] { 1 - a, a, 1.0 }).ToList());

    // A trial paused after its last logged epoch (as at a rung), or still running (no run.json status) when not paused.
    private static TrialSnapshot Paused(int number, params double[] accs) => new(number, false, RunStatus.Paused, accs.Length, null, Log(accs));
    private static TrialSnapshot Running(int number, params double[] accs) => new(number, false, RunStatus.Running, null, null, Log(accs));
    private static TrialSnapshot Complete(int number, params double[] accs) => new(number, true, RunStatus.Complete, null, null, Log(accs));

    private static LeafSnapshot Leaf(IEnumerable<SearchDecision> decisions, params TrialSnapshot[] trials) => new(trials, decisions.ToList(), Now);
    private static LeafSnapshot Leaf(params TrialSnapshot[] trials) => Leaf([], trials);

    private static IReadOnlyList<SearchDecision> Decide(SearchSpec spec, LeafSnapshot leaf, int epochs = 6) => new Halving(spec, epochs).Decide(leaf).Decisions;

    [Fact]
    public void Once_every_trial_reached_the_first_rung_the_best_third_go_on_and_the_rest_pause()
    {
        var d = Decide(Spec(), Leaf(Paused(0, 0.5), Paused(1, 0.9), Paused(2, 0.7)));
        Assert.Equal([1, 2, 0], d.Select(x => x.Trial));
        Assert.Equal([SearchDecision.Promote, SearchDecision.Pause, SearchDecision.Pause], d.Select(x => x.Decision));
        Assert.Equal([1, 2, 3], d.Select(x => x.Rank));
        Assert.All(d, x => Assert.Equal((0, 1, 3, 3, 0.9, Now), (x.Rung, x.Epoch, x.To, x.Of, x.Cutoff!.Value, x.Time)));
        Assert.Single(d.Select(x => x.Round).Distinct());
    }

    [Fact]
    public void A_goal_of_min_keeps_the_lowest_values()
    {
        var d = Decide(Spec(metric: "val_loss", goal: "min"), Leaf(Paused(0, 0.5), Paused(1, 0.9), Paused(2, 0.7)));
        Assert.Equal(1, d.Single(x => x.Decision == SearchDecision.Promote).Trial); // loss 0.1
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_synchronous_rung_waits_for_its_last_trial_whether_it_runs_or_has_no_log_yet(bool hasLog)
    {
        var late = hasLog ? Running(2) : new TrialSnapshot(2, false, null, null, null, (EpochTable?)null);
        Assert.Empty(Decide(Spec(), Leaf(Paused(0, 0.5), Paused(1, 0.9), late)));
    }

    [Fact]
    public void A_checkpoint_past_the_rung_counts_as_reached_and_one_inside_it_does_not()
    {
        TrialSnapshot At(int checkpointEpoch) => new(2, false, RunStatus.Interrupted, null, checkpointEpoch, Log(0.6));
        Assert.NotEmpty(Decide(Spec(), Leaf(Paused(0, 0.5), Paused(1, 0.9), At(2))));
        Assert.Empty(Decide(Spec(), Leaf(Paused(0, 0.5), Paused(1, 0.9), At(1))));
    }

    [Fact]
    public void Ties_go_to_the_lower_trial_number_whatever_the_order_of_the_snapshot()
    {
        var d1 = Decide(Spec(keep: 0.5), Leaf(Paused(3, 0.8), Paused(1, 0.8), Paused(2, 0.8), Paused(0, 0.1)));
        var d2 = Decide(Spec(keep: 0.5), Leaf(Paused(0, 0.1), Paused(2, 0.8), Paused(1, 0.8), Paused(3, 0.8)));
        Assert.Equal([1, 2], d1.Where(x => x.Promotes).Select(x => x.Trial));
        Assert.Equal(d1, d2);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_trial_without_a_finite_value_at_the_rung_is_ranked_last_and_never_promoted(double bad)
    {
        var d = Decide(Spec(keep: 0.9), Leaf(Paused(0, bad), Paused(1, 0.2), Paused(2, 0.3)));
        Assert.Equal((0, 3, SearchDecision.Pause), (d[^1].Trial, d[^1].Rank, d[^1].Decision));
        Assert.Null(d[^1].Value);
    }

    [Fact]
    public void A_trial_that_ended_before_the_rung_epoch_is_not_compared_on_an_earlier_epochs_value()
    {
        // Trial 0 completed after epoch 1 (a program that ended early): it reached the rung of epoch 2 but has no value there.
        var d = Decide(Spec(keep: 0.5, rungs: [2, 4]), Leaf(Complete(0, 0.99), Paused(1, 0.1, 0.2)));
        Assert.Equal((1, SearchDecision.Promote), (d[0].Trial, d[0].Decision));
        Assert.Null(d.Single(x => x.Trial == 0).Value);
    }

    [Fact]
    public void A_round_already_on_disk_is_not_decided_again()
    {
        var leaf = Leaf(Paused(0, 0.5), Paused(1, 0.9), Paused(2, 0.7));
        var first = Decide(Spec(), leaf);
        Assert.Empty(Decide(Spec(), Leaf(first, leaf.Trials.ToArray())));
    }

    [Fact]
    public void The_next_rung_compares_only_the_promoted_and_is_decided_once_they_all_reached_it()
    {
        var rung0 = Decide(Spec(keep: 0.5), Leaf(Paused(0, 0.5), Paused(1, 0.9), Paused(2, 0.7), Paused(3, 0.1)));
        Assert.Equal([1, 2], rung0.Where(x => x.Promotes).Select(x => x.Trial));
        // Trial 1 reached epoch 3, trial 2 is still training: nothing is due.
        Assert.Empty(Decide(Spec(keep: 0.5), Leaf(rung0, Paused(0, 0.5), Paused(1, 0.9, 0.9, 0.6), Running(2, 0.7, 0.7), Paused(3, 0.1))));
        var rung1 = Decide(Spec(keep: 0.5), Leaf(rung0, Paused(0, 0.5), Paused(1, 0.9, 0.9, 0.6), Paused(2, 0.7, 0.7, 0.8), Paused(3, 0.1)));
        Assert.Equal([(2, SearchDecision.Promote), (1, SearchDecision.Pause)], rung1.Select(x => (x.Trial, x.Decision)));
        Assert.All(rung1, x => Assert.Equal((1, 3, 6, 2), (x.Rung, x.Epoch, x.To, x.Of)));
    }

    [Fact]
    public void A_larger_keep_is_a_new_round_that_promotes_more_and_marks_earlier_promotions_as_kept()
    {
        var trials = new[] { Paused(0, 0.5), Paused(1, 0.9), Paused(2, 0.7) };
        var before = Decide(Spec(keep: 0.34), Leaf(trials));
        var after = Decide(Spec(keep: 0.67), Leaf(before, trials));
        Assert.NotEqual(before[0].Round, after[0].Round);
        Assert.Equal([SearchDecision.Promoted, SearchDecision.Promote, SearchDecision.Pause], after.Where(x => x.Rung == 0).Select(x => x.Decision));
    }

    [Fact]
    public void A_smaller_keep_never_demotes_a_trial_promoted_before()
    {
        var trials = new[] { Paused(0, 0.5), Paused(1, 0.9), Paused(2, 0.7) };
        var before = Decide(Spec(keep: 0.67), Leaf(trials));
        var after = Decide(Spec(keep: 0.34), Leaf(before, trials));
        Assert.Equal([SearchDecision.Promoted, SearchDecision.Promoted, SearchDecision.Pause], after.Where(x => x.Rung == 0).Select(x => x.Decision));
    }

    [Fact]
    public void A_trial_added_to_the_leaf_makes_a_new_round_over_all_of_them()
    {
        var before = Decide(Spec(), Leaf(Paused(0, 0.5), Paused(1, 0.9), Paused(2, 0.7)));
        Assert.Empty(Decide(Spec(), Leaf(before, Paused(0, 0.5), Paused(1, 0.9), Paused(2, 0.7), Running(3))));
        var after = Decide(Spec(), Leaf(before, Paused(0, 0.5), Paused(1, 0.9), Paused(2, 0.7), Paused(3, 0.95)));
        Assert.Equal(4, after[0].Of);
        Assert.Equal([3, 1], after.Where(x => x.Promotes).Select(x => x.Trial));
    }

    [Fact]
    public void Asynchronous_halving_promotes_the_top_fraction_of_those_that_reached_the_rung_and_none_before_it_is_one()
    {
        var spec = Spec(keep: 0.5, async: true);
        var one = Decide(spec, Leaf(Paused(0, 0.5), Running(1), Running(2), Running(3)));
        Assert.Equal([SearchDecision.Pause], one.Select(x => x.Decision));
        var two = Decide(spec, Leaf(one, Paused(0, 0.5), Paused(1, 0.9), Running(2), Running(3)));
        Assert.Equal([(1, SearchDecision.Promote), (0, SearchDecision.Pause)], two.Select(x => (x.Trial, x.Decision)));
    }

    [Fact]
    public void The_same_snapshot_gives_the_same_decisions()
    {
        var leaf = Leaf(Paused(0, 0.5), Paused(1, 0.9), Paused(2, 0.7), Paused(3, 0.2));
        Assert.Equal(Decide(Spec(), leaf), Decide(Spec(), leaf));
    }

    [Fact]
    public void A_trial_whose_log_is_never_needed_is_never_read()
    {
        var read = 0;
        EpochTable Counted() { read++; return Log(0.5); }
        var leaf = Leaf(Paused(0, 0.5), new TrialSnapshot(1, false, RunStatus.Running, null, null, Counted, () => null));
        Assert.Empty(Decide(Spec(), leaf));
        Assert.Equal(0, read);
    }
}
