using System.Text.Json.Nodes;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Trials;
using Hypergrid.Trials.Code;
using Hypergrid.Trials.Logs;
using Hypergrid.Trials.Posix;

namespace Hypergrid.Findings;

/// <summary>
/// Reads one trial folder to what a report needs of it (<see cref="ReportTrial"/>): from its files, or, when every file
/// is as it was when a report last read it, from <see cref="ReportCache"/> (then its state is judged again from the
/// kept run.json fields, today's config hashes and today's code, as a read would). Thread-safe: a report reads every
/// trial on every core.
/// </summary>
internal sealed class ReportTrialReader(string logRoot, ReportOptions o, MetricName metric, MetricName? atBest, string goal, ReportCache? cache, CodeJudge code, SortedSet<string> offered)
{
    // The question a value answers: a cached value stands only for the same one.
    private readonly string query = string.Join('\u0001', o.Metric, o.AtBest ?? "", o.Reduce, goal, o.Schema?.GetType().FullName ?? "");

    /// <summary>The trial at <paramref name="dir"/>, read by a worker that keeps <paramref name="leaf"/> between its trials.</summary>
    public ReportTrial Read(string dir, ReadingLeaf leaf)
    {
        var id = leaf.Id(dir);
        if (!o.Filters.Matches(id.Mode, id.Dataset, id.Model, id.Trainer) || o.Only is { } only && !only(id)) return default;
        var current = o.Current?.Invoke(id);
        // The files' stamps before they are read: a change after this shows as a new stamp next time.
        Span<FileStamp> taken = stackalloc FileStamp[ReportCache.Files.Length];
        var stamps = cache is not null && ReportCache.Stamp(leaf.Stamps, dir, taken) ? taken : [];
        var name = cache is null ? "" : id.ToString();
        if (cache?.Lookup(name, stamps, query, needsNow: current is null) is { } hit) return FromCache(dir, id, hit, current);
        string? now = null;
        var asked = false;
        var first = TrialRecord.Read(dir, id, current ?? (run => { asked = true; return now = CurrentParams.Of(logRoot, dir, run, o.Schema); }));
        var record = code.Judge(first);
        // A result trained by other code is a result: reported, as its own group, and said so.
        var config = record.State.IsResult() ? TrainedConfig.Of(logRoot, record)
            : record.State == TrialState.Paused && o.IncludePaused ? record.Run?.Config : null;
        // A paused trial (asked for) counts with the epochs it trained: its own attempt's log.
        var table = config is null ? null : record.State == TrialState.Paused ? PausedLog(dir) : EpochLogFile.Load(logRoot, dir)?.Table;
        var value = table is { } l ? Value(l) : null;
        if (table is { } found && value is null) lock (offered) offered.UnionWith(MetricName.Of(found));
        // A log without run.json (or a paused trial's) can have diverged too: its final loss says so, as run.json's would.
        var diverged = table is { Diverged: true };
        if (diverged) record = record with { State = TrialState.Diverged };
        // The group key (the config without its seed, as canonical text) made here, on every core, once per trial.
        var key = config is null ? null : Reporter.Canonical(Reporter.Without(config, ["seed"]));
        var seed = config?["seed"] is JsonValue s && s.TryGetValue<long>(out var n) ? n : 0;
        // Kept: a finished trial judged from its run record (complete, stale or diverged) that has a value.
        if (cache is not null && !stamps.IsEmpty && value is { } v && config is not null && first.State is TrialState.Complete or TrialState.Stale or TrialState.Diverged)
        {
            var run = first.Run;
            var final = run?.Final ?? [];
            cache.Add(name, new ReportCacheEntry(stamps.ToArray(), run is not null, run?.CfgSha256 ?? "", run?.ParamsSha256, run?.EffectiveSha256,
                final.GetValueOrDefault("val_loss"), final.ContainsKey("val_loss"), final.GetValueOrDefault("train_loss"), final.ContainsKey("train_loss"),
                run?.Data, run?.Code is { } c ? System.Text.Json.JsonSerializer.Serialize(c, TrialJson.Default.CodeRecord) : null,
                config.ToJsonString(), key!, seed, diverged, now, asked, new Dictionary<string, double>()), query, v);
        }
        return new ReportTrial(true, record, config, null, value, key, seed);
    }

    // As a read of the same files would: the state from the run record, today's hashes and today's code; the rest as read.
    private ReportTrial FromCache(string dir, TrialId id, ReportCacheEntry hit, Func<RunRecord?, string?>? current)
    {
        var record = code.Judge(TrialRecord.Finished(dir, id, hit.Run(cache!.Code), current ?? (_ => hit.CurrentNow)));
        var complete = record.State.IsResult();
        if (complete && hit.Diverged) record = record with { State = TrialState.Diverged };
        return complete ? new ReportTrial(true, record, null, hit.ConfigJson, hit.Values[query], hit.Key, hit.Seed) : new ReportTrial(true, record, null, null, null, null, 0);
    }

    private EpochTable? PausedLog(string trialDir) =>
        Attempt.LivePartialLog(trialDir) is { } partial && SafeFiles.ReadAll(logRoot, partial) is { } bytes ? EpochAggregator.FromBytes(bytes) : null;

    /// <summary>One trial's number: the metric's final or best epoch, or its value at the epoch where another metric is best (ties to the earliest).</summary>
    private double? Value(EpochTable table)
    {
        double? At(MetricName m, int row) => table.Get(row, m.Column);
        if (atBest is null) return table.Value(metric.Phase, metric.Column, o.Reduce, goal);
        var rows = table.RowsOf(metric.Phase).Where(r => At(metric, r) is not null).ToList();
        if (rows.Count == 0) return null;
        var judge = table.RowsOf(atBest.Phase).Where(r => At(atBest, r) is not null).ToList();
        if (judge.Count == 0) return null;
        // A judge that ended non-finite has no best epoch; a non-finite epoch is never the best one.
        if (!double.IsFinite(At(atBest, judge[^1])!.Value)) return double.NaN;
        judge = judge.Where(r => double.IsFinite(At(atBest, r)!.Value)).ToList();
        var sign = o.GoalOf(atBest.ToString()) == "max" ? -1 : 1;
        var epoch = table.Epochs[judge.OrderBy(r => sign * At(atBest, r)!.Value).ThenBy(r => table.Epochs[r]).First()];
        var at = rows.Where(r => table.Epochs[r] == epoch).ToList();
        return at.Count == 0 ? null : At(metric, at[0]);
    }
}
