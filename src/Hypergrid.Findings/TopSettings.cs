using Hypergrid.Config;

namespace Hypergrid.Findings;

/// <summary>
/// The K best settings of one leaf's report section, each named by the keys that differ between them
/// (<see cref="SettingNames"/>). A setting is a config without its seed: groups that share it (other data or code) count
/// once, by their best. Ties rank the earlier trial first. Pure.
/// </summary>
public static class TopSettings
{
    // Report columns that name a group but are not keys of its config.
    private static readonly HashSet<string> NotKeys = ["mode", "dataset", "model", "trainer", "data", "code"];

    /// <summary>The <paramref name="k"/> best of <paramref name="groups"/> (one leaf's, any order) by <paramref name="goal"/>; too few is an error that says how many there are.</summary>
    public static IReadOnlyList<PromotedSetting> Of(IReadOnlyList<GroupRow> groups, string goal, int k, string leaf, string metric)
    {
        if (k < 1) throw new UsageException($"--top {k}: K must be at least 1, e.g. --top 3");
        var sign = goal == "max" ? -1 : 1;
        var settings = groups.OrderBy(g => sign * g.Mean).ThenBy(g => g.Trials.FirstOrDefault() ?? "", StringComparer.Ordinal)
            .DistinctBy(g => Reporter.Canonical(g.Config)).ToList();
        if (settings.Count < k)
            throw new UsageException($"--top {k}: {leaf} has {settings.Count} setting(s) with a complete, finished (not diverged) trial and a value for {metric}; "
                + $"use --top {settings.Count} or fewer, or train more of its trials first");
        var top = settings.Take(k).ToList();
        var fallback = groups.SelectMany(g => g.Values.Select(kv => kv.Key)).Distinct().Where(key => !NotKeys.Contains(key)).ToList();
        var labels = SettingNames.Of(top.Select(g => g.Config).ToList(), fallback);
        return top.Select((g, i) => new PromotedSetting(i + 1, g, labels[i])).ToList();
    }
}
