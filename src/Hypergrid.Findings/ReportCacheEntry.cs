using Hypergrid.Trials;
using Hypergrid.Trials.Posix;

namespace Hypergrid.Findings;

/// <summary>
/// What a report read from one complete trial's files, kept in <see cref="ReportCache"/> with the stamps of the files
/// it came from (run.json, cfg.yaml, batch_log.csv, epoch_log.csv, in <see cref="ReportCache.Files"/>' order): the
/// fields of run.json a report uses, the config (as run.json's text, and as its group key with the seed), whether the
/// epoch log diverged, and the trial's value for each question asked of it (metric, reduction, goal). No statistic.
/// </summary>
internal sealed record ReportCacheEntry(
    FileStamp[] Stamps, bool HasRun, string CfgSha256, string? ParamsSha256, string? EffectiveSha256, double? ValLoss, bool HasValLoss,
    double? TrainLoss, bool HasTrainLoss, DataRecord? Data, string? CodeJson, string ConfigJson, string Key, long Seed, bool Diverged,
    string? CurrentNow, bool HasCurrentNow, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>The run record as far as a report judges it (state, staleness, divergence, data, code).</summary>
    public RunRecord? Run(Func<string, Hypergrid.Trials.Code.CodeRecord?> code)
    {
        if (!HasRun) return null;
        // Filled by hand: a LINQ chain over key-value pairs (structs) is compiled in a fresh process, and this runs per trial.
        var final = new Dictionary<string, double?>(2);
        if (HasValLoss) final["val_loss"] = ValLoss;
        if (HasTrainLoss) final["train_loss"] = TrainLoss;
        return new RunRecord
        {
            Status = RunStatus.Complete, CfgSha256 = CfgSha256, ParamsSha256 = ParamsSha256, EffectiveSha256 = EffectiveSha256, Data = Data,
            Code = CodeJson is null ? null : code(CodeJson), Final = final,
        };
    }
}
