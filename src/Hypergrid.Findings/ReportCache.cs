using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
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
    private static readonly byte[] Magic = "HGRC"u8.ToArray();
    private const int Version = 1;

    // The build that wrote it: keys, values and verdicts kept are derived by this build's rules, so another build's cache is another version.
    private static readonly byte[] Build = typeof(ReportCache).Assembly.ManifestModule.ModuleVersionId.ToByteArray();

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
        // Through the safe open: a cache that is a link (out of out/log) or a FIFO reads as absent. Streamed, not read
        // whole: a large array of 7 MB (10,000 trials) would cost the report a full collection.
        // Only a cache of this user's own: one written by another (root, a dashboard's service account) could hold
        // values of files this user may not read, or be made up by anyone who may write out/log.
        using var stream = SafeFiles.OpenOwn(Path.Combine(logRoot, FileName));
        return new ReportCache(stream is null || !FileStamp.OwnedByMe(stream.SafeFileHandle) ? new(StringComparer.Ordinal) : Parse(stream) ?? new(StringComparer.Ordinal));
    }

    /// <summary>The stamps of a trial's files now (null: one cannot be told, so nothing is cached for it).</summary>
    public static FileStamp[]? Stamp(string trialDir)
    {
        var stamps = new FileStamp[Files.Length];
        for (var i = 0; i < Files.Length; i++)
            if (FileStamp.Of(trialDir, Files[i]) is { } s) stamps[i] = s;
            else return null;
        return stamps;
    }

    /// <summary>The entry of a trial whose files are as they were (<paramref name="stamps"/> taken now) and that knows the answer to <paramref name="query"/>.</summary>
    /// <paramref name="needsNow"/>: the hash the trial's cfg.yaml asks for is judged from the file (no cfg/ tree says it), so the entry must have kept it.
    public ReportCacheEntry? Lookup(string trial, FileStamp[]? stamps, string query, bool needsNow)
    {
        if (stamps is null || !loaded.TryGetValue(trial, out var entry) || !entry.Stamps.AsSpan().SequenceEqual(stamps)) return null;
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
            var bytes = Serialize(entries);
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

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static byte[] Serialize(SortedDictionary<string, ReportCacheEntry> entries)
    {
        using var memory = new MemoryStream();
        using (var w = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(Build);
            w.Write(entries.Count);
            foreach (var (trial, e) in entries)
            {
                w.Write(trial);
                foreach (var s in e.Stamps) { w.Write(s.Dev); w.Write(s.Ino); w.Write(s.Size); w.Write(s.MtimeNs); w.Write(s.CtimeNs); }
                w.Write(e.HasRun);
                w.Write(e.CfgSha256);
                Optional(w, e.ParamsSha256);
                Optional(w, e.EffectiveSha256);
                w.Write(e.HasValLoss); w.Write(e.ValLoss ?? double.NaN); w.Write(e.ValLoss is not null);
                w.Write(e.HasTrainLoss); w.Write(e.TrainLoss ?? double.NaN); w.Write(e.TrainLoss is not null);
                w.Write(e.Data is not null);
                if (e.Data is { } d) { w.Write(d.Name); w.Write(d.Source); w.Write(d.TrainSamples); w.Write(d.ValSamples); w.Write(d.Checksum); }
                Optional(w, e.CodeJson);
                w.Write(e.ConfigJson);
                w.Write(e.Key);
                w.Write(e.Seed);
                w.Write(e.Diverged);
                w.Write(e.HasCurrentNow);
                Optional(w, e.CurrentNow);
                w.Write(e.Values.Count);
                foreach (var (q, v) in e.Values) { w.Write(q); w.Write(v); }
            }
        }
        // The whole file closed by its checksum: a cache cut short or changed by anyone else is ignored whole.
        memory.Write(XxHash3.Hash(memory.GetBuffer().AsSpan(0, (int)memory.Length)));
        return memory.ToArray();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<string, ReportCacheEntry>? Parse(Stream file)
    {
        try
        {
            if (file.Length < Magic.Length + 16) return null;
            // The checksum closes the file: what comes before it is hashed as it is read, and the entries kept only if it matches.
            var hashing = new HashingStream(new BufferedStream(file, 1 << 16), file.Length - 8);
            using var r = new BinaryReader(hashing, Encoding.UTF8, leaveOpen: true);
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic) || r.ReadInt32() != Version || !r.ReadBytes(Build.Length).AsSpan().SequenceEqual(Build)) return null;
            var count = r.ReadInt32();
            var entries = new Dictionary<string, ReportCacheEntry>(Math.Min(count, 1 << 20), StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var trial = r.ReadString();
                var stamps = new FileStamp[Files.Length];
                for (var f = 0; f < stamps.Length; f++) stamps[f] = new FileStamp(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
                var hasRun = r.ReadBoolean();
                var cfg = r.ReadString();
                var (parameters, effective) = (Optional(r), Optional(r));
                var (hasVal, val, valSet) = (r.ReadBoolean(), r.ReadDouble(), r.ReadBoolean());
                var (hasTrain, train, trainSet) = (r.ReadBoolean(), r.ReadDouble(), r.ReadBoolean());
                var data = r.ReadBoolean() ? new DataRecord(r.ReadString(), r.ReadString(), r.ReadInt32(), r.ReadInt32(), r.ReadString()) : null;
                var code = Optional(r);
                var (config, key, seed, diverged) = (r.ReadString(), r.ReadString(), r.ReadInt64(), r.ReadBoolean());
                var (hasNow, now) = (r.ReadBoolean(), Optional(r));
                var values = new Dictionary<string, double>(StringComparer.Ordinal);
                for (var n = r.ReadInt32(); n > 0; n--) values[r.ReadString()] = r.ReadDouble();
                entries[trial] = new ReportCacheEntry(stamps, hasRun, cfg, parameters, effective, valSet ? val : null, hasVal, trainSet ? train : null, hasTrain,
                    data, code, config, key, seed, diverged, now, hasNow, values);
            }
            return hashing.Remaining == 0 && hashing.Closes() ? entries : null;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or FormatException or ArgumentException or DecoderFallbackException)
        {
            return null;
        }
    }

    // Reads the first `length` bytes of a stream, hashing them; then the 8 that follow must be their xxh3.
    private sealed class HashingStream(Stream inner, long length) : Stream
    {
        private readonly XxHash3 hash = new();

        public long Remaining { get; private set; } = length;

        public bool Closes()
        {
            Span<byte> stored = stackalloc byte[8];
            inner.ReadExactly(stored);
            return inner.ReadByte() < 0 && hash.GetCurrentHash().AsSpan().SequenceEqual(stored);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, Remaining)]);
            hash.Append(buffer[..n]);
            Remaining -= n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static void Optional(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }

    private static string? Optional(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}
