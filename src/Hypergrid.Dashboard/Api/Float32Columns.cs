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
    /// ({"trials": [{"path", "rows", "columns", "modes"}]}), zero padding to a multiple of 4, then each
    /// trial's columns in header order (epoch, mode, then the table's), each <c>rows</c> little-endian float32 values.
    /// </summary>
    public static async Task WriteAsync(Stream body, IReadOnlyList<(string Path, EpochTable Table)> trials, CancellationToken cancel)
    {
        var modes = trials.Select(t => t.Table.Phases.Distinct().ToArray()).ToList();
        var header = JsonSerializer.SerializeToUtf8Bytes(new
        {
            trials = trials.Select((t, i) => new { path = t.Path, rows = t.Table.Rows, columns = new[] { "epoch", "mode" }.Concat(t.Table.Columns), modes = modes[i] }),
        });
        var prefix = new byte[4 + header.Length + (4 - header.Length % 4) % 4];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, (uint)header.Length);
        header.CopyTo(prefix, 4);
        await body.WriteAsync(prefix, cancel);
        for (var i = 0; i < trials.Count; i++)
        {
            var table = trials[i].Table;
            await body.WriteAsync(Column(table.Rows, r => table.Epochs[r]), cancel);
            await body.WriteAsync(Column(table.Rows, r => Array.IndexOf(modes[i], table.Phases[r])), cancel);
            for (var c = 0; c < table.Columns.Count; c++) await body.WriteAsync(Column(table.Rows, r => table.Values[r][c]), cancel);
        }
    }

    private static byte[] Column(int rows, Func<int, double> value)
    {
        var bytes = new byte[rows * 4];
        for (var r = 0; r < rows; r++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(r * 4), (float)value(r));
        return bytes;
    }
}
