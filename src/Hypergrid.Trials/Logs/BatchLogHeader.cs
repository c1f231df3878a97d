namespace Hypergrid.Trials.Logs;

/// <summary>
/// The first line of a batch log as every reader reads it (the worker's tail and check, the epoch aggregation, the
/// dashboard's series, status): any length, a UTF-8 byte-order mark skipped, a CR before the newline dropped, names
/// split and unquoted as <see cref="BatchLogLine"/> splits cells. A log the
/// worker accepts is so read everywhere, and none is refused by one reader and read by another.
/// </summary>
public sealed class BatchLogHeader
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private BatchLogHeader(string[] names, int length)
    {
        Names = names;
        Length = length;
        Epoch = Array.IndexOf(names, "epoch");
        Phase = Array.IndexOf(names, "mode");
        Batch = Array.IndexOf(names, "batch");
    }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Bytes from the start of the file to the first row: the mark, the names and the newline.</summary>
    public int Length { get; }

    /// <summary>The epoch, phase (mode) and batch columns; -1 where the header lacks one.</summary>
    public int Epoch { get; }
    public int Phase { get; }
    public int Batch { get; }

    /// <summary>Cells a row has.</summary>
    public int Width => Names.Count;

    /// <summary>The header of a log's first bytes; null until its first line is whole.</summary>
    public static BatchLogHeader? Read(ReadOnlySpan<byte> data)
    {
        var nl = data.IndexOf((byte)'\n');
        return nl < 0 ? null : Parse(data[..nl], nl + 1);
    }

    // However long the first line is; null when the file has no newline. <paramref name="start"/>: the file's first bytes,
    // already read (no newline among them), read on from their end.
    private static BatchLogHeader? Read(Reader read, ReadOnlySpan<byte> start = default)
    {
        // Small first (a status or report reads the header of every trial's log), doubled while the line goes on; lent by
        // the pool, as the names are copied out of it.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(2048, start.Length));
        try
        {
            start.CopyTo(buffer);
            var have = start.Length;
            while (true)
            {
                var n = read(buffer.AsSpan(have), have);
                if (n <= 0) return null;
                var nl = buffer.AsSpan(have, n).IndexOf((byte)'\n');
                if (nl >= 0) return Parse(buffer.AsSpan(0, have + nl), have + nl + 1);
                have += n;
                if (have == buffer.Length)
                {
                    var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, have).CopyTo(larger);
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a file's header from its start (the stream's position is left after what was read).</summary>
    public static BatchLogHeader? Read(Stream stream)
    {
        stream.Seek(0, SeekOrigin.Begin);
        return Read((into, _) => stream.Read(into));
    }

    /// <summary>Reads a file's header through its handle (positional reads: the handle is shared).</summary>
    public static BatchLogHeader? Read(Microsoft.Win32.SafeHandles.SafeFileHandle handle) =>
        Read((into, at) => SafeFiles.ReadAt(handle, into, at));

    /// <summary>
    /// Whether a log's header, read through its handle, is whole and sound (<c>Read(handle) is { Problem: null }</c>) and
    /// how long it is: the same answer, without making its names where the line is plain ASCII without quotes (a first
    /// trial list checks 100,000 headers); any other line is read by <see cref="Read(Microsoft.Win32.SafeHandles.SafeFileHandle)"/>.
    /// </summary>
    public static bool IsSound(Microsoft.Win32.SafeHandles.SafeFileHandle handle, out int length) =>
        IsSound((into, at) => SafeFiles.ReadAt(handle, into, at), out length);

    /// <summary>As <see cref="IsSound(Microsoft.Win32.SafeHandles.SafeFileHandle, out int)"/>, through <paramref name="read"/>: each byte read once.</summary>
    internal static bool IsSound(Reader read, out int length)
    {
        Span<byte> first = stackalloc byte[512];
        var n = Math.Max(0, read(first, 0));
        var nl = first[..n].IndexOf((byte)'\n');
        if (nl >= 0 && Plain(first[..nl], out var sound))
        {
            length = nl + 1;
            return sound;
        }
        // Not plain: its names made from the bytes read, and from what follows them where the line goes on.
        var header = nl >= 0 ? Parse(first[..nl], nl + 1) : n == 0 ? null : Read(read, first[..n]);
        length = header?.Length ?? 0;
        return header is { Problem: null };
    }

    // A header line of ASCII names without quotes, judged by its bytes (equal bytes, equal names): sound when it names
    // epoch, mode and batch, none empty and none twice. False when the line is not plain: its names must be made.
    private static bool Plain(ReadOnlySpan<byte> line, out bool sound)
    {
        sound = false;
        if (line.StartsWith(Bom)) line = line[Bom.Length..];
        if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
        if (line.ContainsAnyExceptInRange((byte)0, (byte)0x7F) || line.Contains((byte)'"')) return false;
        // The names split at every comma (a plain line has no quotes); past 64 of them, made as strings.
        Span<Range> cells = stackalloc Range[64];
        var count = 0;
        for (var start = 0; ; )
        {
            if (count == cells.Length) return false;
            var comma = line[start..].IndexOf((byte)',');
            var end = comma < 0 ? line.Length : start + comma;
            cells[count++] = start..end;
            if (comma < 0) break;
            start = end + 1;
        }
        cells = cells[..count];
        var (epoch, mode, batch) = (false, false, false);
        for (var i = 0; i < cells.Length; i++)
        {
            var name = line[cells[i]];
            if (name.IsEmpty) return true;
            for (var j = 0; j < i; j++)
                if (name.SequenceEqual(line[cells[j]])) return true;
            epoch |= name.SequenceEqual("epoch"u8);
            mode |= name.SequenceEqual("mode"u8);
            batch |= name.SequenceEqual("batch"u8);
        }
        sound = epoch && mode && batch;
        return true;
    }

    private bool EmptyOrTwice()
    {
        var names = (string[])Names;
        if (names.Length > 64) return names.Any(n => n.Length == 0) || names.Distinct(StringComparer.Ordinal).Count() != names.Length;
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length == 0) return true;
            for (var j = 0; j < i; j++)
                if (string.Equals(names[i], names[j], StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Reads into a buffer from a file offset; returns the bytes read (0 at the end).</summary>
    internal delegate int Reader(Span<byte> into, long offset);

    private static BatchLogHeader Parse(ReadOnlySpan<byte> line, int length)
    {
        if (line.StartsWith(Bom)) line = line[Bom.Length..];
        if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
        var names = new string[BatchLogLine.Width(line)];
        for (var c = 0; c < names.Length; c++) names[c] = BatchLogLine.Text(BatchLogLine.Cell(ref line));
        return new BatchLogHeader(names, length);
    }

    /// <summary>Whether the header names the required columns (epoch, mode, batch), each once, and no empty column; null when it does.</summary>
    public string? Problem
    {
        get
        {
            // The common case, without building a message (every trial's header is checked by a first trial list).
            if (Epoch >= 0 && Phase >= 0 && Batch >= 0 && !EmptyOrTwice()) return null;
            var header = string.Join(',', Names);
            var missing = BatchLogCheck.Required.Where(r => !Names.Contains(r)).ToList();
            if (missing.Count > 0) return $"its header '{BatchLogCheck.Cut(header)}' lacks {string.Join(", ", missing)} (the first line must name the columns, e.g. epoch,mode,batch,loss)";
            if (Names.Any(n => n.Length == 0)) return $"its header '{BatchLogCheck.Cut(header)}' has an empty column name";
            var twice = Names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
            return twice is null ? null : $"its header names '{BatchLogCheck.Cut(twice.Key)}' twice";
        }
    }
}
