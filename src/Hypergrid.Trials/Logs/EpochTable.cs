using System.Buffers;
using System.Globalization;
using System.Text;

namespace Hypergrid.Trials.Logs;

/// <summary>
/// An epoch log as data: one row per (epoch, phase) with each metric reduced (<see cref="Missing"/> where a column had
/// no value; NaN and infinities where the batches' values made them) and n_batches. The aggregator makes it, the dashboard caches it and serves float32 columns from it,
/// run.json's final metrics and reports read it; CSV is only its file form.
/// </summary>
public sealed class EpochTable
{
    public const string BatchesColumn = "n_batches";

    /// <summary>
    /// A cell with no value: a NaN whose bits no arithmetic or parser makes, so that a metric that became NaN (a trial that
    /// diverged) is told apart from one that was never logged. Written as an empty cell, a NaN as "NaN".
    /// </summary>
    public static readonly double Missing = BitConverter.Int64BitsToDouble(0x7FF8_0000_4E4F_4E45);

    /// <summary>Whether a value is <see cref="Missing"/> (not a NaN that was computed or read).</summary>
    public static bool IsMissing(double value) => BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(Missing);

    public EpochTable(IReadOnlyList<string> columns, IReadOnlyList<long> epochs, IReadOnlyList<string> phases, IReadOnlyList<double[]> values)
    {
        Columns = columns;
        Epochs = epochs;
        Phases = phases;
        this.values = values.ToArray();
    }

    // A table read from epoch_log.csv keeps its rows as bytes until asked: a report of 10,000 trials reads one or two
    // cells of each (the last val row's metric and loss), so splitting every line and parsing every number of every log
    // would be most of its time. A cell is found in its row when it is read.
    private EpochTable(IReadOnlyList<string> columns, IReadOnlyList<long> epochs, IReadOnlyList<string> phases, byte[] text, int[] lines)
    {
        Columns = columns;
        Epochs = epochs;
        Phases = phases;
        this.text = text;
        this.lines = lines;
    }

    private double[][]? values;
    private readonly byte[]? text;
    private readonly int[]? lines; // per row: the start and length of its cells after epoch and mode, in text

    /// <summary>The metric columns after epoch and mode, ending with n_batches.</summary>
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<long> Epochs { get; }
    public IReadOnlyList<string> Phases { get; }

    /// <summary>Per row, one value per column of <see cref="Columns"/> (<see cref="Missing"/>: no value).</summary>
    public IReadOnlyList<double[]> Values => values ??= Enumerable.Range(0, Rows).Select(Row).ToArray();

    private double Cell(int row, int column)
    {
        if (values is not null) return values[row][column];
        // The row's cells up to this one, as the batch log's rows are split (its width was checked when it was read). Not
        // kept: a table may be read by several threads, and a report reads one or two cells of a row.
        ReadOnlySpan<byte> rest = text.AsSpan(lines![row * 2], lines[row * 2 + 1]);
        for (var c = 0; c < column; c++) BatchLogLine.Cell(ref rest);
        return Number(BatchLogLine.Cell(ref rest));
    }

    private static double Number(ReadOnlySpan<byte> cell) => cell.Length > 0 && FastNumber.TryParse(cell, out var v) ? v : Missing;

    // Every cell of a row, split once.
    private double[] Row(int row)
    {
        var cells = new double[Columns.Count];
        ReadOnlySpan<byte> rest = text.AsSpan(lines![row * 2], lines[row * 2 + 1]);
        for (var c = 0; c < cells.Length; c++) cells[c] = Number(BatchLogLine.Cell(ref rest));
        return cells;
    }

    public int Rows => Epochs.Count;

    /// <summary>A column's value in one row (NaN or an infinity when the batches made it so); null when the row has none.</summary>
    public double? Get(int row, string column)
    {
        var c = IndexOf(column);
        if (c < 0) return null;
        var v = Cell(row, c);
        return IsMissing(v) ? null : v;
    }

    public int IndexOf(string column)
    {
        for (var c = 0; c < Columns.Count; c++) if (Columns[c] == column) return c;
        return -1;
    }

    /// <summary>The rows of one phase, in epoch order.</summary>
    public IEnumerable<int> RowsOf(string phase) => Enumerable.Range(0, Rows).Where(r => Phases[r] == phase);

    /// <summary>
    /// One trial's number for a phase's column over the epochs up to <paramref name="upTo"/>: the last such epoch's value
    /// ("final") or the best finite one by <paramref name="goal"/> ("best"); null when none has a value. A last value that
    /// is not finite (the trial diverged) is the answer either way: a non-finite number is never a best, and an earlier
    /// epoch's value never stands in for it. What report ranks and what a search rung compares (both leave non-finite out).
    /// </summary>
    public double? Value(string phase, string column, string reduce, string goal, long upTo = long.MaxValue)
    {
        // The last value first, from the end: "final" and a diverged trial need no other row (a report reads one cell per log).
        var c = IndexOf(column);
        double? last = null;
        for (var r = Rows - 1; r >= 0 && c >= 0 && last is null; r--)
            if (Epochs[r] <= upTo && Phases[r] == phase && Cell(r, c) is var v && !IsMissing(v)) last = v;
        if (last is null) return null;
        if (reduce == "final" || !double.IsFinite(last.Value)) return last;
        var values = RowsOf(phase).Where(r => Epochs[r] <= upTo).Select(r => Get(r, column)).OfType<double>().ToList();
        return goal == "max" ? values.Where(double.IsFinite).Max() : values.Where(double.IsFinite).Min();
    }

