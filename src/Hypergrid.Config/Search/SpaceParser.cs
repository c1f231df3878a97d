using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Search;

/// <summary>
/// Finds a leaf's ranges and choices among its merged entries and checks them: each mistake is an error at its cfg/
/// line naming the key and the fix. A range is a mapping of one key, the distribution's name. Pure.
/// </summary>
public static class SpaceParser
{
    /// <summary>The distributions a range may name.</summary>
    public static readonly IReadOnlyList<string> Distributions = ["uniform", "log_uniform", "int_uniform", "choice"];

    // Names other tools use: written here, they are a mistake to name rather than a mapping value to pass on.
    private static readonly string[] Foreign = ["loguniform", "randint", "normal", "lognormal", "categorical", "quniform", "qloguniform", "grid_search", "int", "float", "log"];

    /// <summary>Whether <paramref name="node"/> is written as a range (one key, a distribution's name).</summary>
    public static bool IsRange(CfgNode node) => node is CfgMap { Entries: [var only] } && Distributions.Contains(only.Key);

    /// <summary>
    /// The leaf's search space, or null when it has no range. <paramref name="method"/> is the leaf's search.method
    /// text (null without search); ranges need a proposing method, a proposing method needs a range.
    /// </summary>
    public static SearchSpace? Parse(IReadOnlyList<MergedEntry> entries, string mode, string? method, SourceMark methodMark, List<ConfigError> errors)
    {
        var proposing = ProposalSpec.MethodOf(method) is not null;
        var before = errors.Count;
        var parameters = new List<SpaceParameter>();
        var top = new List<SpaceParameter>();
        var leafKeys = entries.ToDictionary(e => e.Key, e => e.File);
        foreach (var e in entries)
        {
            if (e.Value is CfgList list)
                foreach (var item in list.Items.Where(IsRange)) errors.Add(Errors.RangeInAxis(item.Mark, e.Key));
            if (!IsRange(e.Value))
            {
                if (proposing && !HypergridKeys.All.Contains(e.Key) && Foreign1(e.Value) is { } name)
                    errors.Add(Errors.UnknownDistribution(e.Value.Mark, e.Key, name, Spelling.Nearest(name, Distributions, 3)));
                continue;
            }
            if (HypergridKeys.All.Contains(e.Key)) errors.Add(Errors.RangeOnHypergridKey(e.KeyMark, e.Key));
            else if (mode == Modes.Experiment) errors.Add(Errors.RangeInExperiment(e.KeyMark, e.Key));
            else if (method == "halving") errors.Add(Errors.RangeInGridSearch(e.KeyMark, e.Key));
            else if (!proposing && method is null) errors.Add(Errors.RangeWithoutSearch(e.KeyMark, e.Key));
            else if (!proposing) continue; // an unknown method: said once, at search.method
            else if (Parameter(e, e.Key, parameters, leafKeys, errors) is { } p) top.Add(p);
        }
        if (errors.Count > before) return null;
        if (top.Count == 0)
        {
            if (proposing && mode == Modes.Sweep) errors.Add(Errors.SearchWithoutRanges(methodMark, method!));
            return null;
        }
        if (ProposalSpec.MethodOf(method) == ProposalMethod.Sobol && parameters.Count > SobolDirections.MaxDimensions)
        {
            errors.Add(Errors.TooManySobolParameters(methodMark, parameters.Count, SobolDirections.MaxDimensions));
            return null;
        }
        return new SearchSpace(top, parameters.OrderBy(p => p.Index).ToList());
    }

    // The name of a one-key mapping that looks like a range of a distribution Hypergrid does not know, or null.
    private static string? Foreign1(CfgNode node) =>
        node is CfgMap { Entries: [var only] } && (Foreign.Contains(only.Key) || Spelling.Nearest(only.Key, Distributions, 2) is not null
            || only.Value is CfgList { Items: [CfgScalar { Number: not null }, CfgScalar { Number: not null }] })
            ? only.Key : null;

