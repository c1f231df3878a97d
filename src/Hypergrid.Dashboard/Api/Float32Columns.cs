using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using csFastFloat;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// An epoch log as float32 columns, for the page: no number is formatted on the server or parsed in
/// the browser, which reads each column as a Float32Array over the response. Empty cells are NaN;
/// the mode column holds indices into <see cref="Modes"/>. Plots need no more than float32 precision;
/// the CSV and JSON answers keep every digit.
/// </summary>
public sealed class Float32Columns
{
    private Float32Columns(string[] names, string[] modes, float[][] values, int rows) => (Names, Modes, Values, Rows) = (names, modes, values, rows);

    public string[] Names { get; }
    public string[] Modes { get; }
    public float[][] Values { get; }
    public int Rows { get; }

    public static Float32Columns Parse(string csv)
    {
        var table = new EpochTable(csv);
        var modeCol = Array.IndexOf(table.Names, "mode");
        var modes = new List<string>();
        var values = table.Names.Select(_ => new float[table.Rows]).ToArray();
        for (var r = 0; r < table.Rows; r++)
            for (var c = 0; c < table.Names.Length; c++)
            {
                var cell = table.Cell(r, c);
                if (c == modeCol)
                {
                    var mode = cell.ToString();
                    var index = modes.IndexOf(mode);
                    if (index < 0) { index = modes.Count; modes.Add(mode); }
                    values[c][r] = index;
                }
                else values[c][r] = cell.Length > 0 && FastDoubleParser.TryParseDouble(cell, out var v) ? (float)v : float.NaN;
            }
        return new Float32Columns(table.Names, modes.ToArray(), values, table.Rows);
    }

    /// <summary>
    /// One body for many trials: a little-endian uint32 header length, the JSON header
    /// ({"trials": [{"path", "rows", "columns", "modes"}]}), zero padding to a multiple of 4, then each
    /// trial's columns in header order, each <c>rows</c> little-endian float32 values.
    /// </summary>
    public static async Task WriteAsync(Stream body, IReadOnlyList<(string Path, Float32Columns Columns)> trials, CancellationToken cancel)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new
        {
            trials = trials.Select(t => new { path = t.Path, rows = t.Columns.Rows, columns = t.Columns.Names, modes = t.Columns.Modes }),
        });
        var prefix = new byte[4 + header.Length + (4 - header.Length % 4) % 4];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, (uint)header.Length);
        header.CopyTo(prefix, 4);
        await body.WriteAsync(prefix, cancel);
        foreach (var (_, columns) in trials)
            foreach (var column in columns.Values)
            {
                var bytes = new byte[columns.Rows * 4];
                for (var i = 0; i < columns.Rows; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), column[i]);
                await body.WriteAsync(bytes, cancel);
            }
    }
}
