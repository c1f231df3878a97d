using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Hypergrid.Trials.Logs;

// A batch log file read on every core at once: the file is cut into one range per core at the starts of (epoch, phase)
// groups, and each core reads its own range (positioned reads, a buffer of its own) into an aggregator of its own. So the
// copying from the page cache is shared out too, and the cores meet once, at the end, not at every block. The ranges are
// folded in in order by the rule of AddBlock (a range holding a group already begun is added again, row by row), so every
// sum is still the one a single pass takes.
public sealed partial class EpochAggregator
{
    /// <summary>
    /// The file of <paramref name="stream"/> from its position on, in <paramref name="cores"/> ranges read at once (its
    /// aggregator, null without a usable header); not cut when one core is given, the file is under two blocks or its
    /// header is not whole in its first 64 KB (it is then read as a stream).
    /// </summary>
    private static (EpochAggregator? Aggregator, bool Cut) FromRanges(FileStream stream, int blockSize, int cores, bool keepValues)
    {
        var handle = stream.SafeFileHandle;
        var from = stream.Position;
        var length = RandomAccess.GetLength(handle);
        if (cores < 2 || length - from < 2L * blockSize) return (null, false);
        var head = new byte[(int)Math.Min(length - from, 1 << 16)];
        var got = RandomAccess.Read(handle, head, from);
        if (BatchLogHeader.Read(head.AsSpan(0, got)) is not { } header) return (null, false); // a header over 64 KB: read as a stream
        if (ForHeader(header, keepValues) is not { } first) return (null, true);
        var bounds = new long[cores + 1];
        bounds[0] = from + header.Length;
        bounds[cores] = length;
        for (var c = 1; c < cores; c++)
            bounds[c] = Math.Max(bounds[c - 1], GroupStartAfter(handle, bounds[0] + (length - bounds[0]) * c / cores, length, first));
        var parts = new EpochAggregator[cores];
        parts[0] = first;
        for (var c = 1; c < cores; c++) parts[c] = first.Empty();
        try { Parallel.For(0, cores, c => parts[c].AddRange(handle, bounds[c], bounds[c + 1], blockSize)); }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is Recurred)) { throw new Recurred(); }
        for (var c = 1; c < cores; c++)
            if (parts[c].groups.Exists(g => first.byKey.ContainsKey(g.Epoch + "\n" + g.Phase))) first.AddRange(handle, bounds[c], bounds[c + 1], blockSize);
            else first.Merge(parts[c]);
        return (first, true);
    }

    // The whole lines of the file's bytes [from, to), read in blocks into one buffer of this range's own.
    private void AddRange(SafeFileHandle handle, long from, long to, int blockSize)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(blockSize);
        try
        {
            var have = 0;
            for (var at = from; at < to;)
            {
                if (have == buffer.Length) Grow(ref buffer); // a line longer than the buffer
                var read = RandomAccess.Read(handle, buffer.AsSpan(have, (int)Math.Min(buffer.Length - have, to - at)), at);
                if (read <= 0) break; // the file became shorter than it was: what was read is what there is
                at += read;
                have += read;
                var end = buffer.AsSpan(0, have).LastIndexOf((byte)'\n') + 1;
                Add(buffer.AsSpan(0, end));
                buffer.AsSpan(end, have - end).CopyTo(buffer); // the line still incomplete starts the next block
                have -= end;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The start of the first group that begins after the line holding `at` (see GroupStartAfter), looking at the file a
    // window at a time, each four times the one before, up to 4 MB; the end of the file when no group begins in that
    // (one group runs on past it: the range before does it all, as one pass would).
    private static long GroupStartAfter(SafeFileHandle handle, long at, long length, EpochAggregator shape)
    {
        for (var window = 1 << 16; ; window *= 4)
        {
            var bytes = ArrayPool<byte>.Shared.Rent((int)Math.Min(window, length - at));
            try
            {
                var got = RandomAccess.Read(handle, bytes.AsSpan(0, (int)Math.Min(window, length - at)), at);
                var start = GroupStartAfter(bytes, got, 0, shape);
                if (start < got) return at + start;
                if (at + got >= length || window >= 1 << 22) return length;
            }
            finally { ArrayPool<byte>.Shared.Return(bytes); }
        }
    }
}
