using System.Diagnostics;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Dashboard.Trials;
using Hypergrid.Trials;

namespace Hypergrid.Bench;

/// <summary>
/// Where one trial's reading goes, stage by stage, on one thread (HYPERGRID_BENCH_ONLY=split): the calls the scanner
/// makes for a trial it has not seen (see TrialScanner.ScanWithFingerprint), then what a scanner's cache keeps alive.
/// </summary>
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
            var opener = new TrialFolderOpener(log);
            foreach (var dir in dirs)
            {
                sw.Restart();
                mark = GC.GetAllocatedBytesForCurrentThread();
                using var folder = opener.Open(dir);
                folder.LastWriteTimeUtc();
                var id = TrialId.FromDirectory(dir);
                Lap(0);
                var bytes = folder.ReadBeneath(log, TrialFiles.Config)!;
                Lap(1);
                var file = Path.GetRelativePath(log, dir) + "/" + TrialFiles.Config;
                var map = CanonicalYaml.TryRead(System.Text.Encoding.UTF8.GetString(bytes), file)!;
                Lap(2);
                var run = RunRecord.TryRead(folder);
                Lap(3);
                TrialRecord.Read(folder, id, r => ResultHash.Current(TrialConfig.FromMap(map, file), null)(r));
                Lap(4);
                ConfigJson.From(map);
                Lap(5);
            }
            var n = dirs.Count;
            string U(int i) => $"{t[i] / n * 1e6:F1} ({a[i] / n:N0} B)";
            Console.WriteLine($"  split per trial (us, one thread, pass {pass + 1}): open the folder, its time and id {U(0)}, cfg.yaml bytes {U(1)}, cfg parse {U(2)}, run.json {U(3)}, " +
                              $"TrialRecord.Read (run.json again, batch log) {U(4)}, config JSON {U(5)} (load {TrainBench.LoadAverage()})");
        }
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var scanner = new TrialScanner(log);
        scanner.Scan();
        var kept = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(scanner);
        Console.WriteLine($"  a scanner's cache of {dirs.Count:N0} trials keeps {kept / 1048576.0:F0} MB alive ({kept / Math.Max(1, dirs.Count):N0} B per trial)");
    }
}
