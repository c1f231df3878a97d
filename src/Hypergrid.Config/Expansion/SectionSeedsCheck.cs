using Hypergrid.Config.Search;

namespace Hypergrid.Config.Expansion;

/// <summary>
/// The experiment leaves of one dataset with adaptive seeds are compared in the same rounds, so they must ask for the
/// same rounds: one <c>seeds:</c> setting per section (written once in the dataset's cfg.yaml, or the same in each leaf).
/// </summary>
public static class SectionSeedsCheck
{
    /// <summary>An error at the seeds key of every leaf whose setting differs from its section's first leaf's.</summary>
    public static void Check(IEnumerable<LeafPlan> plans, List<ConfigError> errors)
    {
        foreach (var section in plans.Where(p => p.Seeds is not null).GroupBy(p => p.Leaf.Dataset))
        {
            var first = section.First();
            foreach (var other in section.Skip(1).Where(p => p.Seeds!.Settings != first.Seeds!.Settings))
            {
                var entry = other.Entries.First(e => e.Key == SeedsSpec.Key);
                errors.Add(new ConfigError(entry.KeyMark, SeedsSpec.Key,
                    $"differs from {first.Leaf.RelativePath}'s ({first.Seeds!.Settings}; here: {other.Seeds!.Settings}), but the experiment leaves of dataset '{first.Leaf.Dataset}' are compared in the same rounds",
                    $"write seeds: once in cfg/experiment/{first.Leaf.Dataset}/cfg.yaml, or the same in every experiment leaf of '{first.Leaf.Dataset}'"));
            }
        }
    }
}
