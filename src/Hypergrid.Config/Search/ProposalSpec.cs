using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Search;

/// <summary>
/// The proposing part of a leaf's <c>search:</c> mapping: <c>{method: random | sobol | tpe, trials: N, seed: S}</c>, and
/// for tpe <c>batch: k</c> (trials per round, each round proposed from complete earlier rounds only) and <c>startup</c>
/// (trials proposed at random before the model takes over), <c>multivariate: true</c> (see <see cref="Tpe"/>). <see cref="Metric"/>, <see cref="Goal"/> and
/// <see cref="Reduce"/> are the search's, as halving reads them (that parser reports their mistakes).
/// </summary>
public sealed record ProposalSpec(ProposalMethod Method, int Trials, long Seed, int Batch, int Startup, string Metric, string Goal, string Reduce)
{
    /// <summary>Optuna's <c>n_startup_trials</c> default: trials proposed at random before TPE's model.</summary>
    public const int DefaultStartup = 10;

    /// <summary>tpe: candidates drawn from the good trials' density per proposal (Optuna's <c>n_ei_candidates</c>).</summary>
    public int Candidates { get; init; } = Tpe.DefaultCandidates;

    /// <summary>tpe: the parameters active in every trial share one kernel per trial (Optuna's <c>multivariate=True</c>).</summary>
    public bool Multivariate { get; init; }

    /// <summary>
    /// tpe with rungs: the halving each round of trials gets on its own, as written ("rungs [1, 3], keep 0.5"); null
    /// without rungs. Part of the search's fingerprint: the rounds learn from the rungs' values.
    /// </summary>
    public string? Bracket { get; init; }

    /// <summary>The round (0: the startup) proposal <paramref name="index"/> belongs to: tpe with rungs halves each round on its own.</summary>
    public int RoundOf(int index) => index < SeedOnly ? 0 : 1 + (index - SeedOnly) / Batch;

    /// <summary>The most trials one search leaf may propose per grid point.</summary>
    public const int MaxTrials = 100_000;

    /// <summary>The method a <c>search.method</c> text names, or null (halving, a typo).</summary>
    public static ProposalMethod? MethodOf(string? text) => text switch
    {
        "random" => ProposalMethod.Random,
        "sobol" => ProposalMethod.Sobol,
        "tpe" => ProposalMethod.Tpe,
        _ => null,
    };

    /// <summary>How many trials are proposed from the seed alone: all of them for random and sobol, the startup ones for tpe.</summary>
    public int SeedOnly => Method == ProposalMethod.Tpe ? Math.Min(Trials, Startup) : Trials;

    /// <summary>The proposal indices of TPE round <paramref name="round"/> (round 0 is the startup).</summary>
    public (int From, int To) Round(int round) => round == 0 ? (0, SeedOnly) : (Math.Min(Trials, SeedOnly + (round - 1) * Batch), Math.Min(Trials, SeedOnly + round * Batch));

    /// <summary>Reads a search mapping whose method proposes; null (without errors) for any other, and null with errors for mistakes in its own keys.</summary>
    public static ProposalSpec? Parse(CfgNode? node, List<ConfigError> errors)
    {
        if (node is not CfgMap map || MethodOf((map["method"] as CfgScalar)?.Text) is not { } method) return null;
        var before = errors.Count;
        SourceMark At(string key) => map.Entries.FirstOrDefault(e => e.Key == key)?.KeyMark ?? map.Mark;
        long Whole(string key, long fallback, long min, long max, string hint)
        {
            if (map[key] is not { } n) return fallback;
            if (n is CfgScalar { Integer: { } v } && v >= min && v <= max) return v;
            errors.Add(Errors.BadSearchNumber(At(key), key, n.Canonical, hint));
            return fallback;
        }
        var trials = map["trials"] is null ? 0 : (int)Whole("trials", 0, 1, MaxTrials, $"write how many trials to propose, a whole number from 1 to {MaxTrials}, e.g. trials: 30");
        if (map["trials"] is null) errors.Add(Errors.SearchTrialsMissing(map.Mark, method.ToString().ToLowerInvariant()));
        var seed = Whole("seed", 0, 0, long.MaxValue, "write a non-negative whole number, e.g. seed: 0 (the same seed gives the same proposals)");
        var batch = (int)Whole("batch", 1, 1, MaxTrials, "write how many trials each round proposes, e.g. batch: 4 (about the number of workers)");
        var startup = (int)Whole("startup", DefaultStartup, 1, MaxTrials, $"write how many trials are proposed at random first, e.g. startup: {DefaultStartup}");
        var multivariate = false;
        if (map["multivariate"] is { } mv)
        {
            if ((mv as CfgScalar)?.Boolean is { } b) multivariate = b;
            else errors.Add(Errors.BadSearchNumber(At("multivariate"), "multivariate", mv.Canonical, "write multivariate: true (ranges share one kernel per trial) or multivariate: false (each on its own, the default)"));
        }
        if (method != ProposalMethod.Tpe)
            foreach (var key in new[] { "batch", "startup", "multivariate" }.Where(map.ContainsKey))
                errors.Add(Errors.SearchKeyForTpeOnly(At(key), key, method.ToString().ToLowerInvariant()));
        var bracket = method == ProposalMethod.Tpe && map.ContainsKey("rungs") ? TpeBrackets.Check(map, trials, startup, batch, At, errors) : null;
        var metric = map["metric"] is CfgScalar { Kind: ScalarKind.String } m ? m.Text : "val_acc";
        var goal = (map["goal"] as CfgScalar)?.Text ?? MetricName.DefaultGoal(metric);
        var reduce = (map["reduce"] as CfgScalar)?.Text ?? "final";
        return errors.Count > before ? null : new ProposalSpec(method, trials, seed, batch, startup, metric, goal, reduce) { Multivariate = multivariate, Bracket = bracket };
    }
}
