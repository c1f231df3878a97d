namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// How a pgfplots legend fits the figure's width: pgfplots sets it as a table of `legend columns` columns, each as
/// wide as its widest entry (a 0.6 cm line sample, the text, 0.6 em between columns), and never wraps it, so a table
/// wider than the figure runs off the page. This chooses the most columns whose table fits, and breaks an entry that
/// is wider than the figure into lines (or ends it in "…"), as <see cref="LegendFlow"/> does for SVG and PDF.
/// </summary>
public static class PgfplotsLegend
{
    /// <summary>The line sample (0.6 cm) and the cells' padding (about 0.67 em), in points at a type size.</summary>
    public static double SampleWidth(double fs) => 17.0 + 0.67 * fs;

    /// <summary>The space between two columns (column sep=0.6em) and the text cell's padding.</summary>
    public static double Gap(double fs) => 0.6 * fs + 0.67 * fs;

    // TeX's fonts are set a little wider than Helvetica's metrics in places: a margin so an estimate is never short.
    private const double Margin = 1.08;

    /// <summary>Each entry's text in lines no wider than the figure allows beside a line sample.</summary>
    public static List<List<string>> Lines(IReadOnlyList<string> texts, double width, double fs) =>
        texts.Select(t => LegendFlow.Wrap(t, (width - SampleWidth(fs) - Gap(fs)) / Margin, fs)).ToList();

    /// <summary>The most columns (1 at least) whose table of entries, each entry's widest line, fits the width.</summary>
    public static int Columns(IReadOnlyList<IReadOnlyList<string>> entries, double width, double fs)
    {
        var widths = entries.Select(e => e.Max(l => TextWidth.Of(l, fs)) * Margin + SampleWidth(fs) + Gap(fs)).ToList();
        for (var columns = widths.Count; columns > 1; columns--)
        {
            var total = Enumerable.Range(0, columns).Sum(c => widths.Where((_, i) => i % columns == c).Max());
            if (total <= width) return columns;
        }
        return 1;
    }
}
