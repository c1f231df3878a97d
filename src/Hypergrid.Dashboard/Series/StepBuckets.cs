namespace Hypergrid.Dashboard.Series;

/// <summary>
/// One log's buckets over a range of steps: each metric's summary per bucket, the step of each bucket's last row and the
/// mean step of its rows (null: no row). Where a bucket sits on an x axis is <see cref="StepX"/>'s rule.
/// </summary>
public sealed record StepBuckets(Dictionary<string, Summary[]> Metrics, int?[] At, double?[] MeanStep)
{
    /// <summary>
    /// Per metric, whether the bucket-wide stretch of steps just before the range and the one just after it hold a value
    /// of it (the neighbours <see cref="LoneBuckets"/> judges the edge buckets by).
    /// </summary>
    public Dictionary<string, (bool Before, bool After)> Outside { get; init; } = [];

    /// <summary>Each bucket's loneness for a metric (<see cref="LoneBuckets"/>), its edges judged by <see cref="Outside"/>.</summary>
    public bool[] Lone(string metric)
    {
        var (before, after) = Outside.GetValueOrDefault(metric);
        return LoneBuckets.Of(Metrics[metric].Select(s => s.Count > 0).ToArray(), before, after);
    }

    /// <summary>Why a query cannot be answered from this log (null: it can).</summary>
    public static string? Check(StepLog log, SeriesQuery query)
    {
        var unknown = query.Metrics.Where(m => !log.Metrics.Contains(m)).ToList();
        if (unknown.Count > 0) return $"unknown metric {string.Join(", ", unknown)}; this log has: {string.Join(", ", log.Metrics)}";
        if (!log.Phases.Contains(query.Phase)) return $"unknown phase {query.Phase}; this log has: {string.Join(", ", log.Phases)}";
        return null;
    }

    public static string TooMany(int width) => $"width={width} makes more than {SeriesQuery.MaxPoints:N0} buckets; ask for a wider width or a shorter range";

    /// <summary>
    /// Each summary from the block pyramid, each bucket's rows found by binary search of the steps; with
    /// <paramref name="own"/>, only the rows of those steps (a group member's own steps of the asked range).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static StepBuckets Of(StepLog log, SeriesQuery q, (int From, int To, int Width, long Buckets) range, (int From, int To)? own = null)
    {
        var (lo, hi) = own ?? (range.From, range.To);
        var (from, to, width, count) = range;
        var rowsOf = new (int From, int To)[count];
        var at = new int?[count];
        var meanStep = new double?[count];
        // In long: from + width may pass int's range (width=2147483647 is one bucket over everything, not none).
        for (var b = 0; b < count; b++)
        {
            rowsOf[b] = log.RowsAt(q.Phase, Math.Max(from + (long)b * width, lo), Math.Min(Math.Min(from + (b + 1L) * width, to), hi));
            if (rowsOf[b].To <= rowsOf[b].From) continue;
            at[b] = log.StepOf(q.Phase, rowsOf[b].To - 1);
            meanStep[b] = MeanStepOf(log, q.Phase, rowsOf[b]);
        }
        var metrics = new Dictionary<string, Summary[]>();
        var outside = new Dictionary<string, (bool, bool)>();
        // The bucket-wide stretches just outside the range (all rows there, whoever's own steps they are: only to judge the edges).
        var before = from > 0 ? log.RowsAt(q.Phase, Math.Max(0L, (long)from - width), from) : (0, 0);
        var after = to < log.Extent ? log.RowsAt(q.Phase, to, Math.Min((long)to + width, log.Extent)) : (0, 0);
        foreach (var metric in q.AnsweredBy(log))
        {
            var series = log.Series(q.Phase, metric);
            metrics[metric] = rowsOf.Select(r => series is null || r.To <= r.From ? Summary.Empty : series.Query(r.From, r.To)).ToArray();
            bool Has((int From, int To) r) => series is not null && r.To > r.From && series.Query(r.From, r.To).Count > 0;
            outside[metric] = (Has(before), Has(after));
        }
        return new StepBuckets(metrics, at, meanStep) { Outside = outside };
    }

    /// <summary>
    /// The mean step of a bucket's rows: train rows are numbered by their steps one after another, so the middle of the
    /// first and last; other phases' rows (several at one step, passes apart) are summed.
    /// </summary>
    private static double MeanStepOf(StepLog log, string phase, (int From, int To) rows)
    {
        if (phase == StepLog.StepPhase) return (log.StepOf(phase, rows.From) + (double)log.StepOf(phase, rows.To - 1)) / 2;
        double sum = 0;
        for (var r = rows.From; r < rows.To; r++) sum += log.StepOf(phase, r);
        return sum / (rows.To - rows.From);
    }
}
