using System.Text;

namespace Hypergrid.Trials.Logs;

/// <summary>
/// Checks a batch log written by any program before it becomes a result: a header naming epoch, mode and batch
/// (any order, any other columns), at least one row, every row as wide as the header with an integer epoch and batch
/// and a phase. A last line without its newline (torn by a crash) is not part of the log.
/// </summary>
public static class BatchLogCheck
{
    /// <summary>The columns every batch log has; every other column is a metric.</summary>
    public static readonly IReadOnlyList<string> Required = ["epoch", "mode", "batch"];

    /// <summary>Whether a header line names the required columns, each once, and no empty column.</summary>
    public static string? HeaderProblem(string header)
    {
        var names = header.TrimEnd('\r').Split(',');
        var missing = Required.Where(r => !names.Contains(r)).ToList();
        if (missing.Count > 0) return $"its header '{Cut(header)}' lacks {string.Join(", ", missing)} (the first line must name the columns, e.g. epoch,mode,batch,loss)";
        if (names.Any(n => n.Length == 0)) return $"its header '{Cut(header)}' has an empty column name";
        var twice = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? null : $"its header names '{twice.Key}' twice";
    }

    /// <summary>
    /// Checks a whole log; <paramref name="validLength"/> is where its last whole row ends (a torn line after it is cut).
    /// Null when it is a valid result, else what is wrong, with the line number.
    /// </summary>
    public static string? Problem(ReadOnlySpan<byte> log, out long validLength)
    {
        validLength = 0;
        var headerEnd = log.IndexOf((byte)'\n');
        if (headerEnd < 0) return log.Length == 0 ? "it is empty" : "it has no complete header line";
        var header = Encoding.UTF8.GetString(log[..headerEnd]);
        if (HeaderProblem(header) is { } bad) return bad;
        var names = header.TrimEnd('\r').Split(',');
        int epoch = Array.IndexOf(names, "epoch"), phase = Array.IndexOf(names, "mode"), batch = Array.IndexOf(names, "batch");
        var pos = headerEnd + 1;
        var rows = 0;
        for (var nl = log[pos..].IndexOf((byte)'\n'); nl >= 0; pos += nl + 1, nl = log[pos..].IndexOf((byte)'\n'))
        {
            var line = log.Slice(pos, nl);
            if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
            rows++;
            var cells = line.Count((byte)',') + 1;
            if (cells != names.Length) return $"line {rows + 1} has {cells} cells, the header {names.Length}";
            var c = 0;
            foreach (var range in line.Split((byte)','))
            {
                var cell = line[range];
                if ((c == epoch || c == batch) && !IsInteger(cell))
                    return $"line {rows + 1}: {names[c]} is '{Cut(Encoding.UTF8.GetString(cell))}', not an integer";
                if (c == phase && cell.Length == 0) return $"line {rows + 1}: mode (the phase, e.g. train or val) is empty";
                c++;
            }
        }
        if (rows == 0) return "it has a header but no rows";
        validLength = pos;
        return null;
    }

    private static bool IsInteger(ReadOnlySpan<byte> cell) =>
        cell.Length > 0 && FastNumber.TryParse(cell, out var v) && v == Math.Floor(v) && double.IsFinite(v);

    private static string Cut(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
