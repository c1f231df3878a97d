using Hypergrid.Findings.Adaptive;
using Hypergrid.Config.Search;
using Hypergrid.Trials.Search;

namespace Hypergrid.Findings.Tests.Adaptive;

/// <summary>Adaptive seeds decided in memory: when a round is due, who stops and why, who gets the next seed, and that rounds are never undone.</summary>
public class AdaptiveSeedsTests
{
    private static readonly SeedsSpec Spec = new(Start: 3, Max: 6, Margin: 0.01);

    // Per group, values per seed 0..5: "best" high; "worse" far below on every seed; "close" within the margin; "noisy" undecided.
    private static readonly Dictionary<string, double[]> Truth = new()
    {
        ["best"] = [0.930, 0.925, 0.928, 0.936, 0.931, 0.927],
        ["worse"] = [0.810, 0.805, 0.809, 0.815, 0.812, 0.806],
        ["close"] = [0.9295, 0.9248, 0.9278, 0.9355, 0.9305, 0.9266],
        ["noisy"] = [0.95, 0.88, 0.94, 0.90, 0.96, 0.89],
    };

    // The values a section holds once each group ran its admitted seeds (later seeds not complete).
    private static Dictionary<string, IReadOnlyList<double?>> Ran(IReadOnlyList<SeedRound> rounds, int? drop = null) =>
        Truth.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double?>)kv.Value.Take(AdaptiveSeeds.Admitted(kv.Key, Spec, rounds))
            .Select((v, i) => kv.Key == "noisy" && i == drop ? (double?)null : v).ToList());

    [Fact]
    public void A_round_waits_for_every_admitted_trial_then_stops_the_decided_groups_and_continues_the_rest_with_the_best()
    {
        Assert.Null(AdaptiveSeeds.Decide(Spec, Ran([], drop: 2), [], higherIsBetter: true)); // one trial of the first seeds still running
        var first = AdaptiveSeeds.Decide(Spec, Ran([]), [], true)!;
        Assert.Equal((1, 3, "best"), (first.Number, first.Seeds, first.Best));
        Assert.Equal("different", first.Stopped["worse"]);
        Assert.Equal("equivalent", first.Stopped["close"]);
        Assert.Equal(["best", "noisy"], first.Continue);
        // The stopped groups keep three seeds; the others are admitted to a fourth.
        Assert.Equal([4, 3, 3, 4], new[] { "best", "worse", "close", "noisy" }.Select(g => AdaptiveSeeds.Admitted(g, Spec, [first])));
    }

    [Fact]
    public void A_group_with_a_complete_trial_without_a_value_stops_with_no_value_naming_the_seed_and_the_metric_and_the_rest_are_decided()
    {
        var values = Ran([]);
        values["noisy"] = [0.95, double.NaN, 0.94]; // seed 1 complete, but no finite val_acc
        var round = AdaptiveSeeds.Decide(Spec, values, [], true)!;
        Assert.Equal("no value: seed 1 is complete without a finite val_acc", round.Stopped["noisy"]);
        Assert.Equal(("different", "equivalent"), (round.Stopped["worse"], round.Stopped["close"]));
        Assert.Equal("best", round.Best);
        Assert.Empty(round.Continue); // nothing undecided is left: the section is decided, not waiting
        Assert.Null(AdaptiveSeeds.Decide(Spec, values, [round], true));
    }

    [Fact]
    public void When_no_group_has_a_value_the_round_stops_them_all_with_no_value_instead_of_waiting_forever()
    {
        var spec = Spec with { Metric = "val_loss", Seeds = [7, 8, 9, 10, 11, 12] };
        var values = new Dictionary<string, IReadOnlyList<double?>> { ["a"] = [double.NaN, double.NaN, double.NaN], ["b"] = [0.5, 0.4, double.NaN] };
        var round = AdaptiveSeeds.Decide(spec, values, [], false)!;
        Assert.Equal("no value: seed 7 is complete without a finite val_loss", round.Stopped["a"]);
        Assert.Equal("no value: seed 9 is complete without a finite val_loss", round.Stopped["b"]);
        Assert.Empty(round.Continue);
        // A trial still running is still waited for: null is not "no value".
        Assert.Null(AdaptiveSeeds.Decide(spec, new Dictionary<string, IReadOnlyList<double?>> { ["a"] = [double.NaN, null, 0.3] }, [], false));
    }

    [Fact]
    public void A_max_raised_after_the_section_was_decided_at_its_maximum_is_said_and_does_not_reopen_it()
    {
        var rounds = new List<SeedRound>();
        while (AdaptiveSeeds.Decide(Spec, Ran(rounds), rounds, true) is { } round) rounds.Add(round);
        var raised = Spec with { Max = 10 };
        var said = AdaptiveSeeds.SettingsChange(raised, new SeedLog(rounds, [], Spec.Settings))!;
        Assert.Contains("then: start 3, max 6,", said);
        Assert.Contains("now: start 3, max 10,", said);
        Assert.Contains("decided at max 6: a raised max does not reopen it", said);
        Assert.Null(AdaptiveSeeds.Decide(raised, Ran(rounds), rounds, true)); // said, and nothing runs: never undone
        Assert.Null(AdaptiveSeeds.SettingsChange(Spec, new SeedLog(rounds, [], Spec.Settings))); // unchanged: nothing said
    }

    [Fact]
    public void A_metric_changed_mid_way_is_said_and_the_next_rounds_are_decided_under_it()
    {
        var first = AdaptiveSeeds.Decide(Spec, Ran([]), [], true)!;
        var said = AdaptiveSeeds.SettingsChange(Spec with { Metric = "val_loss", Goal = "min" }, new SeedLog([first], [], Spec.Settings))!;
        Assert.Contains("metric val_acc, goal max", said);
        Assert.Contains("metric val_loss, goal min", said);
        Assert.Contains("the rounds made stay made", said);
        Assert.Null(AdaptiveSeeds.SettingsChange(Spec with { Max = 10 }, SeedLog.Empty)); // no rounds yet: nothing to compare
    }

    [Fact]
    public void Rounds_go_on_to_the_maximum_and_then_nothing_is_due_and_no_stopped_group_returns()
    {
        var rounds = new List<SeedRound>();
        while (AdaptiveSeeds.Decide(Spec, Ran(rounds), rounds, true) is { } round) rounds.Add(round);
        Assert.Equal([3, 4, 5, 6], rounds.Select(r => r.Seeds));
        Assert.Empty(rounds[^1].Continue); // at the maximum
        Assert.All(rounds.Skip(1), r => Assert.DoesNotContain("worse", r.Continue));
        Assert.Equal(6, AdaptiveSeeds.Admitted("noisy", Spec, rounds));
        // 3 + 3 seeds for the two that stopped, 6 + 6 for the two that went on: 18 of the fixed design's 24.
        Assert.Equal(18, Truth.Keys.Sum(g => AdaptiveSeeds.Admitted(g, Spec, rounds)));
    }

    [Fact]
    public void Without_a_margin_only_a_difference_stops_a_group_and_when_all_are_decided_the_best_stops_too()
    {
        var spec = Spec with { Margin = null };
        var values = Truth.Where(kv => kv.Key is "best" or "worse").ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double?>)kv.Value.Select(v => (double?)v).ToList());
        var round = AdaptiveSeeds.Decide(spec, values, [], true)!;
        Assert.Equal("different", round.Stopped["worse"]);
        Assert.Empty(round.Continue);
        Assert.Null(AdaptiveSeeds.Decide(spec, values, [round], true));
        var close = Truth.Where(kv => kv.Key is "best" or "close").ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double?>)kv.Value.Select(v => (double?)v).ToList());
        Assert.Equal(["best", "close"], AdaptiveSeeds.Decide(spec, close, [], true)!.Continue);
    }

    [Fact]
    public void Each_look_is_tested_at_alpha_over_the_number_of_looks()
    {
        // p of "worse" against "best" over 3 paired seeds is tiny; a difference of p about 0.02 passes 0.05 but not 0.05 / 4.
        Assert.Equal(0.0125, Spec.AlphaPerLook, 12);
        var values = new Dictionary<string, IReadOnlyList<double?>>
        {
            ["best"] = [0.930, 0.925, 0.928],
            ["slightly"] = [0.925, 0.921, 0.922],
        };
        Assert.True(Stats.PairedT([0.925, 0.921, 0.922], [0.930, 0.925, 0.928]) is > 0.0125 and < 0.05);
        Assert.Equal(["best", "slightly"], AdaptiveSeeds.Decide(Spec with { Margin = null }, values, [], true)!.Continue);
        Assert.Empty(AdaptiveSeeds.Decide(new SeedsSpec(3, 3), values, [], true)!.Continue); // one look: at α, decided (and at the maximum)
    }
}
