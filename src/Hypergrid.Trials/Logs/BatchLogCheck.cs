namespace Hypergrid.Trials.Logs;

/// <summary>
/// Checks a batch log written by any program before it becomes a result: a header naming epoch, mode and batch
/// (any order, any other columns, any length, with or without a byte-order mark), at least one row, every row as wide
/// as the header with an integer epoch and batch and a phase. A last line without its newline (torn by a crash) is not
/// part of the log. It reads the log as every other reader does (<see cref="BatchLogHeader"/>, <see cref="BatchLogLine"/>).
/// </summary>
public static class BatchLogCheck
{
    /// <summary>The columns every batch log has; every other column is a metric.</summary>
    public static readonly IReadOnlyList<string> Required = ["epoch", "mode", "batch"];

    /// <summary>
    /// Checks a whole log; <paramref name="validLength"/> is where its last whole row ends (a torn line after it is cut).
    /// Null when it is a valid result, else what is wrong, with the line number.
    /// </summary>
    public static string? Problem(ReadOnlySpan<byte> log, out long validLength)
    {
        validLength = 0;
        var header = BatchLogHeader.Read(log);
        if (header is null) return log.Length == 0 ? "it is empty" : "it has no complete header line";
        if (header.Problem is { } bad) return bad;
        var rest = log[header.Length..];
        Span<int> starts = new int[header.Width], lengths = new int[header.Width];
        var rows = 0;
        while (BatchLogLine.Next(ref rest, out var line))
        {
            rows++;
            if (!BatchLogLine.Split(line, starts, lengths)) return $"line {rows + 1} has {BatchLogLine.Width(line)} cells, the header {header.Width}";
            var epoch = line.Slice(starts[header.Epoch], lengths[header.Epoch]);
            var batch = line.Slice(starts[header.Batch], lengths[header.Batch]);
            if (!IsInteger(epoch)) return $"line {rows + 1}: epoch is '{Cut(System.Text.Encoding.UTF8.GetString(epoch))}', not an integer";
            if (!IsInteger(batch)) return $"line {rows + 1}: batch is '{Cut(System.Text.Encoding.UTF8.GetString(batch))}', not an integer";
            if (lengths[header.Phase] == 0) return $"line {rows + 1}: mode (the phase, e.g. train or val) is empty";
        }
        if (rows == 0) return "it has a header but no rows";
        validLength = log.Length - rest.Length;
        return null;
    }

    private static bool IsInteger(ReadOnlySpan<byte> cell) =>
        cell.Length > 0 && FastNumber.TryParse(cell, out var v) && v == Math.Floor(v) && double.IsFinite(v);

    /// <summary>A name or cell as echoed in a message: at most 80 characters.</summary>
    internal static string Cut(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
