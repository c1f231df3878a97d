namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// What a figure's legend lists, in order, whatever draws it (<see cref="FigureLayout"/> for SVG and PDF, <see cref="PgfplotsWriter"/>
/// as pgfplots' legend entries): the title (what the names are values of), one entry per colour named by its first line
/// in the legend, then "train" (solid) and "val" (dashed) when both phases are drawn, then the note. A lone unnamed line
/// under no title is no entry, and without entries there is no title either.
/// </summary>
internal static class FigureLegend
{
    /// <summary>One entry: a colour's name and the line it is drawn as, or (colour and line null) the style of a phase.</summary>
    public sealed record Entry(string Name, int? Color, bool Dashed, FigureLine? Line);

    /// <summary>One thing the legend shows: the title or the note (no entry), or an entry.</summary>
    public sealed record Item(string Text, Entry? Entry);

    /// <summary>Whether both phases are drawn (solid train lines, dashed val lines): then one key says which is which.</summary>
    public static bool BothPhases(Figure f) => f.Lines.Any(l => l.Dashed) && f.Lines.Any(l => !l.Dashed && !l.Markers);

    /// <summary>The legend's entries: one per colour, then the phases' when both are drawn.</summary>
    public static List<Entry> Entries(Figure f)
    {
        var entries = f.Lines.Where(l => l.InLegend).GroupBy(l => l.Color)
            .Select(g => new Entry(g.First().Name, g.Key, g.First().Dashed && g.All(l => l.Dashed), g.First())).ToList();
        if (entries.Count == 1 && f.LegendTitle is null && entries[0].Name.Length == 0) entries.Clear();
        if (BothPhases(f))
        {
            for (var i = 0; i < entries.Count; i++) entries[i] = entries[i] with { Dashed = false };
            entries.Add(new Entry("train", null, false, null));
            entries.Add(new Entry("val", null, true, null));
        }
        return entries;
    }

    /// <summary>What the legend shows, in order: the title and <paramref name="entries"/> (when there are any), then the note.</summary>
    public static List<Item> Items(Figure f, List<Entry> entries) =>
        (entries.Count == 0 ? [] : (f.LegendTitle is { } t ? [new Item(t + ":", null)] : new List<Item>()).Concat(entries.Select(e => new Item(e.Name, e))))
            .Concat(f.Note is { } note ? [new Item(note, null)] : []).ToList();
}
