using System.Diagnostics;
using System.Globalization;
using Hypergrid.Dashboard.Trials;
using Hypergrid.Trials;

namespace Hypergrid.Bench;

/// <summary>
/// A first trial list against the least any list must do, alternating in one process so that load hits both alike: a
/// new scanner listing every trial (what a first /api/trials answer computes, without HTTP and JSON) and a plain loop
/// reading the bytes of each trial's cfg.yaml, run.json and batch_log.csv's first 4 KiB, on as many cores.
/// </summary>
internal static class TrialListBaseline
{
    public static void Run(string logRoot, int runs = 3)
    {
        var dirs = TrialFolders.Under(logRoot).ToList();
        var ratios = new List<double>();
        var cpuRatios = new List<double>();
        var line = "";
        for (var run = 0; run < runs; run++)
        {
            var plain = Timed(() => Parallel.ForEach(dirs, dir =>
            {
                File.ReadAllBytes(Path.Combine(dir, TrialFiles.Config));
                File.ReadAllBytes(Path.Combine(dir, TrialFiles.Run));
                using var log = File.OpenHandle(Path.Combine(dir, TrialFiles.BatchLog));
                RandomAccess.Read(log, new byte[4096], 0);
            }));
            var list = Timed(() => new TrialScanner(logRoot).Scan());
            ratios.Add(list.Wall / plain.Wall);
            cpuRatios.Add(list.Cpu / plain.Cpu);
            line = $"list {Measure.Fmt(list.Wall)} ({list.Cpu:F1} s CPU), plain reads {Measure.Fmt(plain.Wall)} ({plain.Cpu:F1} s CPU)";
        }
        static string Join(List<double> xs) => string.Join(" ", xs.Select(r => r.ToString("F1", CultureInfo.InvariantCulture)));
        Console.WriteLine($"  a new scanner's list of {dirs.Count:N0} trials vs reading their files' bytes, alternating: last run {line}; " +
                          $"ratio per run {Join(ratios)} (CPU {Join(cpuRatios)}) (load {TrainBench.LoadAverage()})");
    }

    private static (double Wall, double Cpu) Timed(Action action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        action();
        return (sw.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }
}
