using Hypergrid.Dashboard.Figures;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Dashboard.Series;

/// <summary>
/// A trial's <see cref="XScale"/> on an axis from what the server knows of it: its config's batch_size and run.json's
/// train set size (<see cref="FigureTrial"/>), its epoch log's train rows per epoch. GET /api/series, /api/series-group
/// and the figure files all ask here, so the page and the figures place every bucket alike.
/// </summary>
public sealed class TrialXScales(EpochLogStore epochs)
{
    public async Task<(XScale? Scale, string? Missing)> ForAsync(FigureTrial? trial, string axis, bool logsSamples, CancellationToken cancel)
    {
        if (axis == "step") return (XScale.Step, null);
        var batch = trial is null ? null : SeedGroups.Number(trial.Config?["batch_size"]);
        var perEpoch = axis == "epochf" && trial is not null ? await BatchesPerEpochAsync(trial, batch, cancel) : null;
        return XScale.For(axis, logsSamples, batch, perEpoch);
    }

    private async Task<double?> BatchesPerEpochAsync(FigureTrial trial, double? batch, CancellationToken cancel)
    {
        var rows = new List<(long Epoch, double Rows)>();
        var finished = true;
        if (await epochs.GetAsync(trial.Directory, cancel) is { } got)
        {
            finished = got.Source != TrialFiles.PartialLog;
            foreach (var row in got.Table.RowsOf(StepLog.StepPhase))
                rows.Add((got.Table.Epochs[row], got.Table.Get(row, EpochTable.BatchesColumn) ?? 0));
        }
        return XScale.BatchesPerEpoch(rows, finished, trial.TrainSamples, batch);
    }
}
