using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Hypergrid.Findings;
using Hypergrid.Trials;
using Hypergrid.Trials.Posix;

namespace Hypergrid.Dashboard.Trials;

/// <summary>
/// The bytes of out/log/.trial-list-index: a magic, a version, the builds whose rules made it (see
/// <see cref="TrialListIndex.Build"/>), the count, the entries (as BinaryWriter writes strings, integers and doubles),
/// closed by the xxh3 of everything before it. Anything else (cut short, grown while read, another version or build, a
/// count that does not match, a byte changed) reads as no index at all.
/// </summary>
internal static class TrialListIndexFormat
{
    private static readonly byte[] Magic = "HGTL"u8.ToArray();
    private const int Version = 1;

    /// <summary>The file of these entries (keys relative to out/log, in the order given).</summary>
    public static byte[] Serialize(string build, IReadOnlyList<(string Key, TrialListIndexEntry Entry)> entries)
    {
        using var memory = new MemoryStream(Math.Max(4096, entries.Count * 512));
        using (var w = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(build);
            w.Write(entries.Count);
            var config = new ArrayBufferWriter<byte>(1024);
            using var json = new Utf8JsonWriter(config, new JsonWriterOptions { Encoder = Api.TrialListJson.Options.Encoder, SkipValidation = true });
            foreach (var (key, e) in entries)
            {
                w.Write(key);
                foreach (var s in e.Stamps) { w.Write(s.Dev); w.Write(s.Ino); w.Write(s.Size); w.Write(s.MtimeNs); w.Write(s.CtimeNs); }
                w.Write((int)e.State);
                Optional(w, e.Note);
                w.Write(e.Run is not null);
                if (e.Run is { } run)
                {
                    w.Write((int)run.Status);
                    w.Write(run.Data is not null);
                    if (run.Data is { } d) { w.Write(d.Name); w.Write(d.Source); w.Write(d.TrainSamples); w.Write(d.ValSamples); w.Write(d.Checksum); }
                    w.Write(run.Seconds is not null);
                    w.Write(run.Seconds ?? 0);
                    w.Write(run.Gpus is not null);
                    if (run.Gpus is { } gpus)
                    {
                        w.Write(gpus.Count);
                        foreach (var g in gpus) w.Write(g);
                    }
                    // In the record's order: the list writes them in it.
                    w.Write(run.Final.Count);
                    foreach (var (metric, value) in run.Final) { w.Write(metric); w.Write(value is not null); w.Write(value ?? 0); }
                }
                // The config as the list writes it (its encoder): written back raw, the same bytes.
                w.Write(e.Config is not null);
                if (e.Config is { } shown)
                {
                    config.ResetWrittenCount();
                    json.Reset(config);
                    shown.WriteTo(json, Api.TrialListJson.Options);
                    json.Flush();
                    w.Write(config.WrittenCount);
                    w.Write(config.WrittenSpan);
                }
            }
        }
        memory.Write(XxHash3.Hash(memory.GetBuffer().AsSpan(0, (int)memory.Length)));
        return memory.ToArray();
    }

    /// <summary>The entries of the index open on <paramref name="file"/>; null when it is damaged, cut short, grown while read, or another version's or build's.</summary>
    public static Dictionary<string, TrialListIndexEntry>? Read(FileStream file, string build)
    {
        long length;
        try { length = file.Length; }
        catch (IOException) { return null; }
        if (length < Magic.Length + 16 || length > Array.MaxLength) return null;
        // Not pooled: the entries' configs stay slices of it (one large array, never copied by a collection, instead of
        // 100,000 small ones).
        var buffer = GC.AllocateUninitializedArray<byte>((int)length);
        try
        {
            var bytes = buffer.AsSpan(0, (int)length);
            return SpanReader.ReadChecked(file.SafeFileHandle, bytes) ? Parse(buffer.AsMemory(0, (int)length - 8), build) : null;
        }
        catch (IOException) { return null; }
    }

    private static Dictionary<string, TrialListIndexEntry>? Parse(ReadOnlyMemory<byte> memory, string build)
    {
        try
        {
            var r = new SpanReader(memory.Span);
            if (!r.Bytes(Magic.Length).SequenceEqual(Magic) || r.Int32() != Version || r.String() != build) return null;
            var count = r.Int32();
            if (count < 0) return null;
            var entries = new Dictionary<string, TrialListIndexEntry>(Math.Min(count, 1 << 22), StringComparer.Ordinal);
            // Many trials share their strings (a data set's name, source and checksum, the metrics' names): kept once.
            var strings = new Dictionary<string, string>(StringComparer.Ordinal);
            var shared = strings.GetAlternateLookup<ReadOnlySpan<char>>();
            var datas = new Dictionary<DataRecord, DataRecord>();
            string Shared(ReadOnlySpan<byte> utf8)
            {
                Span<char> chars = stackalloc char[Math.Min(utf8.Length, 256)];
                if (utf8.Length > 256 || !Encoding.UTF8.TryGetChars(utf8, chars, out var n)) return Encoding.UTF8.GetString(utf8);
                if (shared.TryGetValue(chars[..n], out var known)) return known;
                var made = new string(chars[..n]);
                if (strings.Count < 4096) strings[made] = made;
                return made;
            }
            for (var i = 0; i < count; i++)
            {
                var key = r.String();
                var stamps = new FileStamp[TrialListIndex.Files.Length];
                for (var f = 0; f < stamps.Length; f++) stamps[f] = new FileStamp(r.Int64(), r.Int64(), r.Int64(), r.Int64(), r.Int64());
                var state = r.Int32();
                if (!Enum.IsDefined((TrialState)state)) return null;
                var note = r.Bool() ? Shared(r.Utf8()) : null;
                RunRecord? run = null;
                if (r.Bool())
                {
                    var status = r.Int32();
                    if (!Enum.IsDefined((RunStatus)status)) return null;
                    var data = r.Bool() ? new DataRecord(Shared(r.Utf8()), Shared(r.Utf8()), r.Int32(), r.Int32(), Shared(r.Utf8())) : null;
                    // Most trials of a study trained on the same data: one record for them all.
                    if (data is not null) data = datas.TryGetValue(data, out var same) ? same : datas[data] = data;
                    var (hasSeconds, seconds) = (r.Bool(), r.Double());
                    List<string>? gpus = null;
                    if (r.Bool())
                    {
                        var n = r.Int32();
                        if (n < 0 || n > 4096) return null;
                        gpus = new(n);
                        for (; n > 0; n--) gpus.Add(Shared(r.Utf8()));
                    }
                    var metrics = r.Int32();
                    if (metrics < 0 || metrics > 1 << 16) return null;
                    var final = new Dictionary<string, double?>(metrics, StringComparer.Ordinal);
                    for (; metrics > 0; metrics--)
                    {
                        var name = Shared(r.Utf8());
                        var (has, value) = (r.Bool(), r.Double());
                        if (!final.TryAdd(name, has ? value : null)) return null;
                    }
                    run = new RunRecord { Status = (RunStatus)status, Data = data, Seconds = hasSeconds ? seconds : null, Gpus = gpus, Final = final };
                }
                ShownConfig? config = null;
                if (r.Bool())
                {
                    var n = r.Int32();
                    if (n < 0) return null;
                    config = ShownConfig.OfJson(memory.Slice(r.Position, n));
                    r.Bytes(n);
                }
                if (!entries.TryAdd(key, new TrialListIndexEntry(stamps, (TrialState)state, note, run, config))) return null;
            }
            return r.AtEnd ? entries : null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return null; // ArgumentOutOfRangeException: a length past the end
        }
    }

    private static void Optional(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }
}
