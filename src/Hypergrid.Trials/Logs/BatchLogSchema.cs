namespace Hypergrid.Trials.Logs;

/// <summary>
/// The batch log's columns, in file order: the one list the writer, the epoch aggregation, validation and the
/// dashboard's metric list (sent by the server) all follow. A new metric column is one line here (and its field in <see cref="BatchRow"/>).
/// </summary>
public static class BatchLogSchema
{
    public static readonly IReadOnlyList<BatchColumn> Columns =
    [
        new("epoch", Reduction.Key, r => r.Epoch, "1-based epoch"),
        new("mode", Reduction.Key, null, "phase: train or val"),
        new("batch", Reduction.Drop, r => r.Batch, "0-based batch within the epoch and phase"),
        new("time", Reduction.Max, r => r.Time, "seconds since the trial started"),
        new("loss", Reduction.Mean, r => r.Loss, "cross-entropy of the batch"),
        new("acc", Reduction.Mean, r => r.Acc, "accuracy of the batch"),
        new("lr", Reduction.Last, r => r.Lr, "learning rate used for the batch"),
        new("iter_budget", Reduction.Last, r => r.IterBudget, "deq: fixed-point iterations allowed"),
        new("grad_norm", Reduction.Median, r => r.GradNorm, "global gradient norm before clipping (batch_metrics: [grad_norm])"),
        new("error_min", Reduction.Median, r => r.ErrorMin, "deq: smallest per-sample relative residual (batch_metrics: [error])"),
        new("error_med", Reduction.Median, r => r.ErrorMed, "deq: median per-sample relative residual"),
        new("error_max", Reduction.Median, r => r.ErrorMax, "deq: largest per-sample relative residual"),
        new("iter_min", Reduction.Median, r => r.IterMin, "deq: fewest iterations a sample used (batch_metrics: [iter])"),
        new("iter_med", Reduction.Median, r => r.IterMed, "deq: median iterations"),
        new("iter_max", Reduction.Median, r => r.IterMax, "deq: most iterations a sample used"),
    ];

    /// <summary>The header line, without its newline.</summary>
    public static readonly string Header = string.Join(',', Columns.Select(c => c.Name));

    private static readonly Dictionary<string, Reduction> ByName = Columns.ToDictionary(c => c.Name, c => c.Reduction);

    /// <summary>The reduction of a column; a column this version does not know (a log from elsewhere) is averaged.</summary>
    public static Reduction ReductionOf(string column) => ByName.GetValueOrDefault(column, Reduction.Mean);

    /// <summary>The epoch log's metric columns (everything but the keys and dropped columns), in order.</summary>
    public static IEnumerable<string> EpochMetrics => Columns.Where(c => c.Reduction is not (Reduction.Key or Reduction.Drop)).Select(c => c.Name);
}
