namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// One plot of a paper: its lines (each a colour from <see cref="Palette"/>, solid for train and dashed for val, with an
/// optional band), its axis labels and the legend's title. Pure data: <see cref="FigureLayout"/> draws it as SVG or PDF,
/// <see cref="PgfplotsWriter"/> writes it as a pgfplots picture with its data.
/// </summary>
public sealed record Figure(string XLabel, string YLabel, IReadOnlyList<FigureLine> Lines)
{
    /// <summary>What the legend's names are values of (the keys that differ between groups), or null.</summary>
    public string? LegendTitle { get; init; }

    /// <summary>A sentence under the legend about how the figure was drawn (lines left out, an axis of two kinds), or null.</summary>
    public string? Note { get; init; }

    /// <summary>A log y axis (values at or below 0 are left out, as on the page).</summary>
    public bool LogY { get; init; }

    /// <summary>A log x axis (a Results chart by a key spanning decades, e.g. lr; values at or below 0 are left out).</summary>
    public bool LogX { get; init; }

    /// <summary>
    /// Each colour slot's colour (a line's <see cref="FigureLine.Color"/> is its slot); null or past its end: slot i is
    /// <see cref="Palette.Of"/>(i). Ungrouped curves set it: each trial its own slot, coloured by its seed group's shade.
    /// </summary>
    public IReadOnlyList<string>? Colors { get; init; }

    /// <summary>The colour of a slot, as #RRGGBB.</summary>
    public string ColorOf(int slot) => Colors is { } c && slot >= 0 && slot < c.Count ? c[slot] : Palette.Of(slot);

    /// <summary>
    /// The x axis's ends when asked (a zoom's from and to, in the axis's units; null: the data's extent there), so a
    /// zoomed figure shows the range asked, as the page does, not the extent of the rows that fell in it.
    /// </summary>
    public (double? Lo, double? Hi) XRange { get; init; }

    /// <summary>Whole numbers only on the x axis (epochs): no tick at 1.5.</summary>
    public bool WholeX { get; init; }

    /// <summary>Categories on the x axis (a Results chart of a non-numeric key): x is the category's index.</summary>
    public IReadOnlyList<string>? XCategories { get; init; }
}

/// <summary>
/// One line: x and y (null: a gap), an optional band (lower and upper per point), its legend name and colour index.
/// Markers draws points with error bars instead of a line (a Results chart).
/// </summary>
public sealed record FigureLine(string Name, int Color, bool Dashed, double[] X, double?[] Y)
{
    public double?[]? Lower { get; init; }
    public double?[]? Upper { get; init; }
    public bool Markers { get; init; }

    /// <summary>
    /// Which points stand alone (<see cref="Series.LoneBuckets"/>), as the buckets of a step line were answered (the edges
    /// judged by the buckets outside its range); null: judged over the line's own points (<see cref="BandRuns"/>).
    /// </summary>
    internal bool[]? Lone { get; init; }

    /// <summary>Whether x is a count the log itself wrote (a program's samples column), not a step scaled.</summary>
    internal bool LoggedX { get; init; }

    /// <summary>Markers joined by a thin line in x order (a series of the Results chart by a numeric key).</summary>
    public bool Joined { get; init; }

    /// <summary>
    /// How many steps sideways the markers are drawn (series of a Results chart at one x, apart); a step is
    /// <see cref="FigureLayout.DodgeStep"/>, the same in the SVG, PDF and pgfplots file.
    /// </summary>
    public double Dodge { get; init; }

    /// <summary>A marker ringed in black (the best group of a Results chart).</summary>
    public bool Ringed { get; init; }

    /// <summary>Whether the legend lists this line (the val line of a group shares the train line's entry).</summary>
    public bool InLegend { get; init; } = true;
}
