namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// Which points of a curve are drawn as a marker: each bucket answered lone (<see cref="FigureLine.Lone"/>: a val pass
/// by step, no neighbouring bucket has rows) and a line's only shown point, which a line alone would not show (a val
/// pass of one row, a running trial's first pass: the fourth audit's defect 2). Judged over the points drawn. The page
/// marks the same points (dashboard/plots.js markPoints) from the same answer.
/// </summary>
public static class PointMarks
{
    /// <summary>A mark's radius as a share of the font size (a Results point's is 0.28: a curve's mark is a little smaller).</summary>
    public const double RadiusEms = 0.22;

    /// <summary>A hollow (val) mark's outline width, in points.</summary>
    public const double HollowWidth = 0.6;

    /// <summary>A legend sample's mark's radius, in ems of the legend's font (a little larger than a curve's: it names it).</summary>
    public const double LegendEms = 0.28;

    /// <summary>
    /// Whether every point a line draws is a mark (a line of one point, lone buckets only): no stroke shows its phase's
    /// dash, so its legend sample is its mark.
    /// </summary>
    public static bool OnlyMarks(FigureLine line, Figure f)
    {
        bool shown(double x, double y) => double.IsFinite(x) && (!f.LogX || x > 0) && double.IsFinite(y) && (!f.LogY || y > 0);
        var drawn = Enumerable.Range(0, line.X.Length).Count(i => line.Y[i] is { } y && shown(line.X[i], y));
        return drawn > 0 && Of(line, shown).Count == drawn;
    }

    /// <summary>The indices of the marked points; <paramref name="shown"/> says whether a point (x, y) is drawn at all.</summary>
    public static List<int> Of(FigureLine line, Func<double, double, bool> shown)
    {
        var drawn = Enumerable.Range(0, line.X.Length).Where(i => line.Y[i] is { } y && shown(line.X[i], y)).ToList();
        if (drawn.Count == 1) return drawn;
        return line.Lone is { } lone ? drawn.Where(i => i < lone.Length && lone[i]).ToList() : [];
    }
}
