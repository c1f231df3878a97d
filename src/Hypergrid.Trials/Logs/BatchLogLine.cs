using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hypergrid.Trials.Logs;

/// <summary>
/// The rows of a batch log as every reader splits them (the check, the epoch aggregation and table, the step series, the
/// live tail): whole lines only (what follows the last newline is a line still being written), a CR before the newline
/// dropped, cells at each comma outside quotes, and a row of another width than the header not a row. A cell in quotes
/// (as Python's csv module writes one that holds a comma, or every cell with QUOTE_ALL) is its text between them; a
/// doubled quote inside stays doubled in the cell (<see cref="Text"/> makes it one), and a newline always ends a row
/// (no column of a batch log holds one). A line without a quote takes the fast path: a comma is a cell's end.
/// </summary>
public static class BatchLogLine
{
    private const byte Quote = (byte)'"';

    /// <summary>Takes the next whole line off <paramref name="text"/>; false when none is left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into every reader's row loop
    public static bool Next(ref ReadOnlySpan<byte> text, out ReadOnlySpan<byte> line)
    {
        var nl = text.IndexOf((byte)'\n');
        if (nl < 0) { line = default; return false; }
        line = text[..nl];
        text = text[(nl + 1)..];
        if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
        return true;
    }

    /// <summary>How many cells a line has; a row is one only when this is the header's width.</summary>
    public static int Width(ReadOnlySpan<byte> line)
    {
        if (line.IndexOf(Quote) < 0) return line.Count((byte)',') + 1;
        var width = 1;
        while (End(line, out _, out _) is var comma and >= 0)
        {
            width++;
            line = line[(comma + 1)..];
        }
        return width;
    }

    /// <summary>The first cell of a line and the rest after its comma (empty after the last cell; check <see cref="Width"/> first).</summary>
    public static ReadOnlySpan<byte> Cell(scoped ref ReadOnlySpan<byte> rest)
    {
        var comma = End(rest, out var start, out var length);
        var cell = rest.Slice(start, length);
        rest = comma < 0 ? default : rest[(comma + 1)..];
        return cell;
    }

    /// <summary>Where each cell's text starts and how long it is; false when the line has another number of cells than <paramref name="starts"/> holds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a million-row log's first read runs it before tiering could
    public static bool Split(ReadOnlySpan<byte> line, Span<int> starts, Span<int> lengths)
    {
        // Nearly every line has no quote: its commas, found in one vectorised pass, are its cells' ends.
        var commas = Commas(line, starts[1..]);
        if (commas >= 0)
        {
            if (commas != starts.Length - 1) return false;
            starts[0] = 0;
            for (var c = 0; c < commas; c++)
            {
                lengths[c] = starts[c + 1] - starts[c];
                starts[c + 1]++; // the next cell starts after its comma
            }
            lengths[^1] = line.Length - starts[^1];
            return true;
        }
        if (Width(line) != starts.Length) return false;
        var at = 0;
        for (var c = 0; c < starts.Length; c++)
        {
            var comma = End(line[at..], out var start, out var length);
            starts[c] = at + start;
            lengths[c] = length;
            at = comma < 0 ? line.Length : at + comma + 1;
        }
        return true;
    }

    // The positions of a line's commas, written to at (one more than it holds: at.Length + 1, so a line with more
    // commas than cells is told apart); -1 when the line has a quote (the caller splits it quote-aware). Whole vectors
    // of 32 bytes, the last one overlapping the one before (its bytes already seen are masked off), so no byte-at-a-time
    // tail; a line under 32 bytes goes byte by byte.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Commas(ReadOnlySpan<byte> line, Span<int> at)
    {
        var n = 0;
        if (!Vector256.IsHardwareAccelerated || line.Length < Vector256<byte>.Count)
        {
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] == Quote) return -1;
                if (line[i] != ',') continue;
                if (n == at.Length) return at.Length + 1;
                at[n++] = i;
            }
            return n;
        }
        ref var first = ref MemoryMarshal.GetReference(line);
        var comma = Vector256.Create((byte)',');
        var quote = Vector256.Create(Quote);
        for (var i = 0; i < line.Length; i += Vector256<byte>.Count)
        {
            var from = Math.Min(i, line.Length - Vector256<byte>.Count);
            var v = Vector256.LoadUnsafe(ref first, (nuint)from);
            var seen = (uint)(i - from); // bytes of this vector the one before already looked at
            if (((Vector256.Equals(v, quote).ExtractMostSignificantBits() >> (int)seen) << (int)seen) != 0) return -1;
            var mask = (Vector256.Equals(v, comma).ExtractMostSignificantBits() >> (int)seen) << (int)seen;
            while (mask != 0)
            {
                if (n == at.Length) return at.Length + 1;
                at[n++] = from + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
            }
        }
        return n;
    }

    /// <summary>A cell's text as a string: a doubled quote (inside a quoted cell) is one quote.</summary>
    public static string Text(ReadOnlySpan<byte> cell)
    {
        var text = System.Text.Encoding.UTF8.GetString(cell);
        return cell.IndexOf(Quote) < 0 ? text : text.Replace("\"\"", "\"", StringComparison.Ordinal);
    }

    // The comma that ends the first cell of the text (-1: it is the last), and where its text lies: inside the quotes of a
    // quoted cell (up to the quote that closes them; what follows that quote up to the comma is not the cell's), else up
    // to the comma.
    private static int End(ReadOnlySpan<byte> text, out int start, out int length)
    {
        if (text.IsEmpty || text[0] != Quote)
        {
            var comma = text.IndexOf((byte)',');
            start = 0;
            length = comma < 0 ? text.Length : comma;
            return comma;
        }
        var close = 1;
        while (close < text.Length)
        {
            if (text[close] == Quote)
            {
                if (close + 1 < text.Length && text[close + 1] == Quote) { close += 2; continue; }
                break;
            }
            close++;
        }
        start = 1;
        length = Math.Min(close, text.Length) - 1;
        if (close >= text.Length) return -1; // no closing quote: the rest of the line is the cell
        var after = text[(close + 1)..].IndexOf((byte)',');
        return after < 0 ? -1 : close + 1 + after;
    }
}
