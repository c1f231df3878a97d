using System.Globalization;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Search;

/// <summary>
/// A sweep leaf's <c>search:</c> mapping: successive halving over its grid. Every trial trains to the first rung
/// (epochs); the best <see cref="Keep"/> fraction (at least one) of those at a rung goes on to the next rung, and the best
/// of the last rung train to the trials' epochs. <see cref="Metric"/>, <see cref="Goal"/> and <see cref="Reduce"/> read
/// the epoch log as <c>report</c> does. Synchronous by default (a rung is decided once every trial reached it: the same
/// tree gives the same decisions); <see cref="Async"/> promotes as soon as a trial is in the top fraction of those that
/// reached the rung so far (ASHA).
/// </summary>
public sealed record SearchSpec(string Metric, string Goal, string Reduce, IReadOnlyList<int> Rungs, double Keep, bool Async)
{
    public const string Key = "search";

    /// <summary>The method's name in <see cref="SearchMethods"/> (halving when a proposing method's trials are halved).</summary>
    public string Method { get; init; } = Halving.Name;

    /// <summary>
    /// Halving inside tpe's rounds: each round is halved over its own trials, so its decisions are made where the rounds
    /// are known (with the proposals, <see cref="TpeMethod"/>), not from the leaf's trial folders alone.
    /// </summary>
    public bool InRounds { get; init; }

    private static readonly string[] Keys = ["method", "metric", "goal", "reduce", "rungs", "keep", "async", "trials", "seed", "batch", "startup", "multivariate"];

    /// <summary>How many of <paramref name="n"/> trials at a rung go on: the keep fraction, at least one.</summary>
    public int Kept(int n) => Math.Max(1, (int)Math.Floor(Keep * n + 1e-9));

    /// <summary>The epoch a trial promoted at rung <paramref name="rung"/> trains to: the next rung's, or all of them.</summary>
    public int NextEpoch(int rung, int epochs) => rung + 1 < Rungs.Count ? Rungs[rung + 1] : epochs;

    /// <summary>
    /// Reads a search mapping; every mistake is an error at its cfg/ line. <paramref name="epochs"/> is the trials'
    /// epochs when known (rungs must end before it). Null when there is no search key or it has errors.
    /// </summary>
    public static SearchSpec? Parse(CfgNode? node, string mode, long? epochs, List<ConfigError> errors)
    {
        if (node is null or CfgScalar { Kind: ScalarKind.Null }) return null;
        var before = errors.Count;
        void Bad(SourceMark at, string key, string problem, string hint) => errors.Add(new ConfigError(at, key, problem, hint));
        if (mode != "sweep")
        {
            Bad(node.Mark, Key, "is set in experiment mode, where every trial trains to the end", "set search: in a sweep leaf (or a parent of sweep leaves only)");
            return null;
        }
        if (node is not CfgMap map)
        {
            Bad(node.Mark, Key, $"is {node.Canonical}, not a mapping", "write e.g. search: {method: halving, metric: val_acc, rungs: [1, 3], keep: 0.34}");
            return null;
        }
        foreach (var e in map.Entries.Where(e => !Keys.Contains(e.Key)))
            Bad(e.KeyMark, $"search.{e.Key}", "is not a search setting", $"use: {string.Join(", ", Keys)}");
        CfgScalar? Scalar(string key) => map[key] as CfgScalar;
        SourceMark At(string key) => map.Entries.FirstOrDefault(e => e.Key == key)?.KeyMark ?? map.Mark;

        var method = Scalar("method")?.Text;
        // A proposing method (random, sobol, tpe) makes the trials; with rungs, halving decides over them.
        var proposing = ProposalSpec.MethodOf(method) is not null;
        if (method is null || !SearchMethods.Names.Contains(method) && !proposing)
        {
            Bad(At("method"), "search.method", method is null ? "is missing" : $"is '{method}', not a known method",
                $"write method: one of {string.Join(", ", SearchMethods.Names)} (over the grid's lists), or random, sobol or tpe (over ranges; with rungs, halving over their trials)");
            return null; // the rest depends on the method
        }

        var (metric, goal, reduce) = MetricSetting.Read(map, Key, "write reduce: final (the rung's epoch) or reduce: best (the best epoch up to it)", errors);

        var rungs = new List<int>();
        // A proposing method halves only when given rungs.
        if (proposing && map["rungs"] is null) return null;
        if (map["rungs"] is not CfgList list || list.Items.Count == 0)
            Bad(At("rungs"), "search.rungs", map["rungs"] is { } r ? $"is {r.Canonical}, not a list of epochs" : "is missing", "write e.g. rungs: [1, 3] (the epochs at which trials are compared)");
        else
            foreach (var item in list.Items)
            {
                if (item is not CfgScalar { Integer: { } v } || v < 1 || v > int.MaxValue)
                    Bad(item.Mark, "search.rungs", $"has {item.Canonical}, not a positive whole number of epochs", "write epochs such as rungs: [1, 3]");
                else if (rungs.Count > 0 && v <= rungs[^1])
                    Bad(item.Mark, "search.rungs", $"has {v} after {rungs[^1]}", "list the rungs in increasing order, each once");
                else rungs.Add((int)v);
            }
        if (epochs is { } total && rungs.Count > 0 && rungs[^1] >= total)
            Bad(At("rungs"), "search.rungs", $"ends at epoch {rungs[^1]}, but the trials train {total} epochs", $"make every rung less than {total} (the last rung's best train on to epoch {total})");

        var keepNode = Scalar("keep");
        var keep = keepNode?.Number ?? 1.0 / 3;
        if (map["keep"] is { } kn && (keepNode?.Number is not { } k || !(k > 0 && k < 1)))
            Bad(At("keep"), "search.keep", $"is {kn.Canonical}", "write a fraction between 0 and 1, e.g. keep: 0.34 (at least one trial always goes on)");

        var asyncNode = map["async"];
        var isAsync = (asyncNode as CfgScalar)?.Boolean ?? false;
        if (asyncNode is not null && (asyncNode as CfgScalar)?.Boolean is null) Bad(At("async"), "search.async", $"is {asyncNode.Canonical}", "write async: true or async: false");

        return errors.Count > before ? null : new SearchSpec(metric, goal, reduce, rungs, keep, isAsync) { Method = proposing ? Halving.Name : method, InRounds = method == "tpe" };
    }

    /// <summary>The spec as a reader writes it: halving val_acc (max, final) at epochs 1, 3, keep 0.34.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"halving {Metric} ({Goal}, {Reduce}) at epochs {string.Join(", ", Rungs)}, keep {Keep:0.###}{(Async ? ", asynchronous" : "")}");
}
