using Hypergrid.Trials;
using Hypergrid.Trials.Posix;

namespace Hypergrid.Dashboard.Trials;

/// <summary>
/// out/log/.trial-list-index: what the trial list took from each finished trial's files, so that a fresh dashboard checks
/// such a trial with three statx calls relative to its open folder instead of opening and parsing its cfg.yaml, run.json
/// and batch log. Never trusted over the files: an entry stands only while each of the three has the very device,
/// inode, size, modification and change time it had when it was read (a file rewritten with its size and time set back
/// has a new change time, one replaced a new inode, one removed or added another stamp), and no entry is made for a trial
/// any of whose files changed within <see cref="RacyNanoseconds"/> of the scan that read it (a second write in the same
/// clock tick would leave its stamps as they were). Only trials whose list entry depends on nothing but those files go
/// in (complete, stale, diverged, damaged with a regular batch log; never a program's result, judged against today's
/// code on every scan); claimed, running, paused, pending and failed ones are read as before. The file is this user's,
/// not a link, checked whole (a checksum, a count, the builds that wrote it); any doubt reads as no index. It is written
/// in the background once the answer of a full scan is sent, only when it would differ, by a temp file of a unique name renamed over it; where
/// it cannot be written (a read-only out/log) the list is scanned as before, silently. Deleting it is always safe.
/// </summary>
internal sealed class TrialListIndex
{
    public const string FileName = ".trial-list-index";

    /// <summary>The files of a trial an entry stands for, in the order of its stamps.</summary>
    public static readonly string[] Files = [TrialFiles.Config, TrialFiles.Run, TrialFiles.BatchLog];

    /// <summary>
    /// How recent a change makes a trial unfit for the index: file times come from the kernel's coarse clock (a tick of
    /// 1-10 ms), so two writes within one tick leave the same times; a tenth of a second covers any tick with room. It
    /// holds only where out/log's files are stamped finely and by a clock close to this host's: see <see cref="ClockAgrees"/>.
    /// </summary>
    public const long RacyNanoseconds = 100_000_000;

    private readonly string logRoot;
    private readonly string build;
    // What the file on disk holds (loaded, or last written by this process): a scan's entries equal to these, the same
    // objects in the same count, leave it as it is.
    private volatile Dictionary<string, TrialListIndexEntry> onDisk;
    private readonly Dictionary<string, TrialListIndexEntry>.AlternateLookup<ReadOnlySpan<char>> loaded;
    private int writing;
    private volatile bool unwritable;

