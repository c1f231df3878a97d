namespace Hypergrid.Training.Logging;

/// <summary>One row of batch_log.csv; null metrics are written as empty cells.</summary>
public record struct BatchRow(
    int Epoch, string Phase, int Batch, double Time, double Loss, double Acc, double Lr,
    double? IterBudget = null, double? GradNorm = null,
    double? ErrorMin = null, double? ErrorMed = null, double? ErrorMax = null,
    double? IterMin = null, double? IterMed = null, double? IterMax = null)
{
    /// <summary>The columns of SPEC 5, in order.</summary>
    public const string Header = "epoch,mode,batch,time,loss,acc,lr,iter_budget,grad_norm,error_min,error_med,error_max,iter_min,iter_med,iter_max";
}
