using Hypergrid.Config;

namespace Hypergrid.Findings;

/// <summary>
/// What a report compares: which leaves, which metric (a phase and an epoch-log column, e.g. val_acc), whether higher
/// is better, and how a trial's epochs become one number: the final epoch, the best one, or the epoch where another
/// metric is best. A baseline names the group the others are tested against (default: the best group).
/// </summary>
public sealed record ReportOptions(Filters Filters, string Metric = "val_acc", string? Goal = null, string Reduce = "final", string? AtBest = null, string? Baseline = null)
{
    public static readonly string[] Goals = ["max", "min"];

    /// <summary>What a section compares: dataset (one per mode and dataset, the default), leaf, mode (datasets of a mode together), all.</summary>
    public static readonly string[] Scopes = ["dataset", "leaf", "mode", "all"];

    public string Scope { get; init; } = "dataset";

    /// <summary>The level, equivalence margin, power and resampling of the tests.</summary>
    public StatisticsOptions Statistics { get; init; } = new();

    /// <summary>Count trials paused at a search rung with the epochs they trained (left out, and counted, by default).</summary>
    public bool IncludePaused { get; init; }

    /// <summary>Trials to take beyond the filters (the page's selection); null: every trial the filters match.</summary>
    public Func<Hypergrid.Trials.TrialId, bool>? Only { get; init; }
    public static readonly string[] Reducers = ["final", "best"];

    /// <summary>max for names ending in acc, else min.</summary>
    public static string DefaultGoal(string metric) => MetricName.DefaultGoal(metric);

    /// <summary>What knows the trials' defaults (the registries), so that a default written out makes no result stale; null: values as written.</summary>
    public Hypergrid.Config.Expansion.IConfigSchema? Schema { get; init; }

    /// <summary>
    /// What each trial's config in the cfg/ tree hashes to now, when the tree exists (as <c>status</c> reads it: a result
    /// whose config there changed since it ran is stale even before 'expand'); null for a trial the tree does not plan,
    /// whose cfg.yaml in out/log then decides.
    /// </summary>
    public Func<Hypergrid.Trials.TrialId, Func<Hypergrid.Trials.RunRecord?, string?>?>? Current { get; init; }

    /// <summary>
    /// Read unchanged trials from out/log/.report-cache (each file checked by one statx) and keep what was read there;
    /// false reads every file (the cache's tests compare the two).
    /// </summary>
    public bool Cache { get; init; } = true;

    public string GoalOf(string metric) => metric == Metric ? Goal ?? DefaultGoal(metric) : DefaultGoal(metric);
}