    private TrialListIndex(string logRoot, string build, Dictionary<string, TrialListIndexEntry> entries)
    {
        (this.logRoot, this.build, onDisk) = (logRoot, build, entries);
        loaded = entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Entries the last load found (tests).</summary>
    public int Loaded => loaded.Dictionary.Count;

    /// <summary>Trials answered from the index so far (tests, the bench).</summary>
    public int Hits => hits;
    private int hits;

    /// <summary>Times the index was written by this process (tests).</summary>
    public int Writes => writes;
    private int writes;

    /// <summary>The last background write (tests wait for it; null: none started).</summary>
    public Task? Saving { get; private set; }

    /// <summary>
    /// The builds whose rules made the entries (the dashboard's, the trial files' and the config's assemblies, and the
    /// schema that judges staleness): an index another build wrote is ignored whole.
    /// </summary>
    public static string Build(Hypergrid.Config.Expansion.IConfigSchema? schema)
    {
        static string Id(System.Reflection.Assembly a) => a.ManifestModule.ModuleVersionId.ToString("N");
        return string.Join(' ', Id(typeof(TrialListIndex).Assembly), Id(typeof(TrialRecord).Assembly), Id(typeof(Hypergrid.Config.Yaml.CfgMap).Assembly),
            schema is null ? "no-schema" : schema.GetType().FullName + "@" + Id(schema.GetType().Assembly));
    }

    /// <summary>The index of <paramref name="logRoot"/>, empty when there is none or it cannot be trusted (see the class).</summary>
    public static TrialListIndex Load(string logRoot, string build)
    {
        Dictionary<string, TrialListIndexEntry>? entries = null;
        if (OperatingSystem.IsLinux())
            try
            {
                // Through the safe open: a link (out of out/log or not) or a FIFO reads as absent; and only this user's own (one
                // written by anyone else who may write out/log could make up a trial's state).
                using var stream = SafeFiles.OpenOwn(Path.Combine(logRoot, FileName));
                if (stream is not null && FileStamp.OwnedByMe(stream.SafeFileHandle)) entries = TrialListIndexFormat.Read(stream, build);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        return new TrialListIndex(logRoot, build, entries ?? new(StringComparer.Ordinal));
    }

    /// <summary>
    /// The entry of the trial <paramref name="key"/> (its path under out/log) whose three files, stamped now relative to
    /// its open <paramref name="folder"/>, are as they were read; null: read it.
    /// </summary>
    public TrialListIndexEntry? Lookup(ReadOnlySpan<char> key, TrialFolder folder)
    {
        if (!folder.Opened || !loaded.TryGetValue(key, out var entry)) return null;
        for (var i = 0; i < Files.Length; i++)
            if (folder.Stamp(Files[i]) is not { } now || now != entry.Stamps[i]) return null;
        Interlocked.Increment(ref hits);
        return entry;
    }

    /// <summary>
    /// The entry for a trial just read through <paramref name="folder"/> (stamping), or null when it does not belong in the
    /// index: its list entry depends on more than its three files, one of them was not read through the folder's
    /// descriptor as a regular file (a link, a FIFO, an error), or one changed within <see cref="RacyNanoseconds"/> of
    /// <paramref name="scanStartNs"/> (the wall clock in ns since 1970 before the scan read anything).
    /// </summary>
    public static TrialListIndexEntry? Of(TrialFolder folder, TrialRecord record, ShownConfig? config, long scanStartNs)
    {
        if (!folder.Opened || record.Claim is not null || record.ResumesAt is not null) return null;
        if (record.State is not (TrialState.Complete or TrialState.Stale or TrialState.Diverged or TrialState.Damaged)) return null;
        var run = record.Run;
        // A program's result: judged against today's code on every scan (CodeJudge), whatever its files say.
        if (run?.Code is not null) return null;
        var stamps = new FileStamp[Files.Length];
        for (var i = 0; i < Files.Length; i++)
        {
            if (folder.ReadStamp(Files[i]) is not { } s) return null;
            if (s != FileStamp.Absent && (s.CtimeNs > scanStartNs - RacyNanoseconds || s.MtimeNs > scanStartNs - RacyNanoseconds)) return null;
            stamps[i] = s;
        }
        // Damage the files' bytes decide only: an error reading the log (EIO, a permission) may pass, and is asked again.
        if (record.State == TrialState.Damaged && record.Note?.StartsWith("batch_log.csv cannot be read", StringComparison.Ordinal) != false) return null;
        // Its batch log was read (these states say it exists), as a regular file.
        if (stamps[2] == FileStamp.Absent) return null;
        // Without a record only where run.json is missing (one that did not read, by an error that may pass, is read again),
        // and only when damaged (a complete trial without one takes its final metrics from its epoch log, not indexed).
        if (run is null && (record.State != TrialState.Damaged || stamps[1] != FileStamp.Absent)) return null;
        // A record whose strings the format cannot hold (run.json's data or a GPU written null by hand or another tool,
        // which its reader lets through) keeps the trial out: written, it would fail the whole index.
        if (run is not null && (run.Data is { } d && (d.Name is null || d.Source is null || d.Checksum is null) || run.Gpus?.Any(g => g is null) == true)) return null;
        // Every string written back as it was: one that UTF-8 cannot carry (a lone surrogate) keeps the trial out.
        if (!Sound(record.Note) || run is not null && (!Sound(run.Data?.Name) || !Sound(run.Data?.Source) || !Sound(run.Data?.Checksum)
            || run.Gpus?.Any(g => !Sound(g)) == true || run.Final.Keys.Any(k => !Sound(k)))) return null;
        return new TrialListIndexEntry(stamps, record.State, record.Note, run, config);
    }

    private static bool Sound(string? s)
    {
        if (s is null) return true;
        for (var i = 0; i < s.Length; i++)
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return false;
        return true;
    }

    /// <summary>
    /// Keeps a full scan's entries (in folder order, made when the write begins) to write by <see cref="SavePending"/>:
    /// not now, while the answer this scan serves is still being written and sent on the same two cores.
    /// </summary>
    public void Keep(Func<IReadOnlyList<(string Key, TrialListIndexEntry Entry)>> scanned) => pending = scanned;

    private volatile Func<IReadOnlyList<(string Key, TrialListIndexEntry Entry)>>? pending;

    /// <summary>
    /// Writes the last kept scan's entries on another thread, when they differ from what the file holds and no write of
    /// this process is under way; a failure to write stops further tries in this process.
    /// </summary>
    public void SavePending()
    {
        if (unwritable || !OperatingSystem.IsLinux() || pending is null || Interlocked.Exchange(ref writing, 1) == 1) return;
        var scanned = Interlocked.Exchange(ref pending, null);
        if (scanned is null) { Volatile.Write(ref writing, 0); return; }
        Saving = Task.Run(() =>
        {
            try
            {
                var entries = scanned();
                if (Same(entries)) return;
                RemoveLeftovers();
                var bytes = TrialListIndexFormat.Serialize(build, entries);
                // Readable by its owner alone (it holds what files others may not read said); renamed over the old whole.
                AtomicFile.Write(Path.Combine(logRoot, FileName), file =>
                {
                    var before = DateTime.UtcNow;
                    file.Write(bytes);
                    file.Flush();
                    var after = DateTime.UtcNow;
                    // The racy rule compares file times with this host's clock: where the clock that stamps out/log's
                    // files (a file server's) is not within half the window of it, the rule could index a trial written
                    // within one tick of its read, so no index is kept there (the list is scanned as before).
                    if (file is FileStream fs && !ClockAgrees(before, after, File.GetLastWriteTimeUtc(fs.SafeFileHandle)))
                        throw new IOException("out/log's file clock differs from this host's: no trial list index");
                }, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                var now = new Dictionary<string, TrialListIndexEntry>(entries.Count, StringComparer.Ordinal);
                foreach (var (key, entry) in entries) now[key] = entry;
                onDisk = now;
                Interlocked.Increment(ref writes);
            }
            // Any failure (a full disk, a permission, a record the format cannot hold) stops further tries: the list is
            // read as without an index, never failed by it.
            catch (Exception) { unwritable = true; }
            finally { Volatile.Write(ref writing, 0); }
        });
    }

    /// <summary>
    /// Whether the file time <paramref name="stamped"/> of a write made between <paramref name="before"/> and
    /// <paramref name="after"/> on this host's clock agrees with it within half of <see cref="RacyNanoseconds"/>, and is
    /// finer than a second: a file server whose clock is off, or which stamps whole seconds (two writes a second apart
    /// would look alike), makes the racy rule unsound there.
    /// </summary>
    internal static bool ClockAgrees(DateTime before, DateTime after, DateTime stamped)
    {
        var slack = TimeSpan.FromTicks(RacyNanoseconds / 100 / 2);
        return stamped.Ticks % TimeSpan.TicksPerSecond != 0 && stamped >= before - slack && stamped <= after + slack;
    }

    private bool Same(IReadOnlyList<(string Key, TrialListIndexEntry Entry)> entries)
    {
        var disk = onDisk;
        if (disk.Count != entries.Count) return false;
        foreach (var (key, entry) in entries)
            if (!disk.TryGetValue(key, out var known) || !ReferenceEquals(known, entry)) return false;
        return true;
    }

    // Temp files of dashboards killed while writing: gone after ten minutes (a write is far quicker).
    private void RemoveLeftovers()
    {
        foreach (var file in Directory.EnumerateFiles(logRoot, "." + FileName + ".*.tmp"))
            if (File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddMinutes(-10))
                try { File.Delete(file); } catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
    }
}
