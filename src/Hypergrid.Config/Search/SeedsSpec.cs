using System.Globalization;
using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Search;

/// <summary>
/// An experiment's adaptive seeds, <c>seeds: {start: 3, max: 10, until: decided, equivalence: 0.005}</c>: every group
/// (an experiment leaf of the section) starts with the first <see cref="Start"/> seeds; each round gives the next seed
/// only to the groups whose comparison with the best is still undecided (and to the best while any is), up to
/// <see cref="Max"/>. <see cref="Margin"/> (<c>equivalence:</c>, the metric's units) lets a group stop as equivalent;
/// without it only a clear difference stops one. <see cref="Metric"/>, <see cref="Goal"/> and <see cref="Reduce"/> read
/// each trial's epoch log as <c>report</c> does; <see cref="Seeds"/> are the seed values in the order they are given.
/// </summary>
public sealed record SeedsSpec(int Start, int Max, double? Margin = null, double Alpha = 0.05)
{
    public const string Key = "seeds";

    private static readonly string[] Keys = ["start", "max", "until", "metric", "goal", "reduce", "equivalence", "alpha"];

    public string Metric { get; init; } = "val_acc";
    public string Goal { get; init; } = "max";
    public string Reduce { get; init; } = "final";

    /// <summary>The seed values, seed i of every group being <c>Seeds[i]</c> (<see cref="Max"/> of them).</summary>
    public IReadOnlyList<long> Seeds { get; init; } = [];

    /// <summary>How many times the groups can be looked at: once per round, start to max.</summary>
    public int Looks => Max - Start + 1;

    /// <summary>
    /// The level of each look: α split evenly over the looks (Bonferroni over rounds), so that stopping at whichever round
    /// first decides does not make a difference more likely to be called than a fixed design at α.
    /// </summary>
    public double AlphaPerLook => Alpha / Looks;

    /// <summary>What the rounds are decided under, as each round's line records it: a later change is said, and rounds made stay made.</summary>
    public string Settings => string.Create(CultureInfo.InvariantCulture,
        $"start {Start}, max {Max}, metric {Metric}, goal {Goal}, reduce {Reduce}, equivalence {(Margin is { } m ? m.ToString("R", CultureInfo.InvariantCulture) : "none")}, alpha {Alpha:R}, seeds [{string.Join(", ", Seeds)}]");

    /// <summary>
    /// Reads a leaf's <c>seeds:</c> mapping beside its <c>seed</c> (a list: the seeds in order, at least <c>max</c> of them,
    /// max defaulting to its length; a whole number s: seeds s, s + 1, …). Every mistake is an error at its cfg/ line. Null
    /// when there is no seeds key or it has errors.
    /// </summary>
    public static SeedsSpec? Parse(CfgNode? node, CfgNode? seed, string mode, List<ConfigError> errors)
    {
        if (node is null or CfgScalar { Kind: ScalarKind.Null }) return null;
        var before = errors.Count;
        void Bad(SourceMark at, string key, string problem, string hint) => errors.Add(new ConfigError(at, key, problem, hint));
        const string Example = "write e.g. seeds: {start: 3, max: 10, until: decided, equivalence: 0.005}";
        if (mode != Modes.Experiment)
        {
            Bad(node.Mark, Key, "is set in sweep mode, where a trial has one seed", "set seeds: in an experiment leaf (or a parent of experiment leaves only); a sweep explores settings, an experiment confirms them over seeds");
            return null;
        }
        if (node is not CfgMap map)
        {
            Bad(node.Mark, Key, $"is {node.Canonical}, not a mapping", $"{Example}; a fixed list of seeds is written seed: [0, 1, 2, 3, 4]");
            return null;
        }
        foreach (var e in map.Entries.Where(e => !Keys.Contains(e.Key)))
            Bad(e.KeyMark, $"seeds.{e.Key}", "is not a seeds setting", $"use: {string.Join(", ", Keys)}");
        SourceMark At(string key) => map.Entries.FirstOrDefault(e => e.Key == key)?.KeyMark ?? map.Mark;

        var values = seed switch
        {
            CfgList list => list.Items.Select(i => (i as CfgScalar)?.Integer ?? -1).ToList(), // each item checked as a seed elsewhere
            _ => (List<long>?)null,
        };
        long? Whole(string key, string hint)
        {
            if (map[key] is not { } n) return null;
            if (n is CfgScalar { Integer: { } v } && v >= 1 && v <= 1000) return v;
            Bad(At(key), $"seeds.{key}", $"is {n.Canonical}, not a whole number of seeds from 1 to 1000", hint);
            return null;
        }
        var start = Whole("start", Example);
        var max = Whole("max", Example + " (max: the most seeds any group gets)");
        if (map["start"] is null) Bad(map.Mark, "seeds.start", "is missing", Example + " (start: the seeds every group gets first)");
        if (map["max"] is null && values is null) Bad(map.Mark, "seeds.max", "is missing", Example + " (or list the seeds: seed: [0, 1, …], max defaulting to its length)");
        max ??= values?.Count;
        if (start is { } a && max is { } b && a > b)
            Bad(At("start"), "seeds.start", $"is {a}, more than max {b}", $"make start at most max (start: {b} runs every group on {b} seeds: a fixed design)");
        if (values is not null && max is { } m && m > values.Count)
            Bad(At("max"), "seeds.max", $"is {m}, but seed lists {values.Count} seed(s)", $"list at least {m} seeds, or write seed: 0 (seeds 0, 1, … counted from it)");

        if (map["until"] is { } until && (until as CfgScalar)?.Text != "decided")
            Bad(At("until"), "seeds.until", $"is {until.Canonical}", "write until: decided (seeds stop where the comparison with the best is decided, or at max)");

        var (metric, goal, reduce) = MetricSetting.Read(map, Key, "write reduce: final (the last epoch) or reduce: best (the best epoch)", errors);

        double? margin = null;
        if (map["equivalence"] is { } en)
        {
            if (en is CfgScalar { Number: { } d } && d > 0 && double.IsFinite(d)) margin = d;
            else Bad(At("equivalence"), "seeds.equivalence", $"is {en.Canonical}, not a positive number", "write the margin in the metric's units, e.g. equivalence: 0.005 (a group within ±0.005 of the best stops as equivalent)");
        }
        var alpha = 0.05;
        if (map["alpha"] is { } an)
        {
            if (an is CfgScalar { Number: { } p } && p > 0 && p < 1) alpha = p;
            else Bad(At("alpha"), "seeds.alpha", $"is {an.Canonical}, not a level between 0 and 1", "write e.g. alpha: 0.05 (the level of the whole design; each round is tested at alpha over the number of rounds)");
        }
        if (errors.Count > before || start is null || max is null) return null;
        var first = (seed as CfgScalar)?.Integer ?? 0;
        var seeds = values is null ? Enumerable.Range(0, (int)max).Select(i => first + i).ToList() : values.Take((int)max).ToList();
        return new SeedsSpec((int)start, (int)max, margin, alpha) { Metric = metric, Goal = goal, Reduce = reduce, Seeds = seeds };
    }
}
