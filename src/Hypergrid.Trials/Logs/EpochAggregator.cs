using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Hypergrid.Trials.Logs;

/// <summary>
/// Reduces batch-log rows to one row per (epoch, phase), incrementally: rows can be added as a
/// log grows, and only the new rows cost anything. Empty or non-numeric cells are skipped.
/// Works on the UTF-8 bytes directly (the log is our own unquoted CSV), and a whole file is
/// split at line boundaries and aggregated on every core, then merged.
/// </summary>
public sealed partial class EpochAggregator
{
    private readonly string[] header;
    private readonly int epochCol, modeCol;
    private readonly int[] metricCols;
    private readonly Reduction[] reductions;
    private readonly List<EpochGroup> groups = [];
    private readonly Dictionary<string, EpochGroup> byKey = [];
    private EpochGroup? last;
    private int largest = 16; // rows in the largest group closed so far
    // Whether a group keeps its median values once reduced: a log that grows keeps them (a group may take rows again); one
    // read whole lets them go for the next group (LetGo), and is read again keeping them if a group it let go recurs.
    private readonly bool keepValues;
    private double[]? spare; // the median values the group closed last let go

    private EpochAggregator(string[] header, bool keepValues = true)
    {
        this.header = header;
        this.keepValues = keepValues;
        epochCol = Array.IndexOf(header, "epoch");
        modeCol = Array.IndexOf(header, "mode");
        metricCols = Enumerable.Range(0, header.Length).Where(i => BatchLogSchema.ReductionOf(header[i]) is not (Reduction.Key or Reduction.Drop)).ToArray();
        reductions = metricCols.Select(i => BatchLogSchema.ReductionOf(header[i])).ToArray();
    }

    public int RowCount { get; private set; }

    /// <summary>An aggregator for a log with this header line; null when it lacks epoch or mode.</summary>
    public static EpochAggregator? ForHeader(string headerLine) => ForHeader(BatchLogHeader.Read(Encoding.UTF8.GetBytes(headerLine + "\n"))!);

    /// <summary>An aggregator for a log with this header; null when it lacks epoch or mode.</summary>
    public static EpochAggregator? ForHeader(BatchLogHeader header) => ForHeader(header, keepValues: true);

    private static EpochAggregator? ForHeader(BatchLogHeader header, bool keepValues) =>
        header.Epoch >= 0 && header.Phase >= 0 ? new EpochAggregator([.. header.Names], keepValues) : null;

    private EpochAggregator Empty() => new(header, keepValues);

    public void Add(string lines) => Add(Encoding.UTF8.GetBytes(lines));

    /// <summary>Adds complete data lines (no header); anything after the last newline is ignored.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a big log's first read runs this before tiering could
    public void Add(ReadOnlySpan<byte> lines)
    {
        // A header of a few hundred columns fits the stack; one of thousands does not need to.
        var width = header.Length;
        Span<int> starts = width <= 512 ? stackalloc int[width] : new int[width];
        Span<int> lengths = width <= 512 ? stackalloc int[width] : new int[width];
        while (BatchLogLine.Next(ref lines, out var line))
            if (AddRow(line, starts, lengths)) RowCount++;
    }

