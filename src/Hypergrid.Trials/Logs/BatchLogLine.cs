namespace Hypergrid.Trials.Logs;

/// <summary>
/// The rows of a batch log as every reader splits them: whole lines only (what follows the last newline is a line still
/// being written), a CR before the newline dropped, cells at each comma, and a row of another width than the header
/// not a row.
/// </summary>
public static class BatchLogLine
{
    /// <summary>Takes the next whole line off <paramref name="text"/>; false when none is left.</summary>
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
    public static int Width(ReadOnlySpan<byte> line) => line.Count((byte)',') + 1;

    /// <summary>The first cell of a line and the rest after its comma (empty after the last cell; check <see cref="Width"/> first).</summary>
    public static ReadOnlySpan<byte> Cell(scoped ref ReadOnlySpan<byte> rest)
    {
        var comma = rest.IndexOf((byte)',');
        if (comma < 0)
        {
            var last = rest;
            rest = default;
            return last;
        }
        var cell = rest[..comma];
        rest = rest[(comma + 1)..];
        return cell;
    }

    /// <summary>Where each cell starts and how long it is; false when the line has another number of cells than <paramref name="starts"/> holds.</summary>
    public static bool Split(ReadOnlySpan<byte> line, Span<int> starts, Span<int> lengths)
    {
        if (Width(line) != starts.Length) return false;
        var rest = line;
        for (var c = 0; c < starts.Length; c++)
        {
            starts[c] = line.Length - rest.Length;
            lengths[c] = Cell(ref rest).Length;
        }
        return true;
    }
}
