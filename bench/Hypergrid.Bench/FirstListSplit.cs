using System.Diagnostics;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Trials;

namespace Hypergrid.Bench;

/// <summary>Where one trial's reading goes, stage by stage, on one thread (HYPERGRID_BENCH_ONLY=split): the same calls the scanner makes.</summary>
internal static class FirstListSplit
{
    public static void Run(string log, int passes = 2)
    {
        var dirs = TrialFolders.Under(log).ToList();
        for (var pass = 0; pass < passes; pass++)
        {
            var t = new double[8];
            var a = new long[8];
            var sw = new Stopwatch();
            var mark = GC.GetAllocatedBytesForCurrentThread();
            void Lap(int i) { t[i] += sw.Elapsed.TotalSeconds; var now = GC.GetAllocatedBytesForCurrentThread(); a[i] += now - mark; mark = now; sw.Restart(); }
            foreach (var dir in dirs)
            {
                sw.Restart();
                mark = GC.GetAllocatedBytesForCurrentThread();
                Directory.GetLastWriteTimeUtc(dir);
                Lap(0);
                var bytes = SafeFiles.ReadAll(log, Path.Combine(dir, TrialFiles.Config))!;
                Lap(1);
                var file = Path.GetRelativePath(log, dir) + "/" + TrialFiles.Config;
                var text = System.Text.Encoding.UTF8.GetString(bytes);
                var map = CanonicalYaml.TryRead(text, file)!;
                var config = TrialConfig.FromMap(map, file);
                var current = ResultHash.Current(config, null);
                Lap(2);
                var run = RunRecord.TryRead(dir);
                Lap(3);
                var record = TrialRecord.Read(dir, TrialId.FromDirectory(dir), current);
                Lap(4);
                config.ToJson();
                Lap(5);
                File.Exists(Path.Combine(dir, TrialFiles.BatchLog));
                Lap(6);
            }
            var n = dirs.Count;
            string U(int i) => $"{t[i] / n * 1e6:F1} ({a[i] / n:N0} B)";
            Console.WriteLine($"  split per trial (us, one thread, pass {pass + 1}): folder time {U(0)}, cfg.yaml bytes {U(1)}, cfg parse {U(2)}, run.json {U(3)}, " +
                              $"TrialRecord.Read (run.json again, batch log) {U(4)}, config JSON {U(5)}, log exists {U(6)} (load {TrainBench.LoadAverage()})");
        }
    }
}
