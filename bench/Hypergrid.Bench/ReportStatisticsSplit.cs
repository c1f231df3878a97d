using System.Diagnostics;
using Hypergrid.Findings;
using Hypergrid.Findings.Statistics;

namespace Hypergrid.Bench;

/// <summary>
/// The statistics stage of a report split statistic by statistic: each one computed over every group of a built report
/// on one thread (each group against its section's best, as the report compares them), best of a few rounds. What one
/// statistic costs shows here before it hides in the stage's total.
/// </summary>
public static class ReportStatisticsSplit
{
    public static void Print(Report report, int rounds = 5)
    {
        var s = report.Statistics;
        var pairs = report.Sections.SelectMany(sec => sec.Groups.Skip(1).Select(g => (Group: g, Reference: sec.Groups[0], Comparisons: sec.Groups.Count - 1)))
            .Where(p => p.Group.N >= 2 && p.Reference.N >= 2).ToList();
        var paired = pairs.Where(p => p.Group.Seeds.SequenceEqual(p.Reference.Seeds)).ToList();
        var groups = report.Groups;
        var higher = report.Goal == "max";
        var sink = 0.0;
        var timed = new List<(string Name, double Seconds)>
        {
            ("describe (mean, std, t interval, median)", Best(rounds, () => { foreach (var g in groups) sink += Stats.Describe(g.Samples).Mean; })),
            ("IQM", Best(rounds, () => { foreach (var g in groups) sink += Iqm.Of(g.Samples); })),
            ($"bootstrap of the mean ({s.Resamples} resamples)", Best(rounds, () => { foreach (var g in groups) sink += Bootstrap.Mean(g.Samples, s.Resamples, s.Seed, s.Level).Low; })),
            ("paired t p", Best(rounds, () => { foreach (var (g, r, _) in paired) sink += Stats.PairedT(g.Samples, r.Samples); })),
            ("sign-flip p", Best(rounds, () => { foreach (var (g, r, _) in paired) sink += SignFlip.Test(g.Samples.Zip(r.Samples, (a, b) => a - b).ToList(), s.Resamples, s.Seed).P; })),
            ("bootstrap of the difference", Best(rounds, () => { foreach (var (g, r, _) in paired) sink += Bootstrap.PairedDifference(g.Samples, r.Samples, s.Resamples, s.Seed, s.Level).Low; })),
            ("P(improve)", Best(rounds, () => { foreach (var (g, r, _) in paired) sink += Improvement.Paired(g.Samples, r.Samples, higher); })),
            ("TOST", Best(rounds, () => { foreach (var (g, r, _) in paired) sink += s.Equivalence is { } m ? Tost.P(Difference.OfPaired(g.Samples, r.Samples), m) : 0; })),
            ("Holm (p and TOST p, per section)", Best(rounds, () => { foreach (var sec in report.Sections) sink += Holm.Adjust([.. sec.Groups.Select(g => g.P)]).Length + Holm.Adjust([.. sec.Groups.Select(g => g.PEquivalence)]).Length; })),
            ("seeds needed (undecided ones)", Best(rounds, () =>
            {
                foreach (var (g, r, m) in pairs.Where(p => p.Group.Verdict == "undecided"))
                    sink += SeedsNeeded.Of(g.Test == "paired" ? Difference.OfPaired(g.Samples, r.Samples) : Difference.OfWelch(g.Samples, r.Samples), s.Alpha / m, s.Power, s.Equivalence).Seeds ?? 0;
            })),
            ("importance (per leaf)", Best(rounds, () => { foreach (var leaf in groups.GroupBy(g => g.Leaf)) sink += Importance.Of(leaf.ToList())?.Count ?? 0; })),
        };
        var undecided = pairs.Count(p => p.Group.Verdict == "undecided");
        Console.WriteLine($"    statistics one by one over the {groups.Count:N0} groups ({paired.Count:N0} paired comparisons, {undecided:N0} undecided), one thread, best of {rounds}:");
        foreach (var (name, seconds) in timed) Console.WriteLine($"      {name,-44} {Measure.Fmt(seconds),10}");
        Console.WriteLine($"      {"sum",-44} {Measure.Fmt(timed.Sum(t => t.Seconds)),10}{(sink == 42 ? " " : "")}");
    }

    private static double Best(int rounds, Action body)
    {
        var best = double.MaxValue;
        for (var i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            body();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }
}
