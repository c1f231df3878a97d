namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// Where everything of a figure goes at its size, in points from the top left: the plot's frame, its ticks and their
/// labels, the axis labels (the y label in one or two lines) and the legend's items as <see cref="LegendFlow"/> placed
/// them. <see cref="FigureLayout"/> draws it as SVG or PDF and <see cref="PgfplotsWriter"/> sets the same box in TeX,
/// so every format of a figure is the size asked for, with its labels and legend inside.
/// </summary>
public sealed record FigurePlan
{
    public required FigureSize Size { get; init; }

    /// <summary>The axes' ranges (of <see cref="FigureLayout.Extent"/>).</summary>
    public required (double XLo, double XHi, double YLo, double YHi) Extent { get; init; }

    public required bool LogX { get; init; }

    public required bool LogY { get; init; }

    /// <summary>The plot's frame: its left and top edges, width and height.</summary>
    public required (double Left, double Top, double Width, double Height) Plot { get; init; }

    public required double TickFontSize { get; init; }

    public required IReadOnlyList<double> XTicks { get; init; }

    /// <summary>Each x tick's label; tick labels of numbers may have a power after '^' (<see cref="TextRuns"/>), categories never.</summary>
    public required IReadOnlyList<string> XTickLabels { get; init; }

    public required IReadOnlyList<double> YTicks { get; init; }

    public required IReadOnlyList<string> YTickLabels { get; init; }

    /// <summary>The x label's lines (two at most, the last shortened if it must be), each on its baseline centred under the plot.</summary>
    public required IReadOnlyList<(string Text, double X, double Y)> XLabel { get; init; }

    /// <summary>The y label's lines, each on a vertical baseline (read bottom to top) at its x, centred on the plot.</summary>
    public required IReadOnlyList<(string Text, double X, double Y)> YLabel { get; init; }

    public required IReadOnlyList<LegendItem> Legend { get; init; }

    public required IReadOnlyList<PlacedLegendItem> Placed { get; init; }

    public required double LegendFontSize { get; init; }

    /// <summary>Where the legend's rows begin: its left edge and the top of its first row.</summary>
    public required (double Left, double Top) LegendAt { get; init; }

    /// <summary>The x of a value, in points.</summary>
    public double X(double v)
    {
        var f = LogX ? (Func<double, double>)Math.Log10 : v => v;
        var (lo, hi) = (f(Extent.XLo), f(Extent.XHi));
        return Plot.Left + (hi == lo ? 0.5 : Fraction(f(v), lo, hi)) * Plot.Width;
    }

    /// <summary>The y of a value, in points from the top.</summary>
    public double Y(double v)
    {
        var f = LogY ? (Func<double, double>)Math.Log10 : v => v;
        var (lo, hi) = (f(Extent.YLo), f(Extent.YHi));
        return Plot.Top + Plot.Height - (hi == lo ? 0.5 : Fraction(f(v), lo, hi)) * Plot.Height;
    }

    /// <summary>The baseline of a placed legend item's line.</summary>
    public double LegendBaseline(PlacedLegendItem p, int line) => LegendAt.Top + (p.Row + line) * LegendFontSize * LegendFlow.RowEms + LegendFontSize * 0.8;

    // Where v lies from lo (0) to hi (1), in halves: the width of a range near the largest doubles is beyond them.
    private static double Fraction(double v, double lo, double hi) => (v / 2 - lo / 2) / (hi / 2 - lo / 2);
}
