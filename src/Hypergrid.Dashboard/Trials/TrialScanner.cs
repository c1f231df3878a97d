using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Trials;
using Hypergrid.Trials.Code;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Dashboard.Trials;

/// <summary>
/// Lists every trial under out/log as its <see cref="TrialRecord"/> and the config to show: for a result, the
/// config it was trained with (run.json); otherwise the cfg.yaml it will train with. A trial folder is re-read only
/// when its modification time changes (every write in a trial is a create or rename); a claimed trial's
/// liveness is checked on each call. That keeps the list of 1,000 trials a matter of milliseconds.
/// </summary>
public sealed class TrialScanner(string logRoot, IConfigSchema? schema = null)
{
    private readonly ConcurrentDictionary<string, (DateTime Stamp, TrialRecord Record, JsonObject? Config, Func<RunRecord?, string?> Current, string? Log, Dictionary<string, double?>? Final)> cache = new();

    public string LogRoot => logRoot;

    /// <summary>
    /// What tells a scan that nothing under out/log changed (null: every scan reads every folder's time). With it, a
    /// scan while the journal is quiet re-reads only claimed or running trials (a holder may have died) and judges the
    /// code again; every <see cref="SafetyRescan"/> it reads every folder anyway.
    /// </summary>
    public ChangeJournal? Journal { get; init; }

    /// <summary>How long a quiet journal is trusted before a full scan (a missed event is repaired within it).</summary>
    public TimeSpan SafetyRescan { get; init; } = TimeSpan.FromSeconds(30);

    // The last full scan: the journal's version before it began, when it ran, and the folders it found in order.
    private volatile FullScan? lastFull;

    private sealed record FullScan(long Version, long Ticks, List<string> Dirs);

    /// <summary>Every trial: its record, the config to show, and which batch log the page can plot (null: none yet).</summary>
    public IReadOnlyList<(TrialRecord Record, JsonObject? Config, string? Log, Dictionary<string, double?> Final)> Scan() => ScanWithFingerprint().Trials;

    /// <summary>The scan and its <see cref="ScanFingerprint"/>: equal fingerprints, equal answers.</summary>
    public (IReadOnlyList<(TrialRecord Record, JsonObject? Config, string? Log, Dictionary<string, double?> Final)> Trials, ulong Fingerprint) ScanWithFingerprint()
    {
        var result = new List<(TrialRecord, JsonObject?, string?, Dictionary<string, double?>)>();
        var print = new ScanFingerprint();
        if (!Directory.Exists(logRoot)) return (result, print.Value);
        var decisionStamps = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        // An edit of a program's code changes no trial folder: each scan judges the cached results by today's code.
        var code = CodeJudge.ForLog(logRoot);
        var version = Journal?.Version ?? 0;
        var full = lastFull;
        var quiet = Journal is { Healthy: true } && full is not null && full.Version == version && Environment.TickCount64 - full.Ticks < SafetyRescan.TotalMilliseconds;
        var dirs = quiet ? full!.Dirs : TrialFolders.Under(logRoot).ToList();
        foreach (var dir in dirs)
        {
            if (quiet && cache.TryGetValue(dir, out var known))
            {
                // Nothing changed on disk: only liveness (a claim's holder dying) and the code can change the answer.
                if (known.Record.Claim is not null || known.Record.State == TrialState.Running)
                {
                    known.Record = TrialRecord.Read(dir, known.Record.Id, known.Current);
                    known.Log = LogOf(known.Record);
                    cache[dir] = known;
                }
                Add(known.Stamp, known);
                continue;
            }
            var stamp = Directory.GetLastWriteTimeUtc(dir);
            // A paused trial's state and rank also change with its leaf's search decisions (a file beside the trials):
            // looked at once per leaf and scan.
            var leaf = Path.GetDirectoryName(dir)!;
            if (!decisionStamps.TryGetValue(leaf, out var decisions))
                decisionStamps[leaf] = decisions = File.GetLastWriteTimeUtc(Path.Combine(leaf, Hypergrid.Trials.Search.SearchDecision.File));
            if (decisions > stamp) stamp = decisions;
            if (!cache.TryGetValue(dir, out var entry) || entry.Stamp != stamp)
            {
                var (config, current) = ReadConfig(dir);
                var record = TrialRecord.Read(dir, TrialId.FromDirectory(dir), current);
                entry = (stamp, record, record.TrainedConfig ?? config, current, LogOf(record), FinalOf(record));
                cache[dir] = entry;
            }
            else if (entry.Record.Claim is not null || entry.Record.State == TrialState.Running)
            {
                // Liveness changes without the folder changing: a claim's holder may have died since.
                entry.Record = TrialRecord.Read(dir, entry.Record.Id, entry.Current);
                entry.Log = LogOf(entry.Record);
            }
            Add(stamp, entry);

            void Add(DateTime stamp, (DateTime Stamp, TrialRecord Record, JsonObject? Config, Func<RunRecord?, string?> Current, string? Log, Dictionary<string, double?>? Final) entry)
            {
                var judged = code.Judge(entry.Record);
                result.Add((judged, entry.Config, entry.Log, entry.Record.Run?.Final ?? entry.Final ?? []));
                print.Add(dir);
                print.Add((ulong)stamp.Ticks);
                print.Add(judged.State.Name());
                print.Add(judged.Note);
                print.Add(judged.Error);
                print.Add(judged.ResumesAt?.ToString());
                print.Add(entry.Log);
            }
        }
        // The version read before the scan: a change during it moves the journal past it, and the next scan is full.
        if (!quiet) lastFull = new FullScan(version, Environment.TickCount64, dirs);
        return (result, print.Value);
    }

    // A result written by another tool has no run.json: its final metrics come from its epoch log, as run.json's would.
    private Dictionary<string, double?>? FinalOf(TrialRecord r) =>
        r.Run is null && r.State is TrialState.Complete or TrialState.Orphan ? EpochLogFile.Load(logRoot, r.Directory)?.Table.FinalMetrics() : null;

    private static string? LogOf(TrialRecord r) =>
        r.State == TrialState.Damaged ? null
        : File.Exists(Path.Combine(r.Directory, TrialFiles.BatchLog)) ? TrialFiles.BatchLog
        : Attempt.LivePartialLog(r.Directory) is not null ? TrialFiles.PartialLog : null;

    // The config to show and the hash of what it asks for now (null: unknown, so nothing is called stale).
    private (JsonObject? Config, Func<RunRecord?, string?> Current) ReadConfig(string dir)
    {
        var bytes = SafeFiles.ReadAll(logRoot, Path.Combine(dir, TrialFiles.Config));
        if (bytes is null) return (null, _ => null);
        var file = Path.GetRelativePath(logRoot, dir) + "/" + TrialFiles.Config;
        var map = YamlLoader.LoadMapping(System.Text.Encoding.UTF8.GetString(bytes), file, new List<ConfigError>());
        if (map is null) return (null, _ => null);
        var config = TrialConfig.FromMap(map, file);
        return (config.ToJson(), ResultHash.Current(config, schema));
    }
}
