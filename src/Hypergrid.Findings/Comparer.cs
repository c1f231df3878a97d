using Hypergrid.Findings.Statistics;

namespace Hypergrid.Findings;

/// <summary>
/// A section's statistics beyond one group's description: each group's bootstrap interval and interquartile mean, and
/// each other group's comparison with the reference (the best, or the baseline): delta, the t-test p (paired when both
/// ran the same seeds, else Welch) and its Holm correction over the section, the sign-flip p, the bootstrap interval of
/// the difference, the probability of improvement, the equivalence test, a verdict, and for an undecided comparison the
/// seeds that would decide it. Pure: the same groups and options give the same numbers.
/// </summary>
internal static class Comparer
{
    public static List<GroupRow> Section(IReadOnlyList<GroupRow> ranked, GroupRow reference, GroupRow best, StatisticsOptions s, bool higherIsBetter)
    {
        // Each group's figures depend on it and the reference alone (each resampling seeded on its own): computed on every
        // core, in order, they are the same whatever the cores.
        var referenceRow = Describe(reference, s);
        var rows = new GroupRow[ranked.Count];
        // Each comparison's difference, kept for its decision (an undecided one sizes the seeds that would decide it).
        var differences = new Difference?[ranked.Count];
        // Small chunks: an undecided comparison (seeds needed) costs far more than the others.
        EveryCore.For(ranked.Count, chunk: 8, body: i =>
        {
            var (row, d) = ReferenceEquals(ranked[i], reference) ? (referenceRow, null) : Compare(Describe(ranked[i], s), referenceRow, s, higherIsBetter);
            rows[i] = row with { Best = ReferenceEquals(ranked[i], best) };
            differences[i] = d;
        });
        // One family per section: the comparisons with its reference.
        var holm = Holm.Adjust(Array.ConvertAll(rows, r => r.P));
        var equivalence = Holm.Adjust(Array.ConvertAll(rows, r => r.PEquivalence));
        var m = holm.Count(p => p is not null);
        var decided = new GroupRow[rows.Length];
        EveryCore.For(rows.Length, chunk: 8, body: i => decided[i] = rows[i].P is null ? rows[i] : Decide(rows[i] with { PHolm = holm[i], PEquivalence = equivalence[i] }, differences[i]!.Value, s, m));
        return [.. decided];
    }

    private static GroupRow Describe(GroupRow r, StatisticsOptions s)
    {
        var row = r with { Iqm = Iqm.Of(r.Samples) };
        if (r.N < 2 || s.Resamples == 0) return row; // no resamples: a decision that needs only the tests
        var boot = Bootstrap.Mean(r.Samples, s.Resamples, s.Seed, s.Level);
        return row with { BootLow = boot.Low, BootHigh = boot.High };
    }

    // The row compared, and the difference its tests were made from (null where no test applies).
    private static (GroupRow Row, Difference? D) Compare(GroupRow r, GroupRow reference, StatisticsOptions s, bool higherIsBetter)
    {
        var row = r with { Delta = r.Mean - reference.Mean };
        if (r.N < 2 || reference.N < 2) return (row, null);
        if (r.Seeds.SequenceEqual(reference.Seeds))
        {
            var samples = Alike(r.Samples, reference.Samples);
            var d = Difference.OfPaired(samples, reference.Samples);
            var (perm, exact) = SignFlip.Test(Difference.PerSeed(samples, reference.Samples), s.Resamples, s.Seed);
            var diff = s.Resamples > 0 ? Bootstrap.PairedDifference(samples, reference.Samples, s.Resamples, s.Seed, s.Level) : new Interval(double.NaN, double.NaN);
            return (row with
            {
                P = Stats.PairedT(samples, reference.Samples), Test = "paired", PPerm = perm, PermMethod = exact ? "exact" : "monte carlo",
                DiffLow = diff.Low, DiffHigh = diff.High, Poi = Improvement.Paired(samples, reference.Samples, higherIsBetter),
                PEquivalence = s.Equivalence is { } m ? Tost.P(d, m) : null,
            }, d);
        }
        var w = Difference.OfWelch(r.Samples, reference.Samples);
        var unpaired = s.Resamples > 0 ? Bootstrap.UnpairedDifference(r.Samples, reference.Samples, s.Resamples, s.Seed, s.Level) : new Interval(double.NaN, double.NaN);
        return (row with
        {
            P = Stats.WelchT(r.Samples, reference.Samples), Test = "welch", DiffLow = unpaired.Low, DiffHigh = unpaired.High,
            Poi = Improvement.Unpaired(r.Samples, reference.Samples, higherIsBetter), PEquivalence = s.Equivalence is { } m2 ? Tost.P(w, m2) : null,
        }, w);
    }

    // Equivalence first: a difference shown to lie within the margin is the claim that matters, even when it is nonzero.
    private static GroupRow Decide(GroupRow r, Difference d, StatisticsOptions s, int comparisons)
    {
        var verdict = r.PEquivalence < s.Alpha ? "equivalent" : r.PHolm < s.Alpha ? "different" : "undecided";
        var row = r with { Verdict = verdict, Indistinguishable = r.PHolm >= s.Alpha };
        if (verdict != "undecided") return row;
        // The strictest step of Holm (α/m) is the level a comparison must be sure to pass.
        var (seeds, decides) = SeedsNeeded.Of(d, s.Alpha / comparisons, s.Power, s.Equivalence);
        return row with { SeedsNeeded = seeds, SeedsDecide = decides };
    }

    /// <summary>
    /// A group's values per seed as compared with the reference's: a value within 1e-12 of the reference's on the same seed
    /// (relative to their size: the last bits of a double, a sum taken in another order) is the reference's. Such noise
    /// made a paired t-test of differences all but equal say p = 0, "different", at a delta of 0.0000.
    /// </summary>
    internal static IReadOnlyList<double> Alike(IReadOnlyList<double> values, IReadOnlyList<double> reference)
    {
        double[]? alike = null;
        for (var i = 0; i < values.Count; i++)
        {
            var (v, r) = (values[i], reference[i]);
            if (v == r || !(Math.Abs(v - r) <= 1e-12 * Math.Max(Math.Abs(v), Math.Abs(r)))) continue;
            alike ??= [.. values];
            alike[i] = r;
        }
        return alike ?? values;
    }
}
