using Hypergrid.Dashboard.Api;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// The Results metrics a trial can be ranked by, as POST /api/epochs names them for the page: each phase's columns with
/// a value in a row of that phase, so a program's study is not offered val_grad_norm or val_lr (the audit's 400s).
/// </summary>
public sealed class ReportedMetricsTests
{
    [Fact]
    public void A_phase_metric_is_reported_only_when_a_row_of_that_phase_holds_a_value()
    {
        var nan = double.NaN;
        var table = new EpochTable(["loss", "grad_norm", "lr", "bleu", EpochTable.BatchesColumn], [1, 1, 2, 2], ["train", "val", "train", "val"],
        [
            [1.0, 0.5, nan, nan, 10], [0.9, nan, nan, 0.2, 10],
            [0.8, 0.4, nan, nan, 10], [0.7, nan, nan, 0.3, 10],
        ]);
        Assert.Equal(["train_loss", "train_grad_norm", "val_loss", "val_bleu"], EpochSelection.Reported(table));
    }
}
