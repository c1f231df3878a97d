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

    /// <summary>Each bucket's loneness (<see cref="LoneBuckets"/>): a bucket where some member has a value, its neighbours none.</summary>
    public bool[] Lone { get; init; } = [];
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

    /// <summary>Each member's scale on the asked axis, by its index among the folders asked (null: no log, or not placed there).</summary>
    public IReadOnlyList<XScale?> Scales { get; init; } = [];

    /// <summary>What the first member that cannot be placed on the asked axis lacks (its batch_size, its batches per epoch).</summary>
    public string? Missing { get; init; }

    /// <summary>
    /// A member's scale on an axis: by its index among the folders asked and whether the group's samples are the logs'
    /// own counts (every member logs them).
    /// </summary>
    public delegate Task<(XScale? Scale, string? Missing)> ScaleOf(int member, bool logged, CancellationToken cancel);

    /// <summary>
    /// The group's buckets, or why the query cannot be answered from these logs (a one-line reason). The asked range is in
    /// the axis's units: each member's own steps of it (<see cref="SeriesQuery.StepsOf"/>, by its own scale) bound the rows
    /// it adds, and the buckets span them all, so no member draws a row outside the range however its scale differs.
    /// </summary>
    public static async Task<(GroupSeries? Series, string? Problem)> ComputeAsync(SeriesStore store, IReadOnlyList<string> dirs, SeriesQuery query, ScaleOf scaleOf, CancellationToken cancel)
    {
        // First the step axis all of them span and whether each logs samples, then each one's scale and steps of the
        // asked range, then each one's buckets over the steps they span together.
        var extent = 0;
        string? problem = null;
        var logs = new Dictionary<int, bool>();
        var extents = new Dictionary<int, int>();
        for (var i = 0; i < dirs.Count; i++)
            if (await store.WithLogAsync(dirs[i], query.Columns, log => new Span(log.Extent, StepBuckets.Check(log, query), log.Metrics.Contains(XScale.LoggedSamples)), cancel) is { } span)
                (extent, problem, logs[i], extents[i]) = (Math.Max(extent, span.Extent), problem ?? span.Problem, span.Samples, span.Extent);
        if (problem is not null) return (null, problem);
        var logged = query.X == "samples" && logs.Count > 0 && logs.Values.All(l => l);
        var scales = new XScale?[dirs.Count];
        string? missing = null;
        foreach (var i in logs.Keys)
        {
            var (scale, lacks) = query.X is null or "step" ? (XScale.Step, null) : await scaleOf(i, logged, cancel);
            scales[i] = scale;
            missing ??= lacks;
        }
        var own = new Dictionary<int, (int From, int To)>();
        // No range asked (the page's every refresh of a grouped view): each member's own steps are its whole log, known
        // from the first pass; a logged samples axis still asks its log (its rows of the phase bound them).
        var whole = query.From is null && query.To is null && query.FromStep is null;
        foreach (var i in logs.Keys)
            if (whole && scales[i] is not { Logged: true }) own[i] = (0, extents[i]);
            else if (await store.WithLogAsync(dirs[i], query.Columns, log => new OwnSteps(query.StepsOf(log, scales[i])), cancel) is { } got)
                own[i] = got.Range;
        // The steps the members' rows of the range span together (a member with none there, a seed that stopped
        // before it, widens nothing).
        var some = own.Values.Where(r => r.To > r.From).ToList();
        var start = own.Count == 0 ? 0 : own.Values.Max(r => r.From);
        var range = query.Resolve(extent, some.Count == 0 ? (start, start) : (some.Min(r => r.From), some.Max(r => r.To)));
        if (range.Buckets > SeriesQuery.MaxPoints) return (null, StepBuckets.TooMany(range.Width));
        var each = new List<(int, StepBuckets)>();
        foreach (var (i, steps) in own.OrderBy(o => o.Key))
            if (await store.WithLogAsync(dirs[i], query.Columns, log => StepBuckets.Of(log, query, range, steps), cancel) is { } got)
                each.Add((i, got));
        return (Combine(query, range, each.Select(e => e.Item2).ToList()) with { Each = each, Scales = scales, Missing = missing }, null);
    }

    private sealed record Span(int Extent, string? Problem, bool Samples);

    private sealed record OwnSteps((int From, int To) Range);

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
                cells.Select(c => c.Count).ToArray())
            {
                Last = cells.Select(c => c.Count == 0 ? (double?)null : ScaledSum.Mean(c.Select(s => s.Last))).ToArray(),
                Lone = LoneBuckets.Of(cells.Select(c => c.Count > 0).ToArray(),
                    each.Any(e => e.Outside.GetValueOrDefault(metric).Before), each.Any(e => e.Outside.GetValueOrDefault(metric).After)),
            };
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
