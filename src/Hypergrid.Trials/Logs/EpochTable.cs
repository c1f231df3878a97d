using System.Globalization;
using System.Text;

namespace Hypergrid.Trials.Logs;

/// <summary>
/// An epoch log as data: one row per (epoch, phase) with each metric reduced (NaN where a column had no
/// value) and n_batches. The aggregator makes it, the dashboard caches it and serves float32 columns from it,
/// run.json's final metrics and reports read it; CSV is only its file form.
/// </summary>
public sealed class EpochTable
{
    public const string BatchesColumn = "n_batches";

    public EpochTable(IReadOnlyList<string> columns, IReadOnlyList<long> epochs, IReadOnlyList<string> phases, IReadOnlyList<double[]> values)
    {
        Columns = columns;
        Epochs = epochs;
        Phases = phases;
        Values = values;
    }

    /// <summary>The metric columns after epoch and mode, ending with n_batches.</summary>
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<long> Epochs { get; }
    public IReadOnlyList<string> Phases { get; }

    /// <summary>Per row, one value per column of <see cref="Columns"/>.</summary>
    public IReadOnlyList<double[]> Values { get; }

    public int Rows => Epochs.Count;

    /// <summary>A column's value in one row; null when the row has none.</summary>
    public double? Get(int row, string column)
    {
        var c = IndexOf(column);
        return c < 0 || double.IsNaN(Values[row][c]) ? null : Values[row][c];
    }

    public int IndexOf(string column)
    {
        for (var c = 0; c < Columns.Count; c++) if (Columns[c] == column) return c;
        return -1;
    }

    /// <summary>The rows of one phase, in epoch order.</summary>
    public IEnumerable<int> RowsOf(string phase) => Enumerable.Range(0, Rows).Where(r => Phases[r] == phase);

    /// <summary>
    /// What run.json, the summary, status and the page's table call final: the last val epoch's loss and acc
    /// and the best val acc, exactly as the epoch log reduces them (the unweighted mean over batches).
    /// </summary>
    public Dictionary<string, double?> FinalMetrics()
    {
        var val = RowsOf("val").ToList();
        if (val.Count == 0) return [];
        var accs = val.Select(r => Get(r, "acc")).OfType<double>().ToList();
        return new()
        {
            ["val_loss"] = Get(val[^1], "loss"),
            ["val_acc"] = Get(val[^1], "acc"),
            ["best_val_acc"] = accs.Count > 0 ? accs.Max() : null,
        };
    }

    /// <summary>The epoch_log.csv text: epoch, mode, the columns; empty cells for missing values.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder(64 + Rows * (16 + 12 * Columns.Count));
        sb.Append("epoch,mode");
        foreach (var c in Columns) sb.Append(',').Append(c);
        sb.Append('\n');
        for (var r = 0; r < Rows; r++)
        {
            sb.Append(Epochs[r].ToString(CultureInfo.InvariantCulture)).Append(',').Append(Phases[r]);
            foreach (var v in Values[r])
            {
                sb.Append(',');
                if (!double.IsNaN(v)) sb.Append(CsvNumber.Format(v));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Reads epoch_log.csv (the file edge); rows with the wrong number of cells are dropped. Null without an epoch,mode header.</summary>
    public static EpochTable? Parse(ReadOnlySpan<byte> csv)
    {
        var text = Encoding.UTF8.GetString(csv);
        var lines = text.Split('\n');
        var header = lines[0].TrimEnd('\r').Split(',');
        if (header.Length < 2 || header[0] != "epoch" || header[1] != "mode") return null;
        var columns = header[2..];
        var epochs = new List<long>();
        var phases = new List<string>();
        var values = new List<double[]>();
        // The last element follows the last newline: a line still being written, never a row.
        foreach (var line in lines.AsSpan(1, Math.Max(0, lines.Length - 2)))
        {
            var cells = line.TrimEnd('\r').Split(',');
            if (cells.Length != header.Length || !long.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)) continue;
            epochs.Add(epoch);
            phases.Add(cells[1]);
            values.Add(cells[2..].Select(c => c.Length > 0 && double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray());
        }
        return new EpochTable(columns, epochs, phases, values);
    }
}