    /// <summary>
    /// Whether the trial diverged: the last loss of its val phase (of its train phase when it has no val rows) is NaN or
    /// infinite. Its final metrics say so (run.json keeps the NaN), status and the page show it as diverged, and report
    /// leaves it out and counts it.
    /// </summary>
    public bool Diverged
    {
        get
        {
            var phase = Phases.Contains("val") ? "val" : "train";
            // The last loss of the phase, from the end (a report asks this of every log).
            var c = IndexOf("loss");
            for (var r = Rows - 1; r >= 0 && c >= 0; r--)
                if (Phases[r] == phase && Cell(r, c) is var loss && !IsMissing(loss)) return !double.IsFinite(loss);
            return false;
        }
    }

    /// <summary>
    /// What run.json, the summary, status and the page's table call final: the last val epoch's loss and acc
    /// and the best val acc, exactly as the epoch log reduces them (the unweighted mean over batches).
    /// </summary>
    public Dictionary<string, double?> FinalMetrics()
    {
        var val = RowsOf("val").ToList();
        // Without val rows the last train loss is what tells a finished run from a diverged one (see Diverged).
        if (val.Count == 0) return RowsOf("train").Select(r => Get(r, "loss")).OfType<double>().ToList() is { Count: > 0 } train ? new() { ["train_loss"] = train[^1] } : [];
        var accs = val.Select(r => Get(r, "acc")).OfType<double>().Where(double.IsFinite).ToList();
        return new()
        {
            ["val_loss"] = Get(val[^1], "loss"),
            ["val_acc"] = Get(val[^1], "acc"),
            ["best_val_acc"] = accs.Count > 0 ? accs.Max() : null,
        };
    }

    /// <summary>The epoch_log.csv text: epoch, mode, the columns; empty cells for missing values, NaN and Infinity as .NET writes them.</summary>
    public string ToCsv() => Encoding.UTF8.GetString(ToCsvBytes());

    /// <summary><see cref="ToCsv"/> as the file's UTF-8 bytes, each number formatted straight into them.</summary>
    public byte[] ToCsvBytes()
    {
        var text = new ArrayBufferWriter<byte>(64 + Rows * (16 + 12 * Columns.Count));
        var head = new StringBuilder("epoch,mode");
        // A name with a comma or a quote is written quoted, as a program may write it: the header reads back to the same names.
        foreach (var c in Columns) head.Append(',').Append(c.AsSpan().IndexOfAny(',', '"') < 0 ? c : $"\"{c.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        text.Write(Encoding.UTF8.GetBytes(head.Append('\n').ToString()));
        for (var r = 0; r < Rows; r++)
        {
            var row = Values[r];
            // Room for the epoch, the phase and each number at its longest ("-1.7976931348623157E+308": 24 bytes).
            var span = text.GetSpan(24 + Encoding.UTF8.GetMaxByteCount(Phases[r].Length) + 25 * row.Length);
            Epochs[r].TryFormat(span, out var at, provider: CultureInfo.InvariantCulture);
            span[at++] = (byte)',';
            at += Encoding.UTF8.GetBytes(Phases[r], span[at..]);
            foreach (var v in row)
            {
                span[at++] = (byte)',';
                if (IsMissing(v)) continue;
                CsvNumber.TryFormat(v, span[at..], out var written);
                at += written;
            }
            span[at++] = (byte)'\n';
            text.Advance(at);
        }
        return text.WrittenSpan.ToArray();
    }

    /// <summary>Reads epoch_log.csv (the file edge), on its bytes; rows with the wrong number of cells are dropped. Null without an epoch,mode header.</summary>
    public static EpochTable? Parse(ReadOnlySpan<byte> csv) => Parse(csv, null);

    /// <summary>As <see cref="Parse(ReadOnlySpan{byte})"/>, keeping <paramref name="csv"/> itself (not a copy) for the cells it reads later: the caller gives it up.</summary>
    public static EpochTable? Parse(byte[] csv) => Parse(csv, csv);

    private static EpochTable? Parse(ReadOnlySpan<byte> csv, byte[]? owned)
    {
        if (BatchLogHeader.Read(csv) is not { } read) return null;
        var header = read.Names.ToArray();
        if (header.Length < 2 || header[0] != "epoch" || header[1] != "mode") return null;
        var columns = header[2..];
        var text = owned ?? csv.ToArray();
        var epochs = new List<long>();
        var phases = new List<string>();
        var lines = new List<int>();
        // Only whole lines, split as the batch log's rows are: anything after the last newline is a line still being written.
        var rest = csv[read.Length..];
        while (true)
        {
            var lineStart = csv.Length - rest.Length;
            if (!BatchLogLine.Next(ref rest, out var line)) break;
            if (BatchLogLine.Width(line) != header.Length) continue;
            var cellsOf = line;
            if (!FastNumber.TryParse(BatchLogLine.Cell(ref cellsOf), out var epoch) || epoch != Math.Floor(epoch)) continue;
            var phase = Phase(BatchLogLine.Cell(ref cellsOf));
            lines.Add(lineStart + line.Length - cellsOf.Length);
            lines.Add(cellsOf.Length);
            epochs.Add((long)epoch);
            phases.Add(phase);
        }
        return new EpochTable(columns, epochs, phases, text, lines.ToArray());
    }

    // The two phases every log has are one string each, not one per row.
    private static string Phase(ReadOnlySpan<byte> cell) =>
        cell.SequenceEqual("val"u8) ? "val" : cell.SequenceEqual("train"u8) ? "train" : Encoding.UTF8.GetString(cell);
}
