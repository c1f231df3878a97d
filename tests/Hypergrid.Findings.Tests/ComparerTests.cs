using System.Text.Json.Nodes;
using Hypergrid.Findings.Statistics;

namespace Hypergrid.Findings.Tests;

/// <summary>A section's comparisons with its best, on groups built in memory: the corrections, the verdicts and the seeds that would decide.</summary>
public class ComparerTests
{
    private static GroupRow Group(string name, double[] samples, long[]? seeds = null) => GroupRow.Of("experiment/d/" + name + "/adam", samples, seeds);

    private static readonly GroupRow Best = Group("best", [0.930, 0.925, 0.928, 0.936, 0.931]);
    private static readonly GroupRow Close = Group("close", [0.9295, 0.9248, 0.9281, 0.9357, 0.9309]);   // within 0.001, every seed
    private static readonly GroupRow Worse = Group("worse", [0.912, 0.905, 0.921, 0.899, 0.915]);
    private static readonly GroupRow Noisy = Group("noisy", [0.95, 0.90, 0.93, 0.91, 0.925]);

    private static List<GroupRow> Section(double? margin, params GroupRow[] others) =>
        Comparer.Section([Best, .. others], Best, Best, new StatisticsOptions(Equivalence: margin), higherIsBetter: true);

    [Fact]
    public void The_p_values_against_the_best_are_holm_corrected_over_the_section()
    {
        var rows = Section(null, Close, Worse, Noisy);
        var raw = rows.Skip(1).Select(r => r.P).ToList();
        var holm = Holm.Adjust(raw);
        Assert.Equal(holm, rows.Skip(1).Select(r => r.PHolm));
        // The smallest raw p is multiplied by the three comparisons: a missing correction would leave it as it was.
        var smallest = raw.Min()!.Value;
        Assert.Equal(Math.Min(1, 3 * smallest), rows.Skip(1).Min(r => r.PHolm)!.Value, 12);
        Assert.Null(rows[0].PHolm);
        Assert.True(rows[0].Best);
    }

    [Fact]
    public void With_a_margin_the_verdicts_are_equivalent_different_and_undecided()
    {
        var rows = Section(0.005, Close, Worse, Noisy);
        Assert.Equal([null, "equivalent", "different", "undecided"], rows.Select(r => r.Verdict));
        // Only the undecided comparison says how many seeds would decide it.
        Assert.Equal([false, false, false, true], rows.Select(r => r.SeedsNeeded is not null));
        Assert.True(rows[3].SeedsNeeded > 5);
        Assert.True(rows[3].Indistinguishable);
        Assert.False(rows[2].Indistinguishable);
    }

    [Fact]
    public void Without_a_margin_nothing_is_called_equivalent()
    {
        var rows = Section(null, Close, Worse);
        Assert.Equal([null, "undecided", "different"], rows.Select(r => r.Verdict));
        Assert.All(rows, r => Assert.Null(r.PEquivalence));
    }

    [Fact]
    public void Paired_groups_carry_the_sign_flip_p_and_the_paired_difference_interval_and_welch_groups_do_not()
    {
        var other = Group("other-seeds", [0.912, 0.905, 0.921, 0.899, 0.915], [5, 6, 7, 8, 9]);
        var rows = Section(null, Worse, other);
        var paired = rows[1];
        Assert.Equal(("paired", "exact", 0.0625), (paired.Test, paired.PermMethod, paired.PPerm!.Value));
        Assert.Equal(0.0, paired.Poi); // worse on every seed
        Assert.True(paired.DiffLow <= paired.Delta && paired.Delta <= paired.DiffHigh);
        var welch = rows[2];
        Assert.Equal("welch", welch.Test);
        Assert.Null(welch.PPerm);
        Assert.Equal(Improvement.Unpaired(other.Samples, Best.Samples, true), welch.Poi);
        Assert.All(rows, r => Assert.Equal(Iqm.Of(r.Samples), r.Iqm));
        Assert.All(rows, r => Assert.True(r.BootLow <= r.Mean && r.Mean <= r.BootHigh));
    }

    [Fact]
    public void The_equivalence_p_values_are_holm_corrected_and_seeds_to_decide_are_at_alpha_over_m()
    {
        var rows = Section(0.005, Close, Worse, Noisy);
        var raw = new[] { Close, Worse, Noisy }.Select(g => (double?)Tost.P(Difference.OfPaired(g.Samples, Best.Samples), 0.005)).ToList();
        Assert.Equal(Holm.Adjust(raw), rows.Skip(1).Select(r => r.PEquivalence));
        // Three comparisons: the undecided one's seeds are those of the t-test at 0.05 / 3, not at 0.05.
        var d = Difference.OfPaired(Noisy.Samples, Best.Samples);
        Assert.Equal(SeedsNeeded.Of(d, 0.05 / 3, 0.8, 0.005), (rows[3].SeedsNeeded, rows[3].SeedsDecide));
        Assert.NotEqual(SeedsNeeded.Of(d, 0.05, 0.8, 0.005).Seeds, rows[3].SeedsNeeded);
    }
}
