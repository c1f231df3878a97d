using System.Globalization;
using System.Text.Json.Nodes;
using Hypergrid.Findings;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// One series of the Results chart by an x key: the groups that share everything but that key (their leaf and every
/// other key's value, so one legend name), by x. Groups: their indices in the section's groups, by x. Color: the
/// series' colour slot (its rank), or null when each point keeps its group's colour (each series a single point, or a
/// single series: the groups differ by x alone, and a colour per group agrees with the table and the curves). Joined:
/// its points are joined by a line (a numeric x, a series coloured as one, two points or more). Dodge: how many steps
/// the series is moved sideways so series at one x do not draw over each other (0: none shares an x); the figure
/// (<see cref="FigureLayout.DodgeStep"/>) and the page (GET /api/report's series) turn steps into a distance.
/// </summary>
public sealed record ResultsSeries(LegendName Name, IReadOnlyList<int> Groups, int? Color, bool Joined, double Dodge)
{
    /// <summary>
    /// The series of a section's groups by this x key (null: no key, each group its own category), ranked by their
    /// values (the other keys in the section's order, numbers numerically, then the leaf): the order of the legend and
    /// of the colour slots. Only the groups a figure of that key draws are in a series (a numeric key: those with a value).
    /// </summary>
    public static List<ResultsSeries> Of(IReadOnlyList<GroupRow> groups, IReadOnlyList<string> keys, string? xKey)
    {
        var (drawn, byNumber) = ResultsFigure.Drawn(groups, xKey);
        var at = new Dictionary<GroupRow, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < groups.Count; i++) at.TryAdd(groups[i], i);
        var names = ResultsFigure.NameParts(drawn, keys, xKey).Names;
        var others = ResultsFigure.SeriesKeys(drawn, keys, xKey);
        // Each distinct (leaf, other keys' values) once, by its first group, as the legend names them.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var members = new List<List<int>>();
        var firsts = new List<int>();
        for (var i = 0; i < drawn.Count; i++)
        {
            var id = drawn[i].Leaf + "\n" + string.Join("\n", others.Select(k => drawn[i].Values[k]?.ToJsonString() ?? "\u0000"));
            if (!index.TryGetValue(id, out var s)) { index[id] = s = members.Count; members.Add([]); firsts.Add(i); }
            members[s].Add(i);
        }
        var ranked = Enumerable.Range(0, members.Count).ToList();
        ranked.Sort((a, b) => Compare(drawn[firsts[a]], drawn[firsts[b]], others) is var c && c != 0 ? c : a.CompareTo(b));
        double? X(GroupRow g) => byNumber ? SeedGroups.Number(g.Values[xKey!]) : null;
        string Place(int i) => byNumber ? X(drawn[i])!.Value.ToString("R", CultureInfo.InvariantCulture)
            : xKey is not null && drawn[i].Values[xKey] is { } v ? SeedGroups.Text(v) : drawn[i].Leaf + "\n" + names[i].Text;
        // By series (a colour each) when there are several and one has two points or more; else each point its group's.
        var bySeries = members.Count > 1 && members.Any(m => m.Count > 1);
        // Series that share an x with another are dodged, by their rank among those, centred on the x.
        var places = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        for (var s = 0; s < members.Count; s++)
            foreach (var i in members[s])
                (places.TryGetValue(Place(i), out var set) ? set : places[Place(i)] = []).Add(s);
        var sharing = ranked.Where(s => members[s].Any(i => places[Place(i)].Count > 1)).ToList();
        var rankOf = new Dictionary<int, int>();
        for (var r = 0; r < sharing.Count; r++) rankOf[sharing[r]] = r;
        var series = new List<ResultsSeries>();
        foreach (var s in ranked)
        {
            var byX = members[s].OrderBy(i => X(drawn[i]) ?? 0).ThenBy(i => i).Select(i => at[drawn[i]]).ToList();
            var dodge = rankOf.TryGetValue(s, out var r) ? r - (sharing.Count - 1) / 2.0 : 0;
            series.Add(new ResultsSeries(names[firsts[s]], byX, bySeries ? series.Count : null, bySeries && byNumber && byX.Count > 1, dodge));
        }
        return series;
    }

    /// <summary>Two groups by the other keys' values in order (missing first, numbers numerically, else text), then their leaves.</summary>
    private static int Compare(GroupRow a, GroupRow b, IReadOnlyList<string> keys)
    {
        foreach (var k in keys)
        {
            var (x, y) = (a.Values[k], b.Values[k]);
            var c = (x, y) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                _ when SeedGroups.Number(x) is { } m && SeedGroups.Number(y) is { } n => m.CompareTo(n),
                _ when SeedGroups.Number(x) is not null => -1,
                _ when SeedGroups.Number(y) is not null => 1,
                _ => string.CompareOrdinal(SeedGroups.Text(x), SeedGroups.Text(y)),
            };
            if (c != 0) return c;
        }
        return string.CompareOrdinal(a.Leaf, b.Leaf);
    }
}
