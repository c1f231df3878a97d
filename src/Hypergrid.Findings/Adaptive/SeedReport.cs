using System.Globalization;
using Hypergrid.Trials.Search;

namespace Hypergrid.Findings.Adaptive;

/// <summary>
/// A report section of experiment leaves whose dataset has adaptive-seed rounds (<see cref="SeedDecisions"/>), with
/// each group's standing and one line that says the seeds spent against a fixed design of max seeds per group, the
/// rounds, and why each group stopped. The verdicts of the table are the report's (all seeds, at α); the line's are
/// the rounds' (each at α over the number of looks), which is why a group stopped.
/// </summary>
public static class SeedReport
{
    public static ReportSection Annotate(ReportSection section, string logRoot)
    {
        if (section.Mode != "experiment" || section.Dataset is not { } dataset) return section;
        var log = SeedDecisions.Read(Path.Combine(logRoot, "experiment", dataset));
        if (log.Rounds.Count == 0) return section;
        var inRounds = log.Rounds[0].Continue.Concat(log.Rounds[0].Stopped.Keys).Append(log.Rounds[0].Best).ToHashSet();
        var leaves = section.Groups.Select(g => g.Leaf).Where(inRounds.Contains).Distinct().ToList();
        if (leaves.Count == 0) return section;
        var max = log.Rounds.Max(r => r.Max);
        var progress = SeedProgress.Of(leaves, log.Rounds[0].Seeds, max > 0 ? max : int.MaxValue, log.Rounds).ToDictionary(p => p.Group);
        var spent = progress.Values.Sum(p => p.Seeds);
        var state = log.Rounds[^1].Continue.Count == 0 ? "decided" : "in progress";
        var fixedDesign = max > 0 ? string.Create(CultureInfo.InvariantCulture, $" against a fixed {max} for each of {leaves.Count} groups ({max * leaves.Count})") : "";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"Adaptive seeds ({log.Rounds.Count} round(s), {state}): {spent} seeds spent{fixedDesign}; ")
            + string.Join("; ", leaves.Select(l => $"{l}: {progress[l].Describe()}")) + ".";
        return section with
        {
            Groups = section.Groups.Select(g => progress.TryGetValue(g.Leaf, out var p) ? g with { Adaptive = p } : g).ToList(),
            AdaptiveSeeds = line,
        };
    }
}
