using System.Buffers.Binary;
using System.Text.Json;
using Hypergrid.Dashboard.Api;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>The float32 answer of POST /api/epochs, written in memory: its layout whatever the size of the writes, and each table's index.</summary>
public sealed class Float32ColumnsTests
{
    // Three phases in an irregular order (a program's test pass), a missing cell and a NaN.
    private static EpochTable Table(int epochs, double shift) => new(["time", "loss", "acc"],
        Enumerable.Range(1, epochs).SelectMany(e => e % 3 == 0 ? new long[] { e, e, e } : [e, e]).ToList(),
        Enumerable.Range(1, epochs).SelectMany(e => e % 3 == 0 ? new[] { "train", "val", "test" } : ["train", "val"]).ToList(),
        Enumerable.Range(1, epochs).SelectMany(e => Enumerable.Range(0, e % 3 == 0 ? 3 : 2)
            .Select(p => new[] { e * 0.5 + p, shift + 1.0 / e + p, e == 2 ? EpochTable.Missing : e == 4 && p == 1 ? double.NaN : 0.1 * p })).ToList());

    private static async Task<byte[]> Write(IReadOnlyList<(string, EpochTable)> trials, EpochSelection selection, int chunk)
    {
        using var stream = new MemoryStream();
        await Float32Columns.WriteAsync(stream, trials, selection, chunk, CancellationToken.None);
        return stream.ToArray();
    }

    /// <summary>Each trial's columns by name, read back as the page does.</summary>
    private static Dictionary<string, Dictionary<string, float[]>> Read(byte[] bytes, out JsonElement header)
    {
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        header = JsonDocument.Parse(bytes.AsMemory(4, length)).RootElement;
        var offset = 4 + length + (4 - length % 4) % 4;
        var out_ = new Dictionary<string, Dictionary<string, float[]>>();
        foreach (var t in header.GetProperty("trials").EnumerateArray())
        {
            var rows = t.GetProperty("rows").GetInt32();
            var cols = out_[t.GetProperty("path").GetString()!] = [];
            foreach (var name in t.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!))
            {
                cols[name] = Enumerable.Range(0, rows).Select(r => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + r * 4))).ToArray();
                offset += rows * 4;
            }
        }
        Assert.Equal(bytes.Length, offset);
        return out_;
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("loss", "train")]
    [InlineData("acc,time", "val,test")]
    public async Task The_answer_is_the_same_bytes_in_writes_of_any_size_and_holds_the_chosen_rows_of_each_table(string? columns, string? phases)
    {
        var trials = new List<(string, EpochTable)> { ("a", Table(7, 0)), ("b", Table(1, 1)), ("c", Table(12, 2)) };
        var selection = new EpochSelection(columns?.Split(',').ToHashSet(), phases?.Split(',').ToHashSet());
        var whole = await Write(trials, selection, 1 << 20);
        // Writes smaller than a column, about one, and across trials: the same bytes.
        foreach (var chunk in new[] { 4, 20, 64, 1000 }) Assert.Equal(whole, await Write(trials, selection, chunk));
        var read = Read(whole, out var header);
        foreach (var (path, table) in trials)
        {
            var rows = Enumerable.Range(0, table.Rows).Where(r => phases is null || phases.Split(',').Contains(table.Phases[r])).ToList();
            var modes = header.GetProperty("trials").EnumerateArray().Single(t => t.GetProperty("path").GetString() == path)
                .GetProperty("modes").EnumerateArray().Select(m => m.GetString()).ToList();
            // The phases of the sent rows, in order; their mode column only when there are two or more.
            Assert.Equal(rows.Select(r => table.Phases[r]).Distinct(), modes);
            Assert.Equal(rows.Select(r => (float)table.Epochs[r]), read[path]["epoch"]);
            if (modes.Count > 1) Assert.Equal(rows.Select(r => table.Phases[r]), read[path]["mode"].Select(m => modes[(int)m]));
            else Assert.False(read[path].ContainsKey("mode"));
            foreach (var (name, c) in table.Columns.Select((n, c) => (n, c)).Where(x => columns is null || columns.Split(',').Contains(x.n)))
                Assert.Equal(rows.Select(r => (float)table.Values[r][c]), read[path][name]);
        }
    }

    [Fact]
    public void A_tables_index_is_made_once_and_names_its_phases_in_order_of_first_appearance()
    {
        var table = Table(6, 0);
        var index = EpochTableIndex.Of(table);
        Assert.Same(index, EpochTableIndex.Of(table));
        Assert.NotSame(index, EpochTableIndex.Of(Table(6, 0)));
        Assert.Equal(["train", "val", "test"], index.Modes);
        Assert.Equal(table.Phases.Select(p => Array.IndexOf(index.Modes, p)), index.ModeOf);
        Assert.Equal(table.RowsOf("test"), index.Rows(new HashSet<string> { "test", "no_such" }));
        Assert.Equal(Enumerable.Range(0, table.Rows), index.Rows(null));
        Assert.Equal(EpochSelection.Filled(table), index.Filled);
        Assert.Equal(EpochSelection.Reported(table), index.Reported);
    }
}
