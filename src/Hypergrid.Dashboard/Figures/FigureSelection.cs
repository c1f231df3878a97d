using Hypergrid.Config;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// Which trials `hypergrid plot` draws: those of the leaves the filters take, whose config has every key=value asked
/// for (values written as the page writes them), and, when trials are named, only those. None is a usage error.
/// </summary>
public static class FigureSelection
{
    public static List<FigureTrial> Select(IReadOnlyList<FigureTrial> all, Filters filters, IReadOnlyList<string> where, IReadOnlyList<string> named)
    {
        var wanted = where.Select(w => w.Split('=', 2) is [var k, var v] && k.Length > 0 ? (Key: k.Trim(), Value: v.Trim()) : throw BadWhere(w)).ToList();
        var names = named.Select(n => n.Trim('/')).ToHashSet(StringComparer.Ordinal);
        var unknown = names.Where(n => all.All(t => t.Path != n)).ToList();
        if (unknown.Count > 0) throw FigureErrors.NoTrials($"--trial {Visible.Short(unknown[0])}");
        var picked = all.Where(t =>
        {
            var p = t.Path.Split('/');
            return filters.Matches(p[0], p[1], p[2], p[3])
                && (names.Count == 0 || names.Contains(t.Path))
                && wanted.All(w => t.Config?[w.Key] is { } v && SeedGroups.Text(v) == w.Value);
        }).ToList();
        if (picked.Count == 0) throw NoneMatch(all, filters, names, wanted);
        return picked;
    }

    /// <summary>
    /// Why nothing was picked: the first key=value that leaves no trial, with the values its key has in the trials the
    /// filters (and the key=values before it) took, so the user sees what it was matched against; else the filters.
    /// </summary>
    private static UsageException NoneMatch(IReadOnlyList<FigureTrial> all, Filters filters, HashSet<string> names, List<(string Key, string Value)> wanted)
    {
        var left = all.Where(t => t.Path.Split('/') is var p && filters.Matches(p[0], p[1], p[2], p[3]) && (names.Count == 0 || names.Contains(t.Path))).ToList();
        if (left.Count == 0 && Level(all, filters) is { } level) return level;
        if (left.Count == 0 || wanted.Count == 0)
            return FigureErrors.NoTrials(string.Join(" ", new[] { filters.ToString() }.Concat(wanted.Select(w => $"--where {Visible.Short(w.Key)}={Visible.Short(w.Value)}"))));
        var scope = new List<string>();
        if (filters.ToString() is var f && f != "(no filter)") scope.Add(f);
        for (var i = 0; ; i++)
        {
            var (key, value) = wanted[i];
            var next = left.Where(t => t.Config?[key] is { } v && SeedGroups.Text(v) == value).ToList();
            if (next.Count > 0) { left = next; scope.Add((scope.Count > 0 && i > 0 ? "and " : "with ") + $"{key}={value}"); continue; }
            var where = scope.Count == 0 ? "" : " of " + string.Join(" ", scope);
            var values = left.Select(t => t.Config?[key]).OfType<System.Text.Json.Nodes.JsonNode>().Select(SeedGroups.Text).Distinct().ToList();
            if (values.Count == 0)
                return FigureErrors.NoSuchKey(where, key, left.SelectMany(t => t.Config?.Select(kv => kv.Key) ?? []).Distinct().Order(StringComparer.Ordinal));
            var numbers = values.All(v => double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out _));
            var ordered = numbers ? values.OrderBy(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToList() : values.Order(StringComparer.Ordinal).ToList();
            return FigureErrors.NoSuchValue(where, key, value, ordered);
        }
    }

    /// <summary>
    /// The first of --mode, --dataset, --model, --trainer that leaves no trial of those the filters before it took,
    /// with the values that level has there (audit 5: "--mode nope" listed no mode); null when each matches some.
    /// </summary>
    private static UsageException? Level(IReadOnlyList<FigureTrial> all, Filters filters)
    {
        var levels = new[] { ("mode", filters.Modes), ("dataset", filters.Datasets), ("model", filters.Models), ("trainer", filters.Trainers) };
        var left = all.Select(t => (Trial: t, Parts: t.Path.Split('/'))).ToList();
        var scope = new List<string>();
        for (var i = 0; i < levels.Length; i++)
        {
            var (name, set) = levels[i];
            if (set is not { Count: > 0 }) continue;
            var next = left.Where(t => set.Contains(t.Parts[i])).ToList();
            if (next.Count == 0)
            {
                var there = left.Select(t => t.Parts[i]).Distinct().Order(StringComparer.Ordinal).Select(Visible.Short).ToList();
                if (there.Count == 0) return null;
                var list = there.Count == 1 ? there[0] : string.Join(", ", there.Take(12).SkipLast(there.Count > 12 ? 0 : 1)) + (there.Count > 12 ? $" and {there.Count - 12} more" : $" or {there[^1]}");
                var of = scope.Count == 0 ? "" : " of " + string.Join(" ", scope);
                return new($"no trial{of} matches --{name} {Visible.Short(string.Join(",", set))}; the {name}s with trials{(scope.Count > 0 ? " there" : "")} are {list} (e.g. --{name} {there[0]})");
            }
            left = next;
            scope.Add($"--{name} {string.Join(",", set)}");
        }
        return null;
    }

    private static UsageException BadWhere(string text) =>
        new($"--where {Visible.Short(text)} is not key=value; write e.g. --where lr=0.001 (repeat it for more keys)");
}
