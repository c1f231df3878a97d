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

    /// <summary>Where each cell starts and how long it is; false when the line has another number of cells than <paramref name="starts"/> holds.</summary>
    public static bool Split(ReadOnlySpan<byte> line, Span<int> starts, Span<int> lengths)
    {
        var at = 0;
        for (var c = 0; c < starts.Length; c++)
        {
            var comma = line[at..].IndexOf((byte)',');
            var last = c == starts.Length - 1;
            if (comma < 0 != last) return false; // fewer or more cells than the header
            var len = comma < 0 ? line.Length - at : comma;
            starts[c] = at;
            lengths[c] = len;
            at += len + 1;
        }
        return true;
    }
}
