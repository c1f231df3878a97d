using Hypergrid.Findings.Statistics;
using Hypergrid.Config.Search;
using Hypergrid.Trials.Search;

namespace Hypergrid.Findings.Adaptive;

/// <summary>
/// Adaptive seeds as a pure decision over a section: groups (one per experiment leaf) with their values per seed, in
/// seed order (null: that trial is not complete yet; NaN: it is complete but has no finite value of the metric), and the
/// rounds already made. A round is due once every active
/// group has a value for every seed admitted so far, whatever order workers finished in; it ranks the active groups,
/// compares each with the best as the report does (t-tests, Holm, equivalence within the margin) at
/// <see cref="SeedsSpec.AlphaPerLook"/>, stops the groups that are different or equivalent, and gives the next seed to
/// those still undecided and to the best. Rounds are never undone: a stopped group keeps its seeds and its verdict.
/// A group with a complete trial without a value (the program does not log the metric, or logs NaN) cannot be ranked
/// and never will be: the round stops it with the verdict "no value: seed S is complete without a finite METRIC" and is
/// decided over the others (waiting for it would wait forever).
/// </summary>
public static class AdaptiveSeeds
{
    /// <summary>The seeds a group is admitted to after <paramref name="rounds"/>: start, plus one per round it continued in.</summary>
    public static int Admitted(string group, SeedsSpec spec, IReadOnlyList<SeedRound> rounds) =>
        SeedRound.Admitted(group, spec.Start, rounds);

    /// <summary>The groups still running: not stopped in any round, and every round so far continued them.</summary>
    public static List<string> Active(IEnumerable<string> groups, IReadOnlyList<SeedRound> rounds) =>
        groups.Where(g => rounds.All(r => r.Continue.Contains(g))).ToList();

    /// <summary>The round due now, or null: not all admitted trials are complete, or nothing is left to decide.</summary>
    public static SeedRound? Decide(SeedsSpec spec, IReadOnlyDictionary<string, IReadOnlyList<double?>> values, IReadOnlyList<SeedRound> rounds, bool higherIsBetter)
    {
        if (rounds.Count > 0 && rounds[^1].Continue.Count == 0) return null; // decided, or at the maximum
        var active = Active(values.Keys.Order(StringComparer.Ordinal), rounds);
        var seeds = spec.Start + rounds.Count;
        if (active.Count == 0 || active.Any(g => values[g].Count < seeds || values[g].Take(seeds).Any(v => v is null))) return null;
        var noValue = active.Where(g => values[g].Take(seeds).Any(v => double.IsNaN(v!.Value))).ToDictionary(g => g, g => NoValue(spec, values[g].Take(seeds).ToList().FindIndex(v => double.IsNaN(v!.Value))));
        active = active.Where(g => !noValue.ContainsKey(g)).ToList();
        if (active.Count == 0) return new SeedRound(rounds.Count + 1, seeds, "", noValue, []) { Max = spec.Max };
        var rows = active.Select(g => GroupRow.Of(g, values[g].Take(seeds).Select(v => v!.Value).ToList()))
            .OrderBy(r => (higherIsBetter ? -1 : 1) * r.Mean).ThenBy(r => r.Leaf, StringComparer.Ordinal).ToList();
        var best = rows[0];
        // One seed: nothing can be tested yet; every group goes on.
        var compared = seeds < 2 ? rows.Select(r => r with { Verdict = ReferenceEquals(r, best) ? null : "undecided" }).ToList()
            : Comparer.Section(rows, best, best, new StatisticsOptions(spec.AlphaPerLook, spec.Margin, Resamples: 0), higherIsBetter);
        var stopped = compared.Where(r => r.Verdict is "different" or "equivalent").ToDictionary(r => r.Leaf, r => r.Verdict!);
        foreach (var (group, verdict) in noValue) stopped[group] = verdict;
        var undecided = compared.Where(r => r.Verdict == "undecided").Select(r => r.Leaf).ToList();
        var next = undecided.Count == 0 || seeds >= spec.Max ? [] : undecided.Prepend(best.Leaf).ToList();
        return new SeedRound(rounds.Count + 1, seeds, best.Leaf, stopped, next) { Max = spec.Max };
    }

    /// <summary>
    /// What is said when the section's <c>seeds:</c> settings differ from those its last round was made under (null when
    /// they do not, or no round was made). Rounds made stay made and no stopped group returns; the next rounds are decided
    /// under the new settings. A section already decided stays decided: a max raised after it was decided at its maximum
    /// does not reopen it (no seed runs), and this says so rather than nothing.
    /// </summary>
    public static string? SettingsChange(SeedsSpec spec, SeedLog log)
    {
        if (log.Rounds.Count == 0 || log.LatestSettings is not { Length: > 0 } before || before == spec.Settings) return null;
        var last = log.Rounds[^1];
        var tail = last.Continue.Count > 0 ? "the rounds made stay made (no stopped group returns); the next rounds are decided under the new settings"
            : last.Max > 0 && spec.Max > last.Max ? $"the section was decided at max {last.Max}: a raised max does not reopen it (rounds are never undone), so no further seed runs"
            : "the section was decided: rounds are never undone, so nothing is decided again";
        return $"the seeds settings changed since the rounds were made (then: {before}; now: {spec.Settings}); {tail}";
    }

    // The verdict of a group whose i-th seed is complete without a finite value: which seed, which metric.
    private static string NoValue(SeedsSpec spec, int i) =>
        $"no value: seed {(i < spec.Seeds.Count ? spec.Seeds[i] : i)} is complete without a finite {spec.Metric}";
}
