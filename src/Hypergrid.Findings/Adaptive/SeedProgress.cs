using System.Globalization;
using Hypergrid.Trials.Search;

namespace Hypergrid.Findings.Adaptive;

/// <summary>
/// Where a group of an adaptive-seeds section stands after the rounds made, as status, report and the page say it:
/// <see cref="State"/> is "waiting" (admitted to more seeds, trained in the next pass), "stopped" (with the verdict
/// and the round), "best" (the section is decided or at its maximum and this is its best), "at max" (still undecided
/// at the maximum) or "not compared" (a leaf added after the first round: it keeps the first seeds).
/// </summary>
public sealed record SeedProgress(string Group, int Seeds, string State, string? Verdict, int? Round)
{
    /// <summary>Every group's standing, in the order given.</summary>
    public static List<SeedProgress> Of(IEnumerable<string> groups, int start, int max, IReadOnlyList<SeedRound> rounds)
    {
        var last = rounds.Count > 0 ? rounds[^1] : null;
        return groups.Select(g =>
        {
            var seeds = Math.Min(max, SeedRound.Admitted(g, start, rounds));
            if (rounds.FirstOrDefault(r => r.Stopped.ContainsKey(g)) is { } stop) return new SeedProgress(g, seeds, "stopped", stop.Stopped[g], stop.Number);
            // In the rounds: continued by every round before the last, and by the last unless it ended the section.
            var before = rounds.Take(Math.Max(0, rounds.Count - 1)).All(r => r.Continue.Contains(g));
            if (before && (last is null || last.Continue.Contains(g))) return new SeedProgress(g, seeds, "waiting", null, null);
            if (before && last!.Continue.Count == 0) return new SeedProgress(g, seeds, last.Best == g ? "best" : "at max", last.Best == g ? null : "undecided", last.Number);
            return new SeedProgress(g, seeds, "not compared", null, null);
        }).ToList();
    }

    /// <summary>"stopped at 3 seeds: different from the best (round 1)", "waiting for seed 5", "best at 6 seeds (decided in round 4)".</summary>
    public string Describe() => State switch
    {
        "stopped" => string.Create(CultureInfo.InvariantCulture, $"stopped at {Seeds} seeds: {Verdict} (round {Round})"),
        "best" => string.Create(CultureInfo.InvariantCulture, $"best, {Seeds} seeds (decided in round {Round})"),
        "at max" => string.Create(CultureInfo.InvariantCulture, $"undecided at the maximum of {Seeds} seeds (round {Round})"),
        "not compared" => string.Create(CultureInfo.InvariantCulture, $"{Seeds} seeds, not compared (added after the first round)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"waiting: {Seeds} seeds admitted, the next round once all are complete"),
    };
}