    private static SpaceParameter? Parameter(MergedEntry e, string path, List<SpaceParameter> all, Dictionary<string, string> leafKeys, List<ConfigError> errors)
    {
        var range = ((CfgMap)e.Value).Entries[0];
        var index = all.Count;
        if (range.Key == "choice") return Choice(e, path, range, all, leafKeys, errors);
        if (range.Value is not CfgList { Items: [var lowNode, var highNode] } ||
            lowNode is not CfgScalar { Number: { } low } lo || highNode is not CfgScalar { Number: { } high } hi ||
            !double.IsFinite(low) || !double.IsFinite(high))
        {
            errors.Add(Errors.RangeArity(range.KeyMark, path, range.Key, range.Value.Canonical));
            return null;
        }
        var kind = range.Key switch { "log_uniform" => RangeKind.LogUniform, "int_uniform" => RangeKind.IntUniform, _ => RangeKind.Uniform };
        if (kind == RangeKind.IntUniform && (lo.Integer is null || hi.Integer is null))
            errors.Add(Errors.IntRangeNotWhole(range.KeyMark, path, range.Value.Canonical));
        else if (kind == RangeKind.LogUniform && low <= 0) errors.Add(Errors.LogRangeNotPositive(range.KeyMark, path, lo.Text));
        else if (low >= high) errors.Add(Errors.RangeEmpty(range.KeyMark, path, range.Key, lo.Text, hi.Text));
        else
        {
            var p = new RangeParameter(e.Key, index, e, kind, low, high);
            all.Add(p);
            return p;
        }
        return null;
    }

    private static ChoiceParameter? Choice(MergedEntry e, string path, CfgEntry range, List<SpaceParameter> all, Dictionary<string, string> leafKeys, List<ConfigError> errors)
    {
        if (range.Value is not CfgMap { Entries.Count: > 0 } options)
        {
            errors.Add(Errors.ChoiceNotOptions(range.KeyMark, path, range.Value.Canonical));
            return null;
        }
        var before = errors.Count;
        var index = all.Count;
        all.Add(null!); // the choice's place comes before its options' parameters
        var parsed = new List<ChoiceOption>();
        foreach (var o in options.Entries)
        {
            var optionPath = $"{path}.{o.Key}";
            if (o.Value is CfgScalar { Kind: ScalarKind.Null })
            {
                parsed.Add(new ChoiceOption(o.Key, [], []));
                continue;
            }
            if (o.Value is not CfgMap keys)
            {
                errors.Add(Errors.OptionNotMapping(o.KeyMark, optionPath, o.Value.Canonical));
                continue;
            }
            var entries = new List<MergedEntry>();
            var nested = new List<SpaceParameter>();
            foreach (var k in keys.Entries)
            {
                var keyPath = $"{optionPath}.{k.Key}";
                var entry = new MergedEntry(k.Key, k.Value, e.File, k.KeyMark);
                if (HypergridKeys.All.Contains(k.Key)) errors.Add(Errors.RangeOnHypergridKey(k.KeyMark, keyPath));
                else if (leafKeys.TryGetValue(k.Key, out var file)) errors.Add(Errors.OptionKeyAlsoInLeaf(k.KeyMark, keyPath, file));
                else if (k.Value is CfgList { Items.Count: not 1 }) errors.Add(Errors.ListInOption(k.KeyMark, keyPath));
                else if (k.Value is CfgList { Items: [var one] }) entries.Add(entry with { Value = one });
                else if (IsRange(k.Value))
                {
                    entries.Add(entry);
                    if (Parameter(entry, keyPath, all, leafKeys, errors) is { } p) nested.Add(p);
                }
                else entries.Add(entry);
            }
            parsed.Add(new ChoiceOption(o.Key, entries, nested));
        }
        if (errors.Count > before) return null;
        var choice = new ChoiceParameter(e.Key, index, e, parsed);
        all[index] = choice;
        return choice;
    }
}
