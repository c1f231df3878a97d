namespace Hypergrid.Trials.Logs;

/// <summary>One row of batch_log.csv; null metrics are written as empty cells. Its columns are <see cref="BatchLogSchema"/>'s.</summary>
public record struct BatchRow(
    int Epoch, string Phase, int Batch, double Time, double Loss, double Acc, double Lr,
    double? IterBudget = null, double? GradNorm = null,
    double? ErrorMin = null, double? ErrorMed = null, double? ErrorMax = null,
    double? IterMin = null, double? IterMed = null, double? IterMax = null);
