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

    /// <summary>The indices of the marked points; <paramref name="shown"/> says whether a point (x, y) is drawn at all.</summary>
    public static List<int> Of(FigureLine line, Func<double, double, bool> shown)
    {
        var drawn = Enumerable.Range(0, line.X.Length).Where(i => line.Y[i] is { } y && shown(line.X[i], y)).ToList();
        if (drawn.Count == 1) return drawn;
        return line.Lone is { } lone ? drawn.Where(i => i < lone.Length && lone[i]).ToList() : [];
    }
}
