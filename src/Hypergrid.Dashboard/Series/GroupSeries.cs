using Hypergrid.Trials.Logs;

namespace Hypergrid.Dashboard.Series;

/// <summary>
/// One metric of a group over its buckets: the mean and sample std of the trials' bucket means, the true min and max of
/// all rows, n, and the mean of the trials' bucket last values (one trial: its last value, as the page draws a trial's
/// train line).
/// </summary>
public sealed record GroupStats(double?[] Mean, double?[] Std, double?[] Min, double?[] Max, int[] N)
{
    public double?[] Last { get; init; } = [];
}

/// <summary>
/// A group of trials (its seeds) at step resolution, as GET /api/series-group answers and `hypergrid plot` draws: the
/// buckets' first steps, the step of each bucket's last row, and per metric the <see cref="GroupStats"/>.
/// </summary>
public sealed record GroupSeries(SeriesQuery Query, (int From, int To, int Width, long Buckets) Range, int?[] At, int Trials, IReadOnlyDictionary<string, GroupStats> Metrics)
{
    /// <summary>Each member with a log, by its index among the folders asked for, and its own buckets.</summary>
    public IReadOnlyList<(int Member, StepBuckets Buckets)> Each { get; init; } = [];

    /// <summary>Whether every member's log has the samples column (then the samples axis draws it, for all of them).</summary>
    public bool AllLogSamples => Each.Count > 0 && Each.All(e => e.Buckets.Metrics.ContainsKey(XScale.LoggedSamples));

    /// <summary>
    /// Each bucket's place on an axis (<see cref="StepX"/>): the mean over the members with rows there of their own
    /// places, for the mean and for the last value; each member by its own scale (null: the member cannot be placed,
    /// and then no bucket of the group is).
    /// </summary>
    public (double?[] Mean, double?[] Last)? X(Func<int, XScale?> scaleOf)
    {
        var each = new List<(double?[] Mean, double?[] Last)>();
        foreach (var (member, buckets) in Each)
            if (scaleOf(member) is { } scale) each.Add(StepX.Of(buckets, Query.Phase, scale));
            else return null;
        double? Average(Func<(double?[] Mean, double?[] Last), double?> pick) =>
            each.Select(pick).Where(v => v is not null).Select(v => v!.Value).ToList() is { Count: > 0 } vs ? ScaledSum.Mean(vs) : null;
        var count = (int)Range.Buckets;
        return (Enumerable.Range(0, count).Select(b => Average(e => e.Mean[b])).ToArray(),
            Enumerable.Range(0, count).Select(b => Average(e => e.Last[b])).ToArray());
    }

    /// <summary>The first step of each bucket.</summary>
    public IEnumerable<long> Steps => Enumerable.Range(0, (int)Range.Buckets).Select(b => Range.From + (long)b * Range.Width);

    /// <summary>The group's buckets, or why the query cannot be answered from these logs (a one-line reason).</summary>
    public static async Task<(GroupSeries? Series, string? Problem)> ComputeAsync(SeriesStore store, IReadOnlyList<string> dirs, SeriesQuery query, CancellationToken cancel)
    {
        // First the step axis all of them span, then each one's buckets over it.
        var extent = 0;
        string? problem = null;
        foreach (var dir in dirs)
            if (await store.WithLogAsync(dir, query.Columns, log => new Span(log.Extent, StepBuckets.Check(log, query)), cancel) is { } span)
                (extent, problem) = (Math.Max(extent, span.Extent), problem ?? span.Problem);
        if (problem is not null) return (null, problem);
        var range = query.Resolve(extent);
        if (range.Buckets > SeriesQuery.MaxPoints) return (null, StepBuckets.TooMany(range.Width));
        var each = new List<(int, StepBuckets)>();
        for (var i = 0; i < dirs.Count; i++)
            if (await store.WithLogAsync(dirs[i], query.Columns, log => StepBuckets.Of(log, query, range), cancel) is { } got)
                each.Add((i, got));
        return (Combine(query, range, each.Select(e => e.Item2).ToList()) with { Each = each }, null);
    }

    private sealed record Span(int Extent, string? Problem);

    private static GroupSeries Combine(SeriesQuery q, (int From, int To, int Width, long Buckets) range, List<StepBuckets> each)
    {
        var count = (int)range.Buckets;
        var at = Enumerable.Range(0, count).Select(b => each.Select(e => e.At[b]).Max()).ToArray();
        var metrics = new Dictionary<string, GroupStats>();
        // An optional column (samples) is answered when every member's log has it.
        foreach (var metric in q.Metrics.Concat(q.Optional.Where(o => each.Count > 0 && each.All(e => e.Metrics.ContainsKey(o)))).Distinct())
        {
            var cells = Enumerable.Range(0, count).Select(b => each.Select(e => e.Metrics[metric][b]).Where(s => s.Count > 0).ToList()).ToList();
            metrics[metric] = new GroupStats(
                cells.Select(c => c.Count == 0 ? (double?)null : ScaledSum.Mean(c.Select(s => s.Mean))).ToArray(),
                cells.Select(c => c.Count < 2 ? (double?)null : SampleStd(c.Select(s => s.Mean).ToList())).ToArray(),
                cells.Select(c => c.Count == 0 ? (double?)null : c.Min(s => s.Min)).ToArray(),
                cells.Select(c => c.Count == 0 ? (double?)null : c.Max(s => s.Max)).ToArray(),
                cells.Select(c => c.Count).ToArray()) { Last = cells.Select(c => c.Count == 0 ? (double?)null : ScaledSum.Mean(c.Select(s => s.Last))).ToArray() };
        }
        return new GroupSeries(q, range, at, each.Count, metrics);
    }

    private static double SampleStd(List<double> x)
    {
        // Scaled by the largest magnitude, so that the squares of large values do not overflow.
        var scale = x.Max(Math.Abs);
        if (scale == 0 || !double.IsFinite(scale)) return scale == 0 ? 0 : double.NaN;
        var mean = x.Average(v => v / scale);
        return scale * Math.Sqrt(x.Sum(v => (v / scale - mean) * (v / scale - mean)) / (x.Count - 1));
    }
}
