using System.Buffers;
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
    // The answer leaves in writes of this size: one per column (600 for the page of 200 trials) cost the page a
    // third of the answer's time in the server's writes.
    private const int ChunkBytes = 1 << 20;

    /// <summary>
    /// The phases of the sent rows in order of first appearance, and for each of the table's phases its index among them.
    /// </summary>
    private static (string[] Names, int[] At) SentModes(EpochTableIndex index, int[] rows)
    {
        var at = new int[index.Modes.Length];
        Array.Fill(at, -1);
        var names = new List<string>();
        foreach (var r in rows)
            if (at[index.ModeOf[r]] < 0)
            {
                at[index.ModeOf[r]] = names.Count;
                names.Add(index.Modes[index.ModeOf[r]]);
            }
        return ([.. names], at);
    }

    /// <summary>
    /// One body for many trials: a little-endian uint32 header length, the JSON header
    /// ({"trials": [{"path", "rows", "columns", "modes", "filled", "reported"}]}), zero padding to a multiple of 4, then each
    /// trial's columns in header order (epoch, mode, then the chosen columns it has), each <c>rows</c> little-endian
    /// float32 values, of the rows of the chosen phases. <c>modes</c> names the phases of the sent rows in order of first
    /// appearance; the mode column (an index into them) is sent only when there are two or more: a page drawing one
    /// phase gets a third fewer bytes. <c>filled</c> names every metric column of the whole table with a finite value,
    /// sent or not; <c>reported</c> the Results metrics the trial could be ranked by (phase_column with a value in a row
    /// of that phase: <see cref="EpochSelection.Reported"/>), per trial: the page counts only those of trials whose state
    /// holds a result (GET /api/trials' resultStates), as the report does. Both are worked out once per table
    /// (<see cref="EpochTableIndex"/>).
    /// </summary>
    public static Task WriteAsync(Stream body, IReadOnlyList<(string Path, EpochTable Table)> trials, EpochSelection selection, CancellationToken cancel) =>
        WriteAsync(body, trials, selection, ChunkBytes, cancel);

    /// <summary><see cref="WriteAsync(Stream, IReadOnlyList{ValueTuple{string, EpochTable}}, EpochSelection, CancellationToken)"/> in writes of about <paramref name="chunkBytes"/> (tests use small ones).</summary>
    internal static async Task WriteAsync(Stream body, IReadOnlyList<(string Path, EpochTable Table)> trials, EpochSelection selection, int chunkBytes, CancellationToken cancel)
    {
        var index = trials.Select(t => EpochTableIndex.Of(t.Table)).ToList();
        var rows = trials.Select((t, i) => index[i].Rows(selection.Phases)).ToList();
        var columns = trials.Select(t => selection.ColumnsOf(t.Table)).ToList();
        var sent = trials.Select((t, i) => SentModes(index[i], rows[i])).ToList();
        var header = JsonSerializer.SerializeToUtf8Bytes(new
        {
            trials = trials.Select((t, i) => new
            {
                path = t.Path, rows = rows[i].Length,
                columns = (sent[i].Names.Length > 1 ? ["epoch", "mode"] : new[] { "epoch" }).Concat(columns[i].Select(c => t.Table.Columns[c])),
                modes = sent[i].Names, filled = index[i].Filled, reported = index[i].Reported,
            }),
        });
        var prefix = new byte[4 + header.Length + (4 - header.Length % 4) % 4];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, (uint)header.Length);
        header.CopyTo(prefix, 4);
        await body.WriteAsync(prefix, cancel);

        var buffer = ArrayPool<byte>.Shared.Rent(chunkBytes);
        var used = 0;
        try
        {
            for (var i = 0; i < trials.Count; i++)
            {
                var table = trials[i].Table;
                var values = table.Values;
                var mine = rows[i];
                var modeOf = index[i].ModeOf;
                var (names, modeAt) = sent[i];
                var need = mine.Length * 4;
                for (var c = -2; c < columns[i].Length; c++)
                {
                    if (c == -1 && names.Length < 2) continue; // one phase: its name in "modes" says it
                    if (used + need > buffer.Length)
                    {
                        await body.WriteAsync(buffer.AsMemory(0, used), cancel);
                        used = 0;
                        if (need > buffer.Length) { ArrayPool<byte>.Shared.Return(buffer); buffer = ArrayPool<byte>.Shared.Rent(need); }
                    }
                    var span = buffer.AsSpan(used, need);
                    // -2: epoch, -1: mode (an index into the trial's modes), then the chosen columns.
                    if (c == -2) for (var k = 0; k < mine.Length; k++) BinaryPrimitives.WriteSingleLittleEndian(span[(k * 4)..], table.Epochs[mine[k]]);
                    else if (c == -1) for (var k = 0; k < mine.Length; k++) BinaryPrimitives.WriteSingleLittleEndian(span[(k * 4)..], modeAt[modeOf[mine[k]]]);
                    else
                    {
                        var column = columns[i][c];
                        for (var k = 0; k < mine.Length; k++) BinaryPrimitives.WriteSingleLittleEndian(span[(k * 4)..], (float)values[mine[k]][column]);
                    }
                    used += need;
                }
            }
            if (used > 0) await body.WriteAsync(buffer.AsMemory(0, used), cancel);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
