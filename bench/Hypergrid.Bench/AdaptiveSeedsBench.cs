using Hypergrid.Findings;
using Hypergrid.Findings.Adaptive;
using Hypergrid.Config.Search;
using Hypergrid.Trials.Search;
using MathNet.Numerics.Distributions;

namespace Hypergrid.Bench;

/// <summary>
/// Adaptive seeds against a fixed 10 seeds per group, decided in-process over synthetic per-seed values (no training: the
/// decisions are the pure ones the runner makes): studies of 6 groups whose true accuracies are 0.930 (the best), 0.929
/// and 0.9295 (within the margin of 0.005), 0.925, 0.915 and 0.900, each seed adding a shared effect (sd 0.004) and the
/// group's own noise (sd 0.003). Prints the seeds spent, and whether the best and each verdict agree with the fixed design's.
/// </summary>
public static class AdaptiveSeedsBench
{
    private static readonly double[] Means = [0.930, 0.929, 0.9295, 0.925, 0.915, 0.900];
    private const int Studies = 200, Fixed = 10;
    private static readonly SeedsSpec Spec = new(Start: 3, Max: Fixed, Margin: 0.005);

    public static void Run()
    {
        Console.WriteLine($"adaptive seeds: {Studies} synthetic studies of {Means.Length} groups (true val_acc {string.Join(", ", Means)}), " +
                          $"seeds {{start: {Spec.Start}, max: {Spec.Max}, until: decided, margin: {Spec.Margin}}} against a fixed {Fixed} seeds each; decided in-process");
        long spent = 0, sameBest = 0, verdicts = 0, sameVerdicts = 0, wrongWay = 0;
        for (var study = 0; study < Studies; study++)
        {
            var values = Values(study);
            var rounds = new List<SeedRound>();
            while (AdaptiveSeeds.Decide(Spec, values.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double?>)kv.Value.Take(AdaptiveSeeds.Admitted(kv.Key, Spec, rounds)).Select(v => (double?)v).ToList()), rounds, true) is { } round)
                rounds.Add(round);
            spent += values.Keys.Sum(g => AdaptiveSeeds.Admitted(g, Spec, rounds));
            var adaptive = values.Keys.ToDictionary(g => g, g => rounds.Select(r => r.Stopped.GetValueOrDefault(g)).FirstOrDefault(v => v is not null) ?? (rounds[^1].Best == g ? "best" : "undecided"));
            var full = FixedVerdicts(values);
            if (full.Single(kv => kv.Value == "best").Key == rounds[^1].Best) sameBest++;
            foreach (var g in values.Keys.Where(g => full[g] != "best" && adaptive[g] != "best"))
            {
                verdicts++;
                if (full[g] == adaptive[g]) sameVerdicts++;
                else if (full[g] != "undecided" && adaptive[g] != "undecided") wrongWay++; // equivalent in one, different in the other
            }
        }
        var fixedSeeds = (long)Studies * Means.Length * Fixed;
        Console.WriteLine($"  seeds spent: {spent} of the fixed design's {fixedSeeds} ({(double)spent / fixedSeeds:P1}), {(double)spent / Studies:F1} per study against {Means.Length * Fixed}");
        Console.WriteLine($"  the same best group: {sameBest} of {Studies} studies; the same verdict: {sameVerdicts} of {verdicts} comparisons " +
                          $"({(double)sameVerdicts / verdicts:P1}); opposite verdicts (equivalent vs different): {wrongWay}");
    }

    // Per group, Fixed values per seed: the true mean, a seed effect shared by every group, the group's noise.
    private static Dictionary<string, double[]> Values(int study)
    {
        var random = new Random(study);
        var seedEffect = Enumerable.Range(0, Fixed).Select(_ => Normal.Sample(random, 0, 0.004)).ToArray();
        return Means.Select((m, i) => ($"g{i}", Enumerable.Range(0, Fixed).Select(s => m + seedEffect[s] + Normal.Sample(random, 0, 0.003)).ToArray()))
            .ToDictionary(x => x.Item1, x => x.Item2);
    }

    // The fixed design's conclusions: every group over all its seeds, compared with the best at α (Holm), the same margin.
    private static Dictionary<string, string> FixedVerdicts(Dictionary<string, double[]> values)
    {
        var rows = values.Select(kv => GroupRow.Of(kv.Key, kv.Value)).OrderByDescending(r => r.Mean).ToList();
        var compared = Hypergrid.Findings.Adaptive.FixedDesign.Compare(rows, new StatisticsOptions(Spec.Alpha, Spec.Margin, Resamples: 0));
        return compared.ToDictionary(r => r.Leaf, r => r.Best ? "best" : r.Verdict!);
    }
}
