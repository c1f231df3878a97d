namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// What a figure's legend lists, in order, whatever draws it: <see cref="FigureLayout.Plan"/> flows these items for
/// the SVG and PDF, and <see cref="PgfplotsWriter"/> sets the same rows as TikZ nodes.
/// </summary>
public static class FigureLegend
{
    /// <summary>
    /// The legend's items in order: its title, one entry per colour (named by the keys that differ), a train/val key when
    /// both phases are drawn (solid is train, dashed is val, for every colour), and the figure's note. A lone unnamed
    /// line under no title is no entry, and without entries there is no title either.
    /// </summary>
    public static List<LegendItem> Items(Figure f)
    {
        // Points (a Results chart): one item per name, a dot of each colour that has it, in the order first drawn.
        if (f.Lines.Count > 0 && f.Lines.All(l => l.Markers))
        {
            var named = f.Lines.Where(l => l.InLegend && l.Name.Length > 0).GroupBy(l => l.Name)
                .Select(g => new LegendItem(g.Key, true) { Dots = g.Select(l => l.Color).Distinct().ToList() }).ToList();
            var points = named.Count > 0 && f.LegendTitle is { } pt ? [new LegendItem(pt + ":", false)] : new List<LegendItem>();
            points.AddRange(named);
            if (f.Note is { } pn) points.Add(new LegendItem(pn, false));
            return points;
        }
        // A colour whose lines are all only marks shows a mark; the train/val key does when its phase's lines are.
        var marksOnly = f.Lines.Where(l => !l.Markers).ToDictionary(l => l, l => PointMarks.OnlyMarks(l, f));
        var entries = f.Lines.Where(l => l.InLegend).GroupBy(l => l.Color)
            .Select(g => new LegendItem(g.First().Name, true, g.Key, g.First().Dashed && g.All(l => l.Dashed))
            { MarkOnly = f.Lines.Where(l => l.Color == g.Key && !l.Markers).All(l => marksOnly[l]) }).ToList();
        if (entries.Count == 1 && f.LegendTitle is null && entries[0].Text.Length == 0) entries.Clear();
        if (f.Lines.Any(l => l.Dashed) && f.Lines.Any(l => !l.Dashed && !l.Markers))
        {
            for (var i = 0; i < entries.Count; i++) entries[i] = entries[i] with { Dashed = false };
            entries.Add(new LegendItem("train", true) { MarkOnly = f.Lines.Where(l => !l.Dashed && !l.Markers).All(l => marksOnly[l]) });
            entries.Add(new LegendItem("val", true, Dashed: true) { MarkOnly = f.Lines.Where(l => l.Dashed).All(l => marksOnly[l]) });
        }
        var items = entries.Count > 0 && f.LegendTitle is { } t ? [new LegendItem(t + ":", false)] : new List<LegendItem>();
        items.AddRange(entries);
        if (f.Note is { } note) items.Add(new LegendItem(note, false));
        return items;
    }

}
