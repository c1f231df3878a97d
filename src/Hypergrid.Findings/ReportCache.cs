using System.Collections.Concurrent;
using Hypergrid.Trials;
using Hypergrid.Trials.Posix;

namespace Hypergrid.Findings;

/// <summary>
/// out/log/.report-cache: what a report read from each complete trial's files, so that the next report of an unchanged
/// study looks at each file once (one statx) instead of opening and parsing it. Never trusted over the folders: an
/// entry stands only while every file it came from has the very device, inode, size, modification and change time it
/// had (a file rewritten with its size and time set back has a new change time; one replaced has a new inode), and a
/// file changed within <see cref="RacyNanoseconds"/> of being read is not kept at all (its change time could not tell a
/// second write in the same clock tick). A damaged, truncated or other-version cache is ignored whole; it is written by
/// temp file and rename. It holds no statistic: groups, tests and intervals are computed from the values every time.
/// </summary>
internal sealed class ReportCache
{
    public const string FileName = ".report-cache";

    /// <summary>The files of a trial an entry stands for, in the order of its stamps.</summary>
    public static readonly string[] Files = [TrialFiles.Run, TrialFiles.Config, TrialFiles.BatchLog, TrialFiles.EpochLog];

    private const long RacyNanoseconds = 100_000_000;

    private readonly Dictionary<string, ReportCacheEntry> loaded;
    private readonly ConcurrentDictionary<string, ReportCacheEntry> kept;
    private readonly ConcurrentDictionary<string, Hypergrid.Trials.Code.CodeRecord?> codes = new(StringComparer.Ordinal);
    private readonly long startedNs = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
    private int hits, changes;

    // Sized for every trial it knows at once: grown by doubling, its tables of 10,000 trials were large objects made four times.
    private ReportCache(Dictionary<string, ReportCacheEntry> loaded) =>
        (this.loaded, kept) = (loaded, new(Environment.ProcessorCount, Math.Max(31, loaded.Count), StringComparer.Ordinal));

    /// <summary>Trials answered from the cache in this report.</summary>
    public int Hits => hits;

    /// <summary>The cache of <paramref name="logRoot"/>, empty when there is none or it cannot be trusted.</summary>
    public static ReportCache Load(string logRoot)
    {
        // Through the safe open: a cache that is a link (out of out/log) or a FIFO reads as absent.
        // Only a cache of this user's own: one written by another (root, a dashboard's service account) could hold
        // values of files this user may not read, or be made up by anyone who may write out/log.
        using var stream = SafeFiles.OpenOwn(Path.Combine(logRoot, FileName));
        return new ReportCache(stream is null || !FileStamp.OwnedByMe(stream.SafeFileHandle) ? new(StringComparer.Ordinal) : ReportCacheFormat.Read(stream) ?? new(StringComparer.Ordinal));
    }

    /// <summary>
    /// The stamps of a trial's files now, into <paramref name="stamps"/> (one per <see cref="Files"/>), relative to its leaf
    /// (<paramref name="leaf"/>); false when one cannot be told, so nothing is cached for it.
    /// </summary>
    public static bool Stamp(LeafStamper leaf, string trialDir, Span<FileStamp> stamps)
    {
        for (var i = 0; i < Files.Length; i++)
            if (leaf.Of(trialDir, Files[i]) is { } s) stamps[i] = s;
            else return false;
        return true;
    }

    /// <summary>The entry of a trial whose files are as they were (<paramref name="stamps"/> taken now; empty: unknown) and that knows the answer to <paramref name="query"/>.</summary>
    /// <paramref name="needsNow"/>: the hash the trial's cfg.yaml asks for is judged from the file (no cfg/ tree says it), so the entry must have kept it.
    public ReportCacheEntry? Lookup(string trial, ReadOnlySpan<FileStamp> stamps, string query, bool needsNow)
    {
        if (stamps.IsEmpty || !loaded.TryGetValue(trial, out var entry) || !entry.Stamps.AsSpan().SequenceEqual(stamps)) return null;
        if (!entry.Values.ContainsKey(query) || needsNow && !entry.HasCurrentNow && (entry.EffectiveSha256 ?? entry.ParamsSha256) is not null) return null;
        kept[trial] = entry;
        Interlocked.Increment(ref hits);
        return entry;
    }

    /// <summary>What a report read of a trial, kept when every file was last changed well before it was read.</summary>
    public void Add(string trial, ReportCacheEntry entry, string query, double value)
    {
        if (entry.Stamps.Any(s => s.CtimeNs > startedNs - RacyNanoseconds || s.MtimeNs > startedNs - RacyNanoseconds)) return;
        // The answers to other questions stay with the same files.
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (loaded.TryGetValue(trial, out var old) && old.Stamps.AsSpan().SequenceEqual(entry.Stamps))
            foreach (var (q, v) in old.Values.Take(7)) values[q] = v;
        values[query] = value;
        kept[trial] = entry with { Values = values };
        Interlocked.Increment(ref changes);
    }

    /// <summary>A program's code record, parsed once per distinct text.</summary>
    public Hypergrid.Trials.Code.CodeRecord? Code(string json) =>
        codes.GetOrAdd(json, j => System.Text.Json.JsonSerializer.Deserialize(j, TrialJson.Default.CodeRecord));

    /// <summary>
    /// Writes the cache when this report changed it: the trials it read or found unchanged, and (when it read only some,
    /// <paramref name="partial"/>) the entries of the others as they were. A cache that cannot be written is only skipped.
    /// </summary>
    public void Save(string logRoot, bool partial)
    {
        if (!OperatingSystem.IsLinux() || changes == 0 && (partial || kept.Count == loaded.Count)) return; // off Linux no file can be stamped
        var entries = new SortedDictionary<string, ReportCacheEntry>(kept, StringComparer.Ordinal);
        if (partial) foreach (var (k, v) in loaded) entries.TryAdd(k, v);
        try
        {
            RemoveLeftovers(logRoot);
            // Readable by its owner alone (it holds values of files others may not read); renamed over the old whole.
            var bytes = ReportCacheFormat.Serialize(entries);
            AtomicFile.Write(Path.Combine(logRoot, FileName), file => file.Write(bytes), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* answered without it */ }
    }

    // Temp files of reports killed while writing (kill -9, Ctrl-C): gone after ten minutes (a report writing now is far quicker).
    private static void RemoveLeftovers(string logRoot)
    {
        foreach (var file in Directory.EnumerateFiles(logRoot, "." + FileName + ".*.tmp"))
            if (File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddMinutes(-10))
                try { File.Delete(file); } catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }
}
