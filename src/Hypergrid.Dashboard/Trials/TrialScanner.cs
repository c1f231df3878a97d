using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Trials;
using Hypergrid.Trials.Code;
using Hypergrid.Trials.Logs;
using Listed = (Hypergrid.Trials.TrialRecord Record, Hypergrid.Dashboard.Trials.ShownConfig? Config, string? Log, System.Collections.Generic.Dictionary<string, double?> Final);

namespace Hypergrid.Dashboard.Trials;

/// <summary>
/// Lists every trial under out/log as its <see cref="TrialRecord"/> and the config to show: for a result, the
/// config it was trained with (run.json); otherwise the cfg.yaml it will train with. A trial folder is re-read only
/// when its modification time changes (every write in a trial is a create or rename); a claimed trial's
/// liveness is checked on each call. That keeps the list of 1,000 trials a matter of milliseconds.
/// </summary>
public sealed class TrialScanner(string logRoot, IConfigSchema? schema = null)
{
    private ConcurrentDictionary<string, Entry> cache = new(StringComparer.Ordinal);

    // What the cache keeps of one trial folder. A class, not a tuple: a dictionary of reference values runs the framework's
    // precompiled code, one of a six-field tuple had its own compiled by the JIT during a first answer.
    private sealed record Entry(DateTime Stamp, TrialRecord Record, ShownConfig? Config, Func<RunRecord?, string?> Current, string? Log, Dictionary<string, double?>? Final)
    {
        /// <summary>What out/log's list index keeps of it (null: it does not belong there, or there is no index).</summary>
        public TrialListIndexEntry? Indexed { get; init; }
    }

    public string LogRoot => logRoot;

    /// <summary>
    /// What tells a scan that nothing under out/log changed (null: every scan reads every folder's time). With it, a
    /// scan while the journal is quiet re-reads only claimed or running trials (a holder may have died) and judges the
    /// code again; every <see cref="SafetyRescan"/> it reads every folder anyway.
    /// </summary>
    public ChangeJournal? Journal { get; init; }

