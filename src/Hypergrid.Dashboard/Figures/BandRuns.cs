using Hypergrid.Dashboard.Series;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// A line's band as the figure files draw it: filled over runs of adjacent points, and a lone point's spread as an error
/// bar at its x. Which points are lone is <see cref="LoneBuckets"/>' rule, answered with the buckets a step line is
/// built from (<see cref="FigureLine.Lone"/>, as GET /api/series-group answers the page); a line without that answer
/// (by epoch) is judged by the same rule over its own points.
/// </summary>
internal static class BandRuns
{
    /// <summary>The runs of indices to fill (in order, none lone) and the lone indices (error bars).</summary>
    public static (List<List<int>> Bands, List<int> Bars) Of(FigureLine line)
    {
        var has = Enumerable.Range(0, line.X.Length).Select(i => line.Lower?[i] is not null && line.Upper?[i] is not null && double.IsFinite(line.X[i])).ToArray();
        var lone = line.Lone ?? LoneBuckets.Of(has);
        var bands = new List<List<int>>();
        var bars = new List<int>();
        List<int>? run = null;
        for (var i = 0; i < has.Length; i++)
        {
            if (!has[i]) { run = null; continue; }
            if (lone[i]) { bars.Add(i); run = null; continue; }
            if (run is null) bands.Add(run = []);
            run.Add(i);
        }
        return (bands, bars);
    }
}
