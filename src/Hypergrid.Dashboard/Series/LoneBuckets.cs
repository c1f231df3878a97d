namespace Hypergrid.Dashboard.Series;

/// <summary>
/// Which buckets of a step line stand alone: a bucket with a value whose neighbours on both sides have none (a val pass
/// by step: its rows at one step, the next pass an epoch of empty buckets away). A band joins only buckets next to each
/// other; a lone bucket's spread is drawn as an error bar at its x instead, because one pass's spread says nothing of
/// the steps between passes (interpolating it to the next pass drew wedges: the third audit's defect 5). The one place
/// of this rule: GET /api/series and /api/series-group answer it per metric ("lone"), the page draws what they answer,
/// and the figure files (<see cref="Figures.BandRuns"/>) take it from the same buckets.
/// </summary>
public static class LoneBuckets
{
    /// <summary>
    /// Each bucket's loneness. before and after: whether the bucket just outside the answered range on that side has a
    /// value (a zoom's edge, a live page's tail), so an edge bucket is judged as the whole log would judge it.
    /// </summary>
    public static bool[] Of(IReadOnlyList<bool> has, bool before = false, bool after = false)
    {
        var n = has.Count;
        var lone = new bool[n];
        for (var i = 0; i < n; i++)
            lone[i] = has[i] && !(i > 0 ? has[i - 1] : before) && !(i < n - 1 ? has[i + 1] : after);
        return lone;
    }
}
