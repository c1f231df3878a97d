namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// A line's band split where its points have no band value: a band joins only points next to each other (buckets with
/// rows one after another), so it never stretches a spread across buckets without rows. A point standing alone (a val
/// pass by step: its rows at one step, the next pass an epoch of empty buckets away) is drawn as an error bar at its x:
/// one pass's spread says nothing of the steps between passes (the page's bandRuns in plots.js, the same rule).
/// </summary>
internal static class BandRuns
{
    /// <summary>The runs of indices with a band value and a finite x, in order; a run of one index is a lone point.</summary>
    public static List<List<int>> Of(FigureLine line)
    {
        var runs = new List<List<int>>();
        List<int>? run = null;
        for (var i = 0; i < line.X.Length; i++)
        {
            if (line.Lower?[i] is null || line.Upper?[i] is null || !double.IsFinite(line.X[i])) { run = null; continue; }
            if (run is null) runs.Add(run = []);
            run.Add(i);
        }
        return runs;
    }
}
