using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Trials;

namespace Hypergrid.Running;

/// <summary>
/// What each planned trial's config in the cfg/ tree hashes to now: the one judgement of staleness that <c>status</c>,
/// <c>run</c> and <c>report</c> share, so a cfg/ edit not yet expanded makes the same results stale for all of them.
/// </summary>
public static class CurrentHashes
{
    /// <summary>
    /// The hash function per trial the tree plans (a dry run: nothing is written), or null when there is no tree to read,
    /// no leaf matches or the tree has mistakes (then <paramref name="why"/> says which; out/log's cfg.yaml files decide).
    /// </summary>
    public static Func<TrialId, Func<RunRecord?, string?>?>? Of(ExpandOptions options, out string? why)
    {
        why = null;
        if (!Directory.Exists(options.CfgDir)) return null;
        try
        {
            var byId = Expander.Expand(options with { DryRun = true, Schema = Trainers.TrainerBackends.Schema })
                .SelectMany(l => l.Trials).ToDictionary(t => t.Id, t => ResultHash.Current(t.Config, Trainers.TrainerBackends.Schema));
            return id => byId.GetValueOrDefault(id);
        }
        catch (ConfigException ex)
        {
            if (!ex.Errors.All(Errors.IsNoLeaf)) why = $"{options.CfgDir} has {ex.Errors.Count} mistake(s) ('hypergrid expand' names them)";
            return null;
        }
    }
}
