namespace Hypergrid.Dashboard.Series;

/// <summary>
/// A range [from, to) of an x axis drawn by step, in that axis's own units (train steps, samples seen, epochs), as one
/// trial's steps: the rows of a phase whose place on the axis (<see cref="StepX"/>, the rule every bucket is drawn by)
/// lies in the range. Each trial by its own scale, so a zoom over samples seen by trials of batch sizes 16 and 64 asks
/// each for its own steps and none draws a row outside what was dragged. GET /api/series, /api/series-group and the
/// figure files (GET /api/figure, `hypergrid plot --from --to`) all map their ranges here.
/// </summary>
public static class AxisRange
{
    /// <summary>
    /// The steps [From, To) whose rows of this phase sit in [from, to) on the scale's axis (null ends: the log's start
    /// or end), clamped to the log's steps; from a logged samples column, the rows whose count is in the range.
    /// </summary>
    public static (int From, int To) Steps(StepLog log, string phase, double? from, double? to, XScale scale)
    {
        var extent = log.Extent;
        if (scale.Logged) return Logged(log, phase, from, to);
        var first = from is { } f ? FirstAtOrAfter(phase, f, scale) : 0;
        var end = to is { } t ? FirstAtOrAfter(phase, t, scale) : extent;
        first = Math.Clamp(first, 0, extent);
        return ((int)first, (int)Math.Clamp(end, first, extent));
    }

    /// <summary>
    /// The first step whose row of this phase sits at or after x on the scale's axis: a guess by division, then moved
    /// by the placement rule itself, so that rounding (0.25 ÷ 1/64 is 16.000000000000004) never puts a row on the wrong side.
    /// </summary>
    public static long FirstAtOrAfter(string phase, double x, XScale scale)
    {
        const double Far = 1e15; // beyond any log: no step of a long overflows, and a double counts it exactly
        var guess = scale.Axis == "step" ? Math.Ceiling(x) : Math.Ceiling(x / scale.PerStep) - (phase == StepLog.StepPhase ? 1 : 0);
        var s = (long)Math.Clamp(double.IsNaN(guess) ? 0 : guess, 0, Far);
        while (s > 0 && StepX.Of(phase, s - 1, scale) >= x) s--;
        while (s < Far && StepX.Of(phase, s, scale) < x) s++;
        return s;
    }

    /// <summary>
    /// Rows placed by the log's own samples column (cumulative, so its values never decrease down the rows): a binary
    /// search for the first row at or after each end; a row without a count is where the row before it is.
    /// </summary>
    private static (int From, int To) Logged(StepLog log, string phase, double? from, double? to)
    {
        var rows = log.Rows(phase);
        if (log.Series(phase, XScale.LoggedSamples) is not { } counts || rows == 0) return (0, 0);
        var first = from is { } f ? FirstRowAtOrAfter(counts, rows, f) : 0;
        var end = to is { } t ? FirstRowAtOrAfter(counts, rows, t) : rows;
        if (end <= first) return first < rows ? (log.StepOf(phase, first), log.StepOf(phase, first)) : (log.Extent, log.Extent);
        return (log.StepOf(phase, first), log.StepOf(phase, end - 1) + 1);
    }

    private static int FirstRowAtOrAfter(Pyramid counts, int rows, double x)
    {
        int lo = 0, hi = Math.Min(rows, counts.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (CountAt(counts, mid) < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static double CountAt(Pyramid counts, int row)
    {
        for (var r = row; r >= 0; r--)
            if (!double.IsNaN(counts[r])) return counts[r];
        return double.NegativeInfinity;
    }
}
