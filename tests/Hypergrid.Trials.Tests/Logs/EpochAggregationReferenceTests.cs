using System.Globalization;
using System.Text;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

/// <summary>
/// The fast aggregation (cells parsed in one pass, Clinger's fast path, medians selected in place in their columns, groups
/// reduced as they close, parts of a big log taken over whole) writes the epoch log of the straightforward one, byte for
/// byte: every row split and kept, each cell parsed by the general parser (csFastFloat and .NET's), means summed in row
/// order, medians by sorting. On logs as programs write them: NaN and infinities in both spellings, empty and text cells,
/// extra program columns, quoted names and cells, numbers of every shape (17 digits, exponents beyond 1e±22, more than 19
/// digits, ".5", "7.", "+1"), CRLF lines, rows of another width, a phase that recurs within an epoch, a torn last line.
/// </summary>
public sealed class EpochAggregationReferenceTests
{
    [Theory]
    [InlineData(1, 300)] [InlineData(2, 300)] [InlineData(3, 40)]
    public void A_whole_log_gives_the_reference_epoch_log(int seed, int epochs)
    {
        var log = Log(seed, epochs);
        var expected = Reference(log);
        Assert.Equal(expected, EpochAggregator.FromBytes(log)!.ToCsv());
        Assert.Equal(expected, EpochAggregator.FromStream(new MemoryStream(log))!.ToCsv());
    }

    [Theory]
    [InlineData(4, 4096)] [InlineData(5, 1 << 20)]
    public void A_log_read_in_blocks_on_two_cores_gives_the_reference_epoch_log(int seed, int block)
    {
        var log = Log(seed, 400); // over 2 MB, so each block of 1 MB is cut into two parts and merged
        Assert.True(log.Length > 2 << 20);
        Assert.Equal(Reference(log), EpochAggregator.FromStream(new MemoryStream(log), block, cores: 2)!.ToCsv());
    }

