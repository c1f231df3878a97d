using System.Globalization;
using System.Text;
using Hypergrid.Config.Trials;
using nietras.SeparatedValues;

namespace Hypergrid.Dashboard.Aggregation;

/// <summary>
/// Reduces batch-log rows to one row per (epoch, phase), incrementally: rows can be added as a
/// log grows, and only the new rows cost anything. Empty or non-numeric cells are skipped.
/// </summary>
public sealed class EpochAggregator
{
    private static readonly HashSet<string> KeyColumns = ["epoch", "mode", "batch"];
    private readonly string[] header;
    private readonly int epochCol, modeCol;
    private readonly int[] metricCols;
    private readonly Reduction[] reductions;
    private readonly List<Group> groups = [];
    private readonly Dictionary<(string Epoch, string Phase), Group> byKey = [];
    private Group? last;

    private EpochAggregator(string[] header)
    {
        this.header = header;
        epochCol = Array.IndexOf(header, "epoch");
        modeCol = Array.IndexOf(header, "mode");
        metricCols = Enumerable.Range(0, header.Length).Where(i => !KeyColumns.Contains(header[i])).ToArray();
        reductions = metricCols.Select(i => Reductions.For(header[i])).ToArray();
    }

    /// <summary>The metric columns of the epoch log, in the batch log's order.</summary>
    public IEnumerable<string> Metrics => metricCols.Select(i => header[i]);

    public int RowCount { get; private set; }

    /// <summary>An aggregator for a log with this header line; null when it lacks epoch or mode.</summary>
    public static EpochAggregator? ForHeader(string headerLine)
    {
        var names = headerLine.TrimEnd('\r').Split(',');
        return names.Contains("epoch") && names.Contains("mode") ? new EpochAggregator(names) : null;
    }

    /// <summary>Adds complete data lines (no header). The caller cuts off a trailing partial line.</summary>
    public void Add(string lines)
    {
        if (lines.Length == 0) return;
        using var reader = Sep.Reader(o => o with { HasHeader = false, Sep = new Sep(','), DisableColCountCheck = true }).FromText(lines);
        var width = header.Length;
        foreach (var row in reader)
        {
            if (row.ColCount < width) continue;
            var group = GroupOf(row[epochCol].Span, row[modeCol].Span);
            group.Batches++;
            for (var m = 0; m < metricCols.Length; m++)
            {
                var span = row[metricCols[m]].Span;
                if (span.Length == 0 || !double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) continue;
                group.Add(m, reductions[m], v);
            }
            RowCount++;
        }
    }

    private Group GroupOf(ReadOnlySpan<char> epoch, ReadOnlySpan<char> phase)
    {
        // Rows arrive grouped, so the previous row's group is almost always the right one.
        if (last is not null && epoch.SequenceEqual(last.Epoch) && phase.SequenceEqual(last.Phase)) return last;
        var key = (epoch.ToString(), phase.ToString());
        if (!byKey.TryGetValue(key, out var group))
        {
            group = new Group(key.Item1, key.Item2, metricCols.Length, reductions);
            byKey[key] = group;
            groups.Add(group);
        }
        return last = group;
    }

    /// <summary>The epoch log as CSV: epoch, mode, the metric columns, n_batches.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder(64 + groups.Count * (16 + 12 * metricCols.Length));
        sb.Append("epoch,mode");
        foreach (var i in metricCols) sb.Append(',').Append(header[i]);
        sb.Append(",n_batches\n");
        foreach (var g in groups)
        {
            sb.Append(g.Epoch).Append(',').Append(g.Phase);
            for (var m = 0; m < metricCols.Length; m++)
            {
                sb.Append(',');
                if (g.Value(m, reductions[m]) is { } v) sb.Append(CsvNumber.Format(v));
            }
            sb.Append(',').Append(g.Batches.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Aggregates a whole batch log's text, ignoring a trailing line without its newline.</summary>
    public static string? FromText(string text)
    {
        var headerEnd = text.IndexOf('\n');
        if (headerEnd < 0) return null;
        var aggregator = ForHeader(text[..headerEnd]);
        if (aggregator is null) return null;
        var end = text.LastIndexOf('\n') + 1;
        aggregator.Add(text[(headerEnd + 1)..end]);
        return aggregator.ToCsv();
    }

    private sealed class Group
    {
        private readonly double[] acc;
        private readonly int[] count;
        private readonly List<double>?[] values;

        public Group(string epoch, string phase, int metrics, Reduction[] reductions)
        {
            Epoch = epoch;
            Phase = phase;
            acc = new double[metrics];
            count = new int[metrics];
            values = reductions.Select(r => r == Reduction.Median ? new List<double>() : null).ToArray();
        }

        public string Epoch { get; }
        public string Phase { get; }
        public int Batches { get; set; }

        public void Add(int m, Reduction r, double v)
        {
            switch (r)
            {
                case Reduction.Mean: acc[m] += v; break;
                case Reduction.Last: acc[m] = v; break;
                case Reduction.Max: acc[m] = count[m] == 0 ? v : Math.Max(acc[m], v); break;
                case Reduction.Median: values[m]!.Add(v); break;
            }
            count[m]++;
        }

        public double? Value(int m, Reduction r)
        {
            if (count[m] == 0) return null;
            switch (r)
            {
                case Reduction.Mean: return acc[m] / count[m];
                case Reduction.Median:
                    var sorted = values[m]!.ToArray();
                    Array.Sort(sorted);
                    var n = sorted.Length;
                    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
                default: return acc[m];
            }
        }
    }
}
