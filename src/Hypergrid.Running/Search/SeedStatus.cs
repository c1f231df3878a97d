using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Tree;
using Hypergrid.Findings.Adaptive;
using Hypergrid.Trials.Search;

namespace Hypergrid.Running.Search;

/// <summary>What status says of the adaptive-seeds sections a selection touches: per group, waiting, stopped (why) or decided.</summary>
public static class SeedStatus
{
    /// <summary>"experiment/mnist: adaptive seeds (start 3, max 10), 2 round(s)" and a line per group of the section.</summary>
    public static IEnumerable<string> Lines(ExpandOptions options)
    {
        var plans = Expander.PlanAll(options.CfgDir, options.Filters ?? Filters.All, options.MaxTrials).Where(p => p.Seeds is not null).ToList();
        foreach (var dataset in plans.Select(p => p.Leaf.Dataset).Distinct().Order(StringComparer.Ordinal))
        {
            var section = Expander.PlanAll(options.CfgDir, new Filters([Modes.Experiment], [dataset]), options.MaxTrials).Where(p => p.Seeds is not null).ToList();
            var spec = section[0].Seeds!;
            var log = SeedDecisions.Read(SeedRounds.SectionDir(options.LogDir, dataset));
            var state = log.Rounds.Count > 0 && log.Rounds[^1].Continue.Count == 0 ? "decided" : "in progress";
            yield return $"{Modes.Experiment}/{dataset}: adaptive seeds (start {spec.Start}, max {spec.Max}, by {spec.Metric}): {log.Rounds.Count} round(s), {state}";
            foreach (var p in SeedProgress.Of(section.Select(p => p.Leaf.RelativePath), spec.Start, spec.Max, log.Rounds))
                yield return $"  {p.Group}: {p.Describe()}";
            foreach (var damage in log.Damage) yield return $"  {SeedDecisions.File}: {damage}";
            if (AdaptiveSeeds.SettingsChange(spec, log) is { } change) yield return $"  {SeedDecisions.File}: {change}";
        }
    }
}