    /// <summary>How long a quiet journal is trusted before a full scan (a missed event is repaired within it).</summary>
    public TimeSpan SafetyRescan { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether a full scan takes finished trials from out/log's list index when their files are as they were, and keeps
    /// the index up to date in the background (see <see cref="TrialListIndex"/>; the dashboard's scanner does).
    /// </summary>
    public bool UseIndex { get; init; }

    private TrialListIndex? index;
    private readonly Lock indexGate = new();

    /// <summary>The list index, loaded at the first full scan that wants it (null: not used).</summary>
    internal TrialListIndex? Index
    {
        get
        {
            if (!UseIndex) return null;
            if (index is { } known) return known;
            lock (indexGate) return index ??= TrialListIndex.Load(logRoot, TrialListIndex.Build(schema));
        }
    }

    /// <summary>
    /// Writes the list index of the last full scan in the background, if it changed (see <see cref="TrialListIndex"/>):
    /// called once an answer is sent, so that the write never shares the cores with it.
    /// </summary>
    public void SaveIndex() => index?.SavePending();

    // The last full scan: the journal's version before it began, when it ran, the folders it found in order, its answer,
    // which of its trials can change with nothing written (claimed or running: liveness; a program's result: its code),
    // and the fingerprint of all the others.
    private volatile FullScan? lastFull;

    private sealed record FullScan(long Version, long Ticks, List<string> Dirs, List<Listed> Trials, int[] Dynamic, ulong StaticPrint);

    /// <summary>Scans that read every folder (the first, after any change, and every <see cref="SafetyRescan"/>).</summary>
    public long FullScans => Interlocked.Read(ref fullScans);
    private long fullScans;

    /// <summary>Trial folders the last scan looked into: all of them in a full scan; in a quiet one only those that can change unwritten.</summary>
    public int LastVisited { get; private set; }

    /// <summary>Every trial: its record, the config to show, and which batch log the page can plot (null: none yet).</summary>
    public IReadOnlyList<Listed> Scan() => ScanWithFingerprint().Trials;

    /// <summary>
    /// The scan and its <see cref="ScanFingerprint"/>: equal fingerprints, equal answers. While the journal is quiet it
    /// costs the trials that can change with nothing written (none in a finished study), not the study's size: the last
    /// full scan's answer is reused as it is, and only those trials are read and judged again.
    /// </summary>
    public (IReadOnlyList<Listed> Trials, ulong Fingerprint) ScanWithFingerprint()
    {
        if (!Directory.Exists(logRoot)) return ([], new ScanFingerprint().Value);
        // An edit of a program's code changes no trial folder: each scan judges the cached results by today's code.
        var code = CodeJudge.ForLog(logRoot);
        var version = Journal?.Version ?? 0;
        var full = lastFull;
        if (Journal is { Healthy: true } && full is not null && full.Version == version && Environment.TickCount64 - full.Ticks < SafetyRescan.TotalMilliseconds)
            return Quiet(full, code);
        Interlocked.Increment(ref fullScans);
        var dynamic = new List<int>();
        var print = new ScanFingerprint();
        var leaves = new ScanLeaves();
        // The index (28 MB at 100,000 trials) read and checked on another core while this one lists the folders.
        var loading = UseIndex && index is null ? Task.Run(() => Index) : null;
        var dirs = TrialFolders.Under(logRoot).ToList();
        loading?.Wait();
        // Each folder is read on its own (a first answer at 100,000 trials reads as many run.json and cfg.yaml files):
        // on every core, then put together in folder order.
        var listed = new Listed[dirs.Count];
        var entries = new Entry[dirs.Count];
        // Each trial's part of the fingerprint, made on every core with the rest of its work (a loop over 100,000 after
        // them kept one core waiting); put together in folder order after, the same value.
        var prints = new ulong[dirs.Count];
        // A first scan fills the cache in one go: sized for it at once (grown by doubling, its table was locked whole and
        // made again about twenty times at 100,000 trials).
        if (cache is { IsEmpty: true } empty && dirs.Count > 1024) Interlocked.CompareExchange(ref cache, new(Environment.ProcessorCount, dirs.Count, StringComparer.Ordinal), empty);
        // Each trial folder opened once, its files by their names relative to it (not looked up from / for each file).
        var listIndex = Index;
        var opener = new TrialFolderOpener(logRoot) { Stamping = listIndex is not null };
        // Before any file is read: a file changed after this (less a clock tick) is not trusted to the index.
        var scanStartNs = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        Parallel.For(0, dirs.Count, i =>
        {
            var dir = dirs[i];
            using var folder = opener.Open(dir);
            var stamp = folder.LastWriteTimeUtc();
            // A paused trial's state and rank also change with its leaf's search decisions (a file beside the trials):
            // looked at once per leaf and scan, as is the id its trials share.
            var (id, decisions) = leaves.Of(dir);
            if (decisions > stamp) stamp = decisions;
            if (!cache.TryGetValue(dir, out var entry) || entry.Stamp != stamp)
            {
                // A finished trial whose three files are as the index says: three statx calls, nothing opened or parsed.
                if (listIndex is not null && dir.StartsWith(rootSlash, StringComparison.Ordinal) && listIndex.Lookup(dir.AsSpan(rootSlash.Length), folder) is { } indexed)
                {
                    entry = new Entry(stamp, indexed.Record(id, dir), indexed.Config, Unknown, indexed.State == TrialState.Damaged ? null : TrialFiles.BatchLog, null) { Indexed = indexed };
                    cache[dir] = entry;
                    entries[i] = entry;
                    listed[i] = Judged(entry, code);
                    prints[i] = Print(i, dir, entry.Stamp, listed[i]);
                    return;
                }
                var (config, current) = ReadConfig(folder);
                var record = TrialRecord.Read(folder, id, current);
                // A result shows the config it was trained with: the cfg.yaml's JSON is made only for the others. Only a
                // trial read again while its folder is unchanged (a live one) needs its current hash again: the others do
                // not keep their parsed config alive (100,000 of them are most of what a first answer's collections copy).
                var shown = record.TrainedConfig is { } trained ? ShownConfig.Of(trained) : config is null ? null : ShownConfig.OfJson(JsonOf(config));
                entry = new Entry(stamp, record, shown, Live(record) ? current : Unknown, LogOf(record), FinalOf(record))
                {
                    Indexed = listIndex is null ? null : TrialListIndex.Of(folder, record, shown, scanStartNs),
                };
                cache[dir] = entry;
            }
            else if (Live(entry.Record)) cache[dir] = entry = Reread(dir, entry);
            entries[i] = entry;
            listed[i] = Judged(entry, code);
            if (!Dynamic(entry)) prints[i] = Print(i, dir, entry.Stamp, listed[i]);
        });
        for (var i = 0; i < dirs.Count; i++)
        {
            if (Dynamic(entries[i])) dynamic.Add(i);
            else print.Add(prints[i]);
        }
        var result = listed.ToList();
        // Kept up to date once the answer is sent (SaveIndex), on another thread, only when it would change.
        listIndex?.Keep(() => Indexable(dirs, entries));
        LastVisited = dirs.Count;
        var scan = new FullScan(version, Environment.TickCount64, dirs, result, [.. dynamic], print.Value);
        // The version read before the scan: a change during it moves the journal past it, and the next scan is full.
        lastFull = scan;
        return Quiet(scan, code, reread: false);
    }

    // The last full scan's answer with its changeable trials read (unless it was just made) and judged again.
    private (IReadOnlyList<Listed> Trials, ulong Fingerprint) Quiet(FullScan scan, CodeJudge code, bool reread = true)
    {
        var print = new ScanFingerprint();
        print.Add(scan.StaticPrint);
        List<Listed>? changed = null;
        foreach (var i in scan.Dynamic)
        {
            var dir = scan.Dirs[i];
            var listed = scan.Trials[i];
            if (reread && cache.TryGetValue(dir, out var entry))
            {
                if (Live(entry.Record)) cache[dir] = entry = Reread(dir, entry);
                listed = Judged(entry, code);
                (changed ??= [.. scan.Trials])[i] = listed;
            }
            print.Add(Print(i, dir, cache.TryGetValue(dir, out var now) ? now.Stamp : default, listed));
        }
        if (reread) LastVisited = scan.Dynamic.Length;
        return (changed ?? scan.Trials, print.Value);
    }

    // A full scan's indexed trials in folder order, keyed by their path under out/log.
    private List<(string Key, TrialListIndexEntry Entry)> Indexable(List<string> dirs, Entry[] entries)
    {
        var kept = new List<(string, TrialListIndexEntry)>(entries.Length);
        for (var i = 0; i < entries.Length; i++)
            if (entries[i].Indexed is { } e && dirs[i].StartsWith(rootSlash, StringComparison.Ordinal)) kept.Add((dirs[i][rootSlash.Length..], e));
        return kept;
    }

    // Whether a trial can change with nothing written: claimed or running (liveness), or a program's result (its code).
    private static bool Dynamic(Entry entry) => Live(entry.Record) || entry.Record.Run?.Code is not null;

    private static readonly Func<RunRecord?, string?> Unknown = _ => null;

    private readonly string rootSlash = Path.GetFullPath(logRoot).TrimEnd('/') + "/";

    // mode/dataset/model/trainer/trial_###/cfg.yaml, as Path.GetRelativePath gives it, cut from the listed path in one string.
    private string RelativeConfig(string dir) =>
        dir.StartsWith(rootSlash, StringComparison.Ordinal) ? string.Concat(dir.AsSpan(rootSlash.Length), "/" + TrialFiles.Config)
        : Path.GetRelativePath(logRoot, dir) + "/" + TrialFiles.Config;

    // One writer per thread, its buffer reused: a config's JSON is a hundred bytes, and a first list writes 100,000.
    [ThreadStatic] private static (System.Buffers.ArrayBufferWriter<byte> Buffer, System.Text.Json.Utf8JsonWriter Writer)? jsonWriter;

    // The config's JSON as the list writes it (the list's encoder), kept as bytes instead of nodes.
    private static byte[] JsonOf(CfgMap config)
    {
        jsonWriter ??= NewWriter();
        var (buffer, writer) = jsonWriter.Value;
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        ConfigJson.Write(writer, config);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static (System.Buffers.ArrayBufferWriter<byte>, System.Text.Json.Utf8JsonWriter) NewWriter()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        return (buffer, new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = Api.TrialListJson.Options.Encoder, SkipValidation = true }));
    }

    // Liveness changes without the folder changing: a claim's holder may have died since.
    private static bool Live(TrialRecord r) => r.Claim is not null || r.State == TrialState.Running;

    private Entry Reread(string dir, Entry entry)
    {
        var record = TrialRecord.Read(dir, entry.Record.Id, entry.Current);
        return entry with { Record = record, Log = LogOf(record) };
    }

    private static Listed Judged(Entry entry, CodeJudge code) =>
        (code.Judge(entry.Record), entry.Config, entry.Log, entry.Record.Run?.Final ?? entry.Final ?? []);

    // What of one trial the answer shows and can change: its place, folder and time, state, note, error, resume point, log.
    private static ulong Print(int index, string dir, DateTime stamp, Listed listed)
    {
        var print = new ScanFingerprint();
        print.Add((ulong)index);
        print.Add(dir);
        print.Add((ulong)stamp.Ticks);
        print.Add(listed.Record.State.Name());
        print.Add(listed.Record.Note);
        print.Add(listed.Record.Error);
        print.Add(listed.Record.ResumesAt?.ToString());
        print.Add(listed.Log);
        return print.Value;
    }

    // A result written by another tool has no run.json: its final metrics come from its epoch log, as run.json's would.
    private Dictionary<string, double?>? FinalOf(TrialRecord r) =>
        r.Run is null && r.State is TrialState.Complete or TrialState.Orphan ? EpochLogFile.Load(logRoot, r.Directory)?.Table.FinalMetrics() : null;

    // A result's state says its batch log exists (TrialRecord.Read gives these only then): no stat to ask again.
    private static string? LogOf(TrialRecord r) =>
        r.State == TrialState.Damaged ? null
        : r.State is TrialState.Complete or TrialState.Stale or TrialState.Diverged ? TrialFiles.BatchLog
        : File.Exists(Path.Combine(r.Directory, TrialFiles.BatchLog)) ? TrialFiles.BatchLog
        : Attempt.LivePartialLog(r.Directory) is not null ? TrialFiles.PartialLog : null;

    // The config to show, as its mapping (its JSON is made only when no trained config is shown instead), and the hash of
    // what it asks for now (null: unknown, so nothing is called stale), made only for a result that recorded one.
    private (CfgMap? Config, Func<RunRecord?, string?> Current) ReadConfig(TrialFolder folder)
    {
        var dir = folder.Path;
        var bytes = folder.ReadBeneath(logRoot, TrialFiles.Config);
        if (bytes is null) return (null, _ => null);
        var file = RelativeConfig(dir);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        // The form the expander writes is read directly (a YAML parse costs most of a first answer at 100,000 trials); anything else by the loader.
        var map = CanonicalYaml.TryRead(text, file) ?? YamlLoader.LoadMapping(text, file, new List<ConfigError>());
        if (map is null) return (null, _ => null);
        return (map, run => ResultHash.Current(TrialConfig.FromMap(map, file), schema)(run));
    }
}