    [Theory]
    [InlineData(8, 120, 4096, 2)] [InlineData(9, 120, 1 << 16, 3)] [InlineData(10, 400, 1 << 20, 2)]
    public void A_log_file_read_in_ranges_on_several_cores_gives_the_reference_epoch_log(int seed, int epochs, int block, int cores)
    {
        var log = Log(seed, epochs);
        Assert.True(log.Length > 2 * block);
        var path = Path.Combine(Path.GetTempPath(), $"hypergrid-ranges-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, log);
        try
        {
            using var file = File.OpenRead(path);
            Assert.Equal(Reference(log), EpochAggregator.FromStream(file, block, cores)!.ToCsv());
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(6)] [InlineData(7)]
    public void A_growing_log_looked_at_between_pieces_gives_the_reference_epoch_log(int seed)
    {
        // Each look reduces the open groups (selecting medians in place); rows that follow, some of a recurring group,
        // must still give the medians of all their values.
        var log = Log(seed, 30);
        var aggregator = EpochAggregator.Aggregate(log.AsSpan(0, log.Length / 3).ToArray(), out var consumed)!;
        aggregator.ToTable();
        var rng = new Random(seed);
        for (var at = consumed; at < log.Length;)
        {
            var end = Math.Min(log.Length, at + rng.Next(50, 3000));
            var whole = log.AsSpan(at, end - at).LastIndexOf((byte)'\n') + 1;
            if (whole == 0 && end < log.Length) continue;
            aggregator.Add(log.AsSpan(at, whole));
            aggregator.ToTable();
            at += whole;
            if (whole == 0) break;
        }
        Assert.Equal(Reference(log), aggregator.ToTable().ToCsv());
    }

    // Cells of every shape a program writes; "-0" only outside median columns (the median of -0 and 0 may be either).
    private static readonly string[] Odd = ["", "nan", "NaN", "inf", "-inf", "Infinity", "-Infinity", "abc", ".5", "7.", "+1.5", "1e5", "1E-05", "5e-324", "1.7976931348623157E+308", "1e300", "123456789012345678901234", "0.000000000000000000000012345", "9007199254740993", "9007199254740992", "1e22", "1e23", "\"2.5\"", "1e-0005"];

    private static byte[] Log(int seed, int epochs)
    {
        var rng = new Random(seed);
        var header = "epoch,mode,batch,time,loss,acc,lr,iter_budget,grad_norm,error_min,error_max,my_metric,\"a,b\",note";
        var median = new HashSet<int> { 8, 9, 10 };
        var sb = new StringBuilder(header).Append('\n');
        string Cell(int column, int batch)
        {
            var r = rng.NextDouble();
            if (r < 0.04) return Odd[rng.Next(Odd.Length)];
            if (r < 0.05 && !median.Contains(column)) return "-0";
            if (r < 0.3) return ((float)(rng.NextDouble() * Math.Pow(10, rng.Next(-8, 8)))).ToString("R", CultureInfo.InvariantCulture);
            if (r < 0.5) return (rng.NextDouble() * Math.Pow(10, rng.Next(-30, 30))).ToString("R", CultureInfo.InvariantCulture);
            if (r < 0.6) return (-rng.NextDouble()).ToString("E16", CultureInfo.InvariantCulture);
            if (r < 0.7) return rng.Next(0, 100).ToString(CultureInfo.InvariantCulture);
            return (batch * 0.25 + rng.NextDouble()).ToString("0.######", CultureInfo.InvariantCulture);
        }
        for (var e = 1; e <= epochs; e++)
            foreach (var (phase, batches) in new[] { ("train", 30), ("val", 8), ("train", rng.Next(0, 3)) }) // a train phase that resumes after val
                for (var b = 0; b < batches; b++)
                {
                    var row = new List<string> { e.ToString(CultureInfo.InvariantCulture), rng.Next(50) == 0 ? $"\"{phase}\"" : phase, b.ToString(CultureInfo.InvariantCulture) };
                    for (var c = 3; c < 13; c++) row.Add(Cell(c, b));
                    row.Add(rng.Next(4) switch { 0 => "ok", 1 => "\"x, y\"", 2 => "3", _ => "" });
                    if (rng.Next(200) == 0) row.RemoveAt(row.Count - 1); // a row of another width
                    sb.Append(string.Join(',', row)).Append(rng.Next(10) == 0 ? "\r\n" : "\n");
                }
        sb.Append("99999,train,0,1,2,3"); // a last line still being written
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    // The straightforward aggregation: every row split and kept, then each group reduced from its kept values.
    private static string Reference(byte[] log)
    {
        var header = BatchLogHeader.Read(log)!;
        var names = header.Names;
        var metrics = Enumerable.Range(0, names.Count).Where(i => BatchLogSchema.ReductionOf(names[i]) is not (Reduction.Key or Reduction.Drop)).ToArray();
        var groups = new Dictionary<string, (string Epoch, string Phase, List<double>[] Values, int Rows)>();
        var order = new List<string>();
        ReadOnlySpan<byte> rest = log.AsSpan(header.Length);
        while (BatchLogLine.Next(ref rest, out var line))
        {
            if (BatchLogLine.Width(line) != names.Count) continue;
            var cells = new List<byte[]>();
            var cursor = line;
            for (var c = 0; c < names.Count; c++) cells.Add(BatchLogLine.Cell(ref cursor).ToArray());
            var epoch = Encoding.UTF8.GetString(cells[header.Epoch]);
            var phase = Encoding.UTF8.GetString(cells[header.Phase]);
            var key = epoch + "\n" + phase;
            if (!groups.TryGetValue(key, out var group))
            {
                group = (epoch, phase, metrics.Select(_ => new List<double>()).ToArray(), 0);
                order.Add(key);
            }
            for (var m = 0; m < metrics.Length; m++)
                if (cells[metrics[m]].Length > 0 && FastNumber.TryAny(cells[metrics[m]], out var v)) group.Values[m].Add(v);
            groups[key] = group with { Rows = group.Rows + 1 };
        }
        var rows = order.Select(k => groups[k]).ToList();
        var values = rows.Select(g => metrics.Select((column, m) => Reduce(BatchLogSchema.ReductionOf(names[column]), g.Values[m])).Append(g.Rows).ToArray()).ToList();
        var epochs = rows.Select(g => long.TryParse(g.Epoch, NumberStyles.Integer, CultureInfo.InvariantCulture, out var e) ? e : -1).ToList();
        return new EpochTable([.. metrics.Select(i => names[i]), EpochTable.BatchesColumn], epochs, rows.Select(g => g.Phase).ToList(), values).ToCsv();
    }

    private static double Reduce(Reduction reduction, List<double> values)
    {
        if (values.Count == 0) return EpochTable.Missing;
        switch (reduction)
        {
            case Reduction.Mean: return ScaledSum.Mean(values);
            case Reduction.Last: return values[^1];
            case Reduction.Max: return values.Skip(1).Aggregate(values[0], Math.Max);
            default:
                if (values.Exists(double.IsNaN)) return double.NaN;
                var sorted = values.Order().ToArray();
                var n = sorted.Length;
                return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }
}
