using System.Globalization;
using System.Text;
using Hypergrid.Dashboard;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Bench;

/// <summary>
/// Epoch aggregation of a 1,000,000-row batch log against pandas doing the same (read_csv + groupby + to_csv) in the same
/// run, alternated; and a live log's increment. One command prints both figures: first pinned to one CPU (a child process
/// of this bench under <c>taskset -c 1</c>: on a loaded machine the ratio that means something), then on every core, as a
/// user's clock sees it: <c>HYPERGRID_BENCH_RUNS=7 dotnet bench/.../Hypergrid.Bench.dll aggregate</c>.
/// </summary>
public static class AggregateBench
{
    private const string PinnedChild = "HYPERGRID_BENCH_AGG_PINNED";

    public static void Run()
    {
        if (Environment.ProcessorCount > 1 && Environment.GetEnvironmentVariable(PinnedChild) is null) RunPinned();
        var dir = Path.Combine("/dev/shm", "hypergrid-bench-agg");
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        Directory.CreateDirectory(dir);
        var runs = int.TryParse(Environment.GetEnvironmentVariable("HYPERGRID_BENCH_RUNS"), out var r) ? r : 7;
        foreach (var rows in new[] { 100_000, 1_000_000 })
        {
            var batch = Path.Combine(dir, TrialFiles.BatchLog);
            File.WriteAllText(batch, Generate(rows));
            var epoch = Path.Combine(dir, TrialFiles.EpochLog);
            var mb = new FileInfo(batch).Length / 1e6;
            // What the server and report do on a cache miss (EpochLogFile): read the batch log, aggregate, write epoch_log.csv (temp file + rename).
            void Build()
            {
                File.Delete(epoch);
                if (EpochLogFile.Load(dir, dir) is not { Source: TrialFiles.BatchLog }) throw new InvalidOperationException("the epoch log was not built");
            }
            Build(); // warm-up: JIT tiers, not aggregation, would otherwise count
            using var pandas = PandasAnchor.Start(batch, Path.Combine(dir, "pandas_epoch_log.csv"));
            if (pandas is null) { Console.WriteLine("aggregate: /usr/bin/python3 with pandas is not here; no anchor"); return; }
            pandas.Once(); // warm-up: its first read pages in the file and its libraries
            // Alternated, one run of each in turn, so a change of the machine's load falls on both. CPU time beside the
            // clock: on a host shared with other work it moves less (neither side is charged for waiting its turn).
            var ours = new List<double>();
            var theirs = new List<double>();
            var ourCpu = new List<double>();
            var theirCpu = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                var sw = System.Diagnostics.Stopwatch.StartNew();
                Build();
                ours.Add(sw.Elapsed.TotalSeconds);
                ourCpu.Add((System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
                var (wall, used) = pandas.Timed();
                theirs.Add(wall);
                theirCpu.Add(used);
            }
            foreach (var list in new[] { ours, theirs, ourCpu, theirCpu }) list.Sort();
            var agree = SameNumbers(File.ReadAllText(epoch), File.ReadAllText(Path.Combine(dir, "pandas_epoch_log.csv")));
            Console.WriteLine($"aggregate: {rows:N0} rows ({mb:F0} MB) on {Environment.ProcessorCount} CPU(s){(Environment.ProcessorCount == 1 ? " (pinned)" : " (every core, in this process after a warm-up: Hypergrid uses every core, pandas one; a fresh process: aggregate-once)")}, load {TrainBench.LoadAverage()}, {runs} alternated runs: " +
                              $"Hypergrid {Measure.Fmt(ours[0])} best / {Measure.Fmt(ours[runs / 2])} median; " +
                              $"pandas {PandasAnchor.Version} (read_csv + groupby + to_csv) {Measure.Fmt(theirs[0])} / {Measure.Fmt(theirs[runs / 2])} -> " +
                              $"{theirs[runs / 2] / ours[runs / 2]:F1}x faster (median), {theirs[0] / ours[0]:F1}x (best); " +
                              $"CPU time {Measure.Fmt(ourCpu[runs / 2])} vs {Measure.Fmt(theirCpu[runs / 2])} median -> {theirCpu[runs / 2] / ourCpu[runs / 2]:F1}x; target 5x on 1,000,000 rows; " +
                              (agree ? "same numbers" : "WARNING: the two disagree"));
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
        Console.WriteLine($"live log on {Environment.ProcessorCount} CPU(s) (load {TrainBench.LoadAverage()}): first look at 1,000,000 rows {Measure.Fmt(full.Best)}; each later look after 1,000 new rows {Measure.Fmt(increment.Best)} best / {Measure.Fmt(increment.Median)} median " +
                          $"-> {full.Best / increment.Best:F0}x cheaper than re-reading (cost follows the new rows)");
        Directory.Delete(dir, true);
    }

    // This bench again, pinned to CPU 1, its lines printed as they come (and labelled pinned); then the caller runs on every core.
    private static void RunPinned()
    {
        var info = new System.Diagnostics.ProcessStartInfo("taskset") { UseShellExecute = false };
        foreach (var a in new[] { "-c", "1", Environment.ProcessPath!, typeof(AggregateBench).Assembly.Location, "aggregate" }) info.ArgumentList.Add(a);
        info.Environment[PinnedChild] = "1";
        try
        {
            using var child = System.Diagnostics.Process.Start(info)!;
            child.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception) { Console.WriteLine("aggregate: taskset is not here; no pinned figure"); }
    }

    /// <summary>
    /// One aggregation of a 1,000,000-row log (100,000 with <c>HYPERGRID_BENCH_ROWS</c>) in this fresh process, as a user's
    /// CLI or a just-started server does it: no warm-up, so it includes compiling the code it runs. Prints clock and CPU time.
    /// </summary>
    public static void Once()
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable("HYPERGRID_BENCH_ROWS"), out var n) ? n : 1_000_000;
        var dir = Path.Combine("/dev/shm", "hypergrid-bench-agg-once");
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), Generate(rows));
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        if (EpochLogFile.Load(dir, dir) is not { Source: TrialFiles.BatchLog }) throw new InvalidOperationException("the epoch log was not built");
        var wall = sw.Elapsed.TotalSeconds;
        var used = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"aggregate-once: {rows:N0} rows, the first aggregation of a fresh process on {Environment.ProcessorCount} CPU(s), load {TrainBench.LoadAverage()}: {Measure.Fmt(wall)} by the clock, {Measure.Fmt(used)} CPU time");
        Directory.Delete(dir, true);
    }

    // The 1-minute load average, printed beside every figure (a figure on a loaded host is mostly the load's).

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

    private static bool SameNumbers(string a, string b)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        if (x.Length != y.Length) return false;
        for (var i = 1; i < x.Length; i++)
        {
            if (x[i].Length == 0 && y[i].Length == 0) continue;
            var p = x[i].Split(',');
            var q = y[i].Split(',');
            if (p.Length != q.Length || p.Length < 2 || p[0] != q[0] || p[1] != q[1]) return false;
            for (var c = 2; c < p.Length; c++)
            {
                if (p[c].Length != 0 != (q[c].Length != 0)) return false;
                if (p[c].Length > 0 && Math.Abs(double.Parse(p[c], CultureInfo.InvariantCulture) - double.Parse(q[c], CultureInfo.InvariantCulture)) > 1e-9 * Math.Max(1, Math.Abs(double.Parse(p[c], CultureInfo.InvariantCulture)))) return false;
            }
        }
        return true;
    }
}
