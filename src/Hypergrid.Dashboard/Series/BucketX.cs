namespace Hypergrid.Dashboard.Series;

/// <summary>
/// Where a line's buckets sit on an x axis drawn by step (<see cref="StepX"/>): for each bucket's mean and for its last
/// value, and whether samples seen are the log's own counts; or, <see cref="Missing"/>, what the trial lacks to be
/// placed there (its batch_size, its batches per epoch). GET /api/series, /api/series-group and the figure files
/// place their lines here alike.
/// </summary>
public sealed record BucketX(string Axis, bool Logged, double?[]? Mean, double?[]? Last, string? Missing)
{
    /// <summary>
    /// What one train step was on the axis for the places answered (<see cref="XScale.PerStep"/>; one trial; null when it
    /// is not placed). A running trial's scale by epochs can change (train set ÷ batch_size until its first epoch ends,
    /// then its log's own rows per epoch): a page that extends a line it holds compares this to know its earlier
    /// buckets' places are stale.
    /// </summary>
    public double? Scale { get; init; }

    /// <summary>A group's <see cref="Scale"/> per member, by its index among the trials asked (null: no log, or not placed).</summary>
    public IReadOnlyList<double?>? Scales { get; init; }

    /// <summary>One trial's buckets on the axis, by its scale there (null: not placed, for lack of what <paramref name="missing"/> names).</summary>
    public static BucketX ForTrial(StepBuckets buckets, string phase, string axis, XScale? scale, string? missing)
    {
        if (scale is null) return new BucketX(axis, false, null, null, missing);
        var (mean, last) = StepX.Of(buckets, phase, scale);
        return new BucketX(axis, scale.Logged, mean, last, null) { Scale = scale.PerStep };
    }

    /// <summary>
    /// A group's buckets: each member placed by its own scale (<see cref="GroupSeries.Scales"/>, as its rows of the asked
    /// range were chosen), the group at the mean of its members' places; samples seen are logged counts only where every
    /// member logs them (else train steps × batch_size for all).
    /// </summary>
    public static BucketX ForGroup(GroupSeries group, string axis)
    {
        var perMember = group.Scales.Select(s => s?.PerStep).ToArray();
        var logged = group.AllLogSamples && axis == "samples";
        return group.X(m => group.Scales[m]) is { } x
            ? new BucketX(axis, logged, x.Mean, x.Last, null) { Scales = perMember }
            : new BucketX(axis, false, null, null, group.Missing) { Scales = perMember };
    }
}
