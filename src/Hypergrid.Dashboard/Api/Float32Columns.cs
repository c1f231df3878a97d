using System.Buffers.Binary;
using System.Text.Json;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// Epoch tables as float32 columns, for the page: no number is formatted on the server or parsed in the
/// browser, which reads each column as a Float32Array over the response. Missing values are NaN; the mode
/// column holds indices into the trial's modes. Plots need no more than float32 precision; epoch_log.csv keeps every digit.
/// </summary>
public static class Float32Columns
{
    /// <summary>
    /// One body for many trials: a little-endian uint32 header length, the JSON header
    /// ({"trials": [{"path", "rows", "columns", "modes", "filled", "reported"}]}), zero padding to a multiple of 4, then each
    /// trial's columns in header order (epoch, mode, then the chosen columns it has), each <c>rows</c> little-endian
    /// float32 values, of the rows of the chosen phases. <c>filled</c> names every metric column of the whole table
    /// with a finite value, sent or not; <c>reported</c> the Results metrics the trial could be ranked by (phase_column
    /// with a value in a row of that phase: <see cref="EpochSelection.Reported"/>), per trial: the page counts only those
    /// of trials whose state holds a result (GET /api/trials' resultStates), as the report does.
    /// </summary>
    public static async Task WriteAsync(Stream body, IReadOnlyList<(string Path, EpochTable Table)> trials, EpochSelection selection, CancellationToken cancel)
    {
        var modes = trials.Select(t => t.Table.Phases.Distinct().ToArray()).ToList();
        var rows = trials.Select(t => selection.Rows(t.Table)).ToList();
        var columns = trials.Select(t => selection.ColumnsOf(t.Table)).ToList();
        var header = JsonSerializer.SerializeToUtf8Bytes(new
        {
            trials = trials.Select((t, i) => new
            {
                path = t.Path, rows = rows[i].Length, columns = new[] { "epoch", "mode" }.Concat(columns[i].Select(c => t.Table.Columns[c])), modes = modes[i],
                filled = EpochSelection.Filled(t.Table), reported = EpochSelection.Reported(t.Table),
            }),
        });
        var prefix = new byte[4 + header.Length + (4 - header.Length % 4) % 4];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, (uint)header.Length);
        header.CopyTo(prefix, 4);
        await body.WriteAsync(prefix, cancel);
        for (var i = 0; i < trials.Count; i++)
        {
            var table = trials[i].Table;
            var values = table.Values;
            var mine = modes[i];
            await body.WriteAsync(Column(rows[i], r => table.Epochs[r]), cancel);
            await body.WriteAsync(Column(rows[i], r => Array.IndexOf(mine, table.Phases[r])), cancel);
            foreach (var c in columns[i]) await body.WriteAsync(Column(rows[i], r => values[r][c]), cancel);
        }
    }

    private static byte[] Column(int[] rows, Func<int, double> value)
    {
        var bytes = new byte[rows.Length * 4];
        for (var k = 0; k < rows.Length; k++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(k * 4), (float)value(rows[k]));
        return bytes;
    }
}
