namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// One thing a figure's legend shows, in order: its title or a note (no line sample), a colour's name (Color set), or
/// the line style of a phase (Sample without a colour: black, dashed for val). A Results chart's item is a row of dots,
/// one per colour that carries its name (the groups of one name at different values of the x key).
/// </summary>
public sealed record LegendItem(string Text, bool Sample, int? Color = null, bool Dashed = false)
{
    /// <summary>The colours of the dots its sample shows instead of a line (empty: a line).</summary>
    public IReadOnlyList<int> Dots { get; init; } = [];

    /// <summary>Its lines are only marks (a line of one point): the sample is a mark, hollow when Dashed (val), not a stroke.</summary>
    public bool MarkOnly { get; init; }

    /// <summary>Ems from one dot's centre to the next.</summary>
    public const double DotEms = 0.8;

    /// <summary>How wide its sample and the gap before its text are, in ems.</summary>
    public double SampleEms => !Sample ? 0 : Dots.Count > 0 ? Dots.Count * DotEms + 0.4 : LegendFlow.SampleEms;

    /// <summary>Where dot i's centre is, in ems from the item's left edge.</summary>
    public static double DotAt(int i) => DotEms * (i + 0.5);
}
