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
        if (picked.Count == 0)
            throw FigureErrors.NoTrials(string.Join(" ", new[] { filters.ToString() }.Concat(where.Select(w => "--where " + Visible.Short(w)))));
        return picked;
    }

    private static UsageException BadWhere(string text) =>
        new($"--where {Visible.Short(text)} is not key=value; write e.g. --where lr=0.001 (repeat it for more keys)");
}
