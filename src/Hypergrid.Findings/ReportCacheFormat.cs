using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Hypergrid.Trials;
using Hypergrid.Trials.Posix;

namespace Hypergrid.Findings;

/// <summary>
/// The bytes of out/log/.report-cache: a magic, a version, the build that wrote it, the entries (as BinaryWriter writes
/// strings, integers and doubles), closed by the xxh3 of everything before it. Read whole into a pooled buffer, checked
/// against its checksum, then parsed from the buffer: a 7 MB cache of 10,000 trials was 30 reads through two streams per
/// entry, each hashed on its own, and took about as long as stamping every trial's files.
/// </summary>
internal static class ReportCacheFormat
{
    private static readonly byte[] Magic = "HGRC"u8.ToArray();
    private const int Version = 1;

    // The build that wrote it: keys, values and verdicts kept are derived by this build's rules, so another build's cache is another version.
    private static readonly byte[] Build = typeof(ReportCacheFormat).Assembly.ManifestModule.ModuleVersionId.ToByteArray();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static byte[] Serialize(SortedDictionary<string, ReportCacheEntry> entries)
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

    /// <summary>The entries of the cache open on <paramref name="file"/>; null when it is damaged, cut short, grown while read, or another version's.</summary>
    public static Dictionary<string, ReportCacheEntry>? Read(FileStream file)
    {
        long length;
        try { length = file.Length; }
        catch (IOException) { return null; }
        if (length < Magic.Length + 16 || length > Array.MaxLength) return null;
        // Pooled: a fresh 7 MB array per report would count towards a full collection (the pool keeps one per process).
        var buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            var bytes = buffer.AsSpan(0, (int)length);
            return SpanReader.ReadChecked(file.SafeFileHandle, bytes) ? Parse(bytes[..^8]) : null;
        }
        catch (IOException) { return null; }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<string, ReportCacheEntry>? Parse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var r = new SpanReader(bytes);
            if (!r.Bytes(Magic.Length).SequenceEqual(Magic) || r.Int32() != Version || !r.Bytes(Build.Length).SequenceEqual(Build)) return null;
            var count = r.Int32();
            var entries = new Dictionary<string, ReportCacheEntry>(Math.Clamp(count, 0, 1 << 20), StringComparer.Ordinal);
            var queries = new Queries();
            for (var i = 0; i < count; i++)
            {
                var trial = r.String();
                var stamps = new FileStamp[ReportCache.Files.Length];
                for (var f = 0; f < stamps.Length; f++) stamps[f] = new FileStamp(r.Int64(), r.Int64(), r.Int64(), r.Int64(), r.Int64());
                var hasRun = r.Bool();
                var cfg = r.String();
                var (parameters, effective) = (r.Optional(), r.Optional());
                var (hasVal, val, valSet) = (r.Bool(), r.Double(), r.Bool());
                var (hasTrain, train, trainSet) = (r.Bool(), r.Double(), r.Bool());
                var data = r.Bool() ? new DataRecord(r.String(), r.String(), r.Int32(), r.Int32(), r.String()) : null;
                var code = r.Optional();
                var (config, key, seed, diverged) = (r.String(), r.String(), r.Int64(), r.Bool());
                var (hasNow, now) = (r.Bool(), r.Optional());
                var n = r.Int32();
                var values = new Dictionary<string, double>(Math.Clamp(n, 0, 8), StringComparer.Ordinal);
                for (; n > 0; n--) values[queries.Of(r.Utf8())] = r.Double();
                entries[trial] = new ReportCacheEntry(stamps, hasRun, cfg, parameters, effective, valSet ? val : null, hasVal, trainSet ? train : null, hasTrain,
                    data, code, config, key, seed, diverged, now, hasNow, values);
            }
            return r.AtEnd ? entries : null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return null; // ArgumentOutOfRangeException: a length past the end
        }
    }

    // The questions a cache's values answer are few (a metric, a reduction, a goal) and every entry names them: one string each.
    private sealed class Queries
    {
        private readonly List<(byte[] Utf8, string Text)> known = [];

        public string Of(ReadOnlySpan<byte> utf8)
        {
            foreach (var (bytes, text) in known)
                if (utf8.SequenceEqual(bytes)) return text;
            var made = Encoding.UTF8.GetString(utf8);
            if (known.Count < 16) known.Add((utf8.ToArray(), made));
            return made;
        }
    }

    private static void Optional(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }
}
