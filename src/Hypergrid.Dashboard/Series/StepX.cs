namespace Hypergrid.Dashboard.Series;

/// <summary>
/// Where a step bucket sits on an x axis: the one rule the page (through GET /api/series and /api/series-group) and
/// the figure files (<see cref="Figures.FigureBuilder"/>) both draw by. A row sits at the END of its batch: a train
/// row at step s (the train rows before it) has done s + 1 train batches, so it has seen (s + 1) × batch_size samples
/// and (s + 1) ÷ batches-per-epoch epochs, which is what a program's cumulative samples column says on that row; a val
/// or test row at step s ran after s train batches. On the step axis a row is at its own step (the number the API's
/// from and to count). A bucket's value belongs where its rows are: its mean at the mean of its rows' places, its last
/// value at its last row's place; with a logged samples column, the mean and last of that column.
/// </summary>
public static class StepX
{
    /// <summary>The train batches done when a row of this phase at this step was logged (the end of its batch).</summary>
    public static double BatchesDone(string phase, double step) => phase == StepLog.StepPhase ? step + 1 : step;

    /// <summary>A row's (or a mean of rows') place on the scale's axis from its step.</summary>
    public static double Of(string phase, double step, XScale scale) =>
        scale.Axis == "step" ? step : BatchesDone(phase, step) * scale.PerStep;

    /// <summary>Each bucket's place for its mean and for its last value (null: a bucket without rows, or without a logged count).</summary>
    public static (double?[] Mean, double?[] Last) Of(StepBuckets buckets, string phase, XScale scale)
    {
        if (scale.Logged)
        {
            var logged = buckets.Metrics.GetValueOrDefault(XScale.LoggedSamples) ?? [];
            return (logged.Select(s => s.Count == 0 ? (double?)null : s.Mean).ToArray(), logged.Select(s => s.Count == 0 ? (double?)null : s.Last).ToArray());
        }
        return (buckets.MeanStep.Select(m => m is { } v ? Of(phase, v, scale) : (double?)null).ToArray(),
            buckets.At.Select(a => a is { } v ? Of(phase, v, scale) : (double?)null).ToArray());
    }
}