    // One row: its (epoch, phase) group found, then only the aggregated cells parsed, straight into the group (any column order).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool AddRow(ReadOnlySpan<byte> line, Span<int> starts, Span<int> lengths)
    {
        if (!BatchLogLine.Split(line, starts, lengths)) return false;
        var group = GroupOf(line.Slice(starts[epochCol], lengths[epochCol]), line.Slice(starts[modeCol], lengths[modeCol]));
        group.BeginRow();
        for (var m = 0; m < metricCols.Length; m++)
        {
            var c = metricCols[m];
            if (lengths[c] > 0 && FastNumber.TryParse(line.Slice(starts[c], lengths[c]), out var v)) group.Add(m, reductions[m], v);
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per row: optimized from the first row of a big log
    private EpochGroup GroupOf(ReadOnlySpan<byte> epoch, ReadOnlySpan<byte> phase)
    {
        // Rows arrive grouped, so the previous row's group is almost always the right one.
        if (last is not null && epoch.SequenceEqual(last.EpochBytes) && phase.SequenceEqual(last.PhaseBytes)) return last;
        if (last is not null)
        {
            largest = Math.Max(largest, last.Batches);
            // Rows arrive grouped, so this group is most likely complete: reduced now, while its values are in the cache.
            // A group that has recurred (a phase coming back within its epoch) is left to the end: reduced at every switch,
            // its medians would be selected over all its values so far each time, quadratic in its rows.
            if (!last.Recurs)
            {
                last.Reduced ??= last.Reduce(reductions);
                if (!keepValues) spare = last.LetGo() ?? spare;
            }
        }
        var e = Encoding.UTF8.GetString(epoch);
        var p = Encoding.UTF8.GetString(phase);
        return last = Find(e, p);
    }

    private EpochGroup Find(string epoch, string phase)
    {
        var key = epoch + "\n" + phase;
        if (byKey.TryGetValue(key, out var group))
        {
            if (group.LetGone) throw new Recurred();
            group.Recurs = true;
            return group;
        }
        // Groups of a log are alike in size: room for the largest so far, so a group's median values are not copied as it grows.
        group = new EpochGroup(epoch, phase, reductions, groups.Count == 0 ? 16 : largest, spare);
        spare = null;
        byKey[key] = group;
        groups.Add(group);
        return group;
    }

    /// <summary>Takes in another aggregator of the rows that follow this one's, none of whose groups this one has.</summary>
    private void Merge(EpochAggregator later)
    {
        // Taken over whole, reductions and all: none of them is in this aggregator (see AddBlock).
        foreach (var g in later.groups)
        {
            byKey[g.Epoch + "\n" + g.Phase] = g;
            groups.Add(g);
        }
        RowCount += later.RowCount;
        largest = Math.Max(largest, later.largest);
        last = null;
    }

    /// <summary>The epoch log so far: one row per (epoch, phase) in order of first appearance.</summary>
    public EpochTable ToTable()
    {
        // Medians make reducing the costly part of a big log; closed groups keep their values.
        var open = groups.Where(g => g.Reduced is null).ToList();
        if (open.Count > 64) Parallel.ForEach(open, g => g.Reduced = g.Reduce(reductions));
        var columns = metricCols.Select(i => header[i]).Append(EpochTable.BatchesColumn).ToList();
        var epochs = groups.Select(g => long.TryParse(g.Epoch, NumberStyles.Integer, CultureInfo.InvariantCulture, out var e) ? e : -1).ToList();
        return new EpochTable(columns, epochs, groups.Select(g => g.Phase).ToList(), groups.Select(g => g.Reduced ??= g.Reduce(reductions)).ToList());
    }

    /// <summary>Aggregates a whole batch log's bytes on every core, ignoring a trailing line without its newline. Null without a usable header.</summary>
    public static EpochTable? FromBytes(byte[] data)
    {
        try { return Aggregate(data, out _, BlockSize, 0, keepValues: false)?.ToTable(); }
        catch (Recurred) { return Aggregate(data, out _, BlockSize, 0, keepValues: true)?.ToTable(); }
    }

    // A group that let its median values go took rows again: the log is read again, every group keeping its values.
    private sealed class Recurred : Exception;

    /// <summary>
    /// Aggregates a batch log read from its start in blocks of a few megabytes (one buffer, reused: a 140 MB log is not
    /// held whole, nor a fresh 140 MB array zeroed by the kernel for each read), each block on every core; a trailing
    /// line without its newline is ignored. The same table as <see cref="FromBytes"/> of the file's bytes. Null without a usable header.
    /// </summary>
    public static EpochTable? FromStream(Stream stream) => FromStream(stream, BlockSize);

    /// <summary>
    /// <see cref="FromStream(Stream)"/> in blocks of another size, each on <paramref name="cores"/> cores (0: every core), so
    /// tests cut lines and groups at block ends and force the parallel path whatever machine runs them.
    /// </summary>
    internal static EpochTable? FromStream(Stream stream, int blockSize, int cores = 0)
    {
        if (!stream.CanSeek) return FromStream(stream, blockSize, cores, keepValues: true);
        var start = stream.Position;
        try { return FromStream(stream, blockSize, cores, keepValues: false); }
        catch (Recurred)
        {
            stream.Position = start;
            return FromStream(stream, blockSize, cores, keepValues: true);
        }
    }

    private static EpochTable? FromStream(Stream stream, int blockSize, int cores, bool keepValues)
    {
        // A file is cut into one range per core, each read by its core; anything else is read in blocks, each block on every core.
        if (stream is FileStream { CanSeek: true } file && FromRanges(file, blockSize, cores > 0 ? cores : Environment.ProcessorCount, keepValues) is (var ranged, true))
            return ranged?.ToTable();
        var buffer = ArrayPool<byte>.Shared.Rent(blockSize);
        try
        {
            var have = 0;
            EpochAggregator? all = null;
            while (true)
            {
                if (have == buffer.Length) Grow(ref buffer); // a line (or the header) longer than the buffer
                var read = stream.Read(buffer, have, buffer.Length - have);
                if (read <= 0) return all?.ToTable();
                have += read;
                var start = 0;
                if (all is null)
                {
                    if (BatchLogHeader.Read(buffer.AsSpan(0, have)) is not { } header) continue;
                    if ((all = ForHeader(header, keepValues)) is null) return null;
                    start = header.Length;
                }
                var end = Array.LastIndexOf(buffer, (byte)'\n', have - 1, have - start) + 1;
                if (end <= start) { if (start > 0) { Array.Copy(buffer, start, buffer, 0, have - start); have -= start; } continue; }
                all.AddBlock(buffer, start, end, cores);
                Array.Copy(buffer, end, buffer, 0, have - end); // the line still incomplete starts the next block
                have -= end;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private const int BlockSize = 4 << 20;

    private static void Grow(ref byte[] buffer)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.CopyTo(bigger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }

    /// <summary>
    /// Aggregates a batch log's bytes on every core. <paramref name="consumed"/> is where the complete
    /// lines end; the returned aggregator takes the rows that follow with <see cref="Add(ReadOnlySpan{byte})"/>.
    /// Null while the header line is incomplete or lacks epoch and mode.
    /// </summary>
    public static EpochAggregator? Aggregate(byte[] data, out int consumed) => Aggregate(data, out consumed, BlockSize, 0, keepValues: true);

    /// <summary><see cref="Aggregate(byte[], out int)"/> in blocks of another size, each on <paramref name="cores"/> cores (0: every core).</summary>
    internal static EpochAggregator? Aggregate(byte[] data, out int consumed, int blockSize, int cores, bool keepValues = true)
    {
        consumed = 0;
        if (BatchLogHeader.Read(data) is not { } header || ForHeader(header, keepValues) is not { } first) return null;
        var bodyEnd = Array.LastIndexOf(data, (byte)'\n') + 1;
        for (var at = header.Length; at < bodyEnd; at += blockSize)
        {
            var to = Math.Min(bodyEnd, at + blockSize);
            to = Array.IndexOf(data, (byte)'\n', to - 1) + 1; // whole lines
            first.AddBlock(data, at, to, cores);
            at = to - blockSize;
        }
        consumed = bodyEnd;
        return first;
    }

    /// <summary>
    /// Adds the whole lines of data[from..to] on every core: the block is cut at the starts of (epoch, phase) groups,
    /// the first part continues this aggregator's rows (its open group included), each other part starts afresh, and the
    /// parts are folded in in order. A part is folded in only when all its groups are new; a part holding a group already
    /// begun (a key that recurs, as in a program validating mid-epoch) is added again row by row, since adding its partial
    /// sums would regroup the additions. So every sum is the one a single pass takes, to the bit, whatever the core count.
    /// </summary>
    private void AddBlock(byte[] data, int from, int to, int cores)
    {
        var chunks = to - from < 1 << 20 ? 1 : cores > 0 ? cores : Environment.ProcessorCount;
        if (chunks == 1) { Add(data.AsSpan(from, to - from)); return; }
        var bounds = new int[chunks + 1];
        bounds[0] = from;
        bounds[chunks] = to;
        for (var c = 1; c < chunks; c++)
            bounds[c] = Math.Min(to, GroupStartAfter(data, to, Math.Max(from + (int)((long)(to - from) * c / chunks), bounds[c - 1]), this));
        var parts = new EpochAggregator[chunks];
        parts[0] = this;
        for (var c = 1; c < chunks; c++) parts[c] = Empty();
        try { Parallel.For(0, chunks, c => parts[c].Add(data.AsSpan(bounds[c], bounds[c + 1] - bounds[c]))); }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is Recurred)) { throw new Recurred(); }
        for (var c = 1; c < chunks; c++)
            if (parts[c].groups.Exists(g => byKey.ContainsKey(g.Epoch + "\n" + g.Phase))) Add(data.AsSpan(bounds[c], bounds[c + 1] - bounds[c]));
            else Merge(parts[c]);
    }

    /// <summary>
    /// The start of the first line at or after <paramref name="from"/> that begins a new (epoch, phase):
    /// chunks never split a run of one group's rows (a group recurring later is left to <see cref="AddBlock"/>).
    /// </summary>
    private static int GroupStartAfter(byte[] data, int to, int from, EpochAggregator shape)
    {
        var nl = Array.IndexOf(data, (byte)'\n', from, to - from);
        if (nl < 0) return to;
        var start = nl + 1;
        // One pair of cell arrays for every line looked at, and the first line's key kept as where it stands.
        var (starts, lengths) = (new int[shape.header.Length], new int[shape.header.Length]);
        var (keyAt, keyEnd) = (-1, -1);
        while (start < to)
        {
            var end = Array.IndexOf(data, (byte)'\n', start, to - start);
            if (end < 0) return to;
            if (keyAt < 0) (keyAt, keyEnd) = (start, end);
            else if (!shape.SameKey(data.AsSpan(keyAt, keyEnd - keyAt), data.AsSpan(start, end - start), starts, lengths)) return start;
            start = end + 1;
        }
        return to;
    }

    // Whether two lines hold the same (epoch, phase); a line whose cells cannot be split is its own key.
    private bool SameKey(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int[] starts, int[] lengths)
    {
        if (a.Length > 0 && a[^1] == '\r') a = a[..^1];
        if (b.Length > 0 && b[^1] == '\r') b = b[..^1];
        if (!BatchLogLine.Split(a, starts, lengths)) return a.SequenceEqual(b);
        var epoch = a.Slice(starts[epochCol], lengths[epochCol]);
        var phase = a.Slice(starts[modeCol], lengths[modeCol]);
        if (!BatchLogLine.Split(b, starts, lengths)) return false;
        return epoch.SequenceEqual(b.Slice(starts[epochCol], lengths[epochCol])) && phase.SequenceEqual(b.Slice(starts[modeCol], lengths[modeCol]));
    }
}
