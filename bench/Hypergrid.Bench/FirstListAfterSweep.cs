using System.Diagnostics;
using System.Globalization;

namespace Hypergrid.Bench;

/// <summary>
/// The first /api/trials answer of the first dashboard after a sweep (HYPERGRID_BENCH_ONLY=after-sweep), as a fresh
/// `hypergrid dashboard` process: rounds (HYPERGRID_BENCH_ROUNDS, 3) alternate one over the study without the list index
/// (what the first dashboard after a sweep met before a run wrote the index at its end) and one started right after
/// `hypergrid sweep` trained one more trial into the study (synthetic mlp, one epoch) and wrote the index. The sweep's wall
/// time is printed beside the same sweep into an empty out folder, in the same round: the difference is what the
/// study's size adds to a sweep's end (mostly the index's full scan and write).
/// </summary>
internal static class FirstListAfterSweep
{
    private const string Leaf = "sweep/synthetic/mlp/adam";

    public static async Task RunAsync(string outDir, int count)
    {
        using var installed = InstalledTool.Get("after a sweep");
        if (installed is null) return;
        var tool = installed.Command;
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("HYPERGRID_BENCH_ROUNDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 3;
        var study = Directory.CreateTempSubdirectory("hypergrid-bench-sweep-").FullName;
        var trained = Path.Combine(outDir, "log", "sweep", "synthetic");
        var index = Path.Combine(outDir, "log", ".trial-list-index");
        try
        {
            Directory.CreateDirectory(Path.Combine(study, "cfg", Leaf));
            File.WriteAllText(Path.Combine(study, "cfg", "cfg.yaml"), "seed: 0\nepochs: 1\n");
            File.WriteAllText(Path.Combine(study, "cfg", Leaf, "cfg.yaml"), "lr: 0.1\n");
            var empty = Path.Combine(study, "empty-out");
            Console.WriteLine($"  the first dashboard after a sweep: {TrainBench.CpuLine()}, unpinned, {rounds} rounds alternated, {count:N0} trials (load {TrainBench.LoadAverage()})");
            var (without, with, alone, sweeps) = (new List<FirstListProcess.Run>(), new List<FirstListProcess.Run>(), new List<double>(), new List<double>());
            for (var round = 0; round < rounds; round++)
            {
                FirstListIndex.Remove(outDir);
                var off = await FirstListProcess.Once(tool, outDir, null);
                if (off is null) { Console.WriteLine("    without: did not answer"); return; }
                if (Directory.Exists(empty)) Directory.Delete(empty, true);
                var small = Sweep(tool, study, empty);
                if (Directory.Exists(trained)) Directory.Delete(trained, true);
                FirstListIndex.Remove(outDir);
                var big = Sweep(tool, study, outDir);
                if (small is null || big is null) { Console.WriteLine("    the sweep failed"); return; }
                if (!File.Exists(index)) { Console.WriteLine("    the sweep left no index"); return; }
                var size = new FileInfo(index).Length;
                var on = await FirstListProcess.Once(tool, outDir, null);
                if (on is null) { Console.WriteLine("    with: did not answer"); return; }
                (without, with, alone, sweeps) = ([.. without, off.Value], [.. with, on.Value], [.. alone, small.Value], [.. sweeps, big.Value]);
                Console.WriteLine($"    round {round + 1}: no index {Measure.Fmt(off.Value.First)} (CPU {off.Value.Cpu:F2} s); after the sweep {Measure.Fmt(on.Value.First)} (CPU {on.Value.Cpu:F2} s; index {size / 1048576.0:F1} MB): " +
                                  $"{on.Value.First / off.Value.First:F2}x wall, {on.Value.Cpu / off.Value.Cpu:F2}x CPU; the sweep {Measure.Fmt(big.Value)} into the study, {Measure.Fmt(small.Value)} into an empty out (load {TrainBench.LoadAverage()})");
            }
            static string Span(IEnumerable<double> v) => $"{Measure.Fmt(v.Min())}-{Measure.Fmt(v.Max())}";
            Console.WriteLine($"    first answer without an index:   {Span(without.Select(x => x.First))} (CPU {without.Min(x => x.Cpu):F2}-{without.Max(x => x.Cpu):F2} s)");
            Console.WriteLine($"    first answer after the sweep:    {Span(with.Select(x => x.First))} (CPU {with.Min(x => x.Cpu):F2}-{with.Max(x => x.Cpu):F2} s; target < 3 s)");
            Console.WriteLine($"    after / without, per round: wall {string.Join(", ", with.Zip(without, (a, b) => (a.First / b.First).ToString("F2", CultureInfo.InvariantCulture)))}; " +
                              $"CPU {string.Join(", ", with.Zip(without, (a, b) => (a.Cpu / b.Cpu).ToString("F2", CultureInfo.InvariantCulture)))}");
            Console.WriteLine($"    the sweep of one trial: into the study {Span(sweeps)}, into an empty out {Span(alone)}; per round +{string.Join(", +", sweeps.Zip(alone, (a, b) => Measure.Fmt(a - b)))} (load {TrainBench.LoadAverage()})");
        }
        finally
        {
            Directory.Delete(study, true);
            if (Directory.Exists(trained)) Directory.Delete(trained, true);
        }
    }

    // `hypergrid sweep --out OUT --workers 1` in the study's folder: its wall seconds, or null when it failed.
    private static double? Sweep(string tool, string study, string outDir)
    {
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(new ProcessStartInfo(tool, ["sweep", "--out", outDir, "--workers", "1"]) { WorkingDirectory = study, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode == 0) return clock.Elapsed.TotalSeconds;
        Console.WriteLine($"    sweep --out {outDir}: exit code {p.ExitCode}\n{output.Result}{errors.Result}");
        return null;
    }
}
