using System.Diagnostics;
using Hypergrid.Config.Expansion;
using Hypergrid.Trials;

namespace Hypergrid.Bench;

/// <summary>
/// What writing new trials in number order costs: <see cref="Expander.Write(IEnumerable{LeafExpansion})"/> (folders and temp files on every core, each
/// renamed into place in number order as soon as it is staged, so a kill leaves no gap in the numbers) against the write it replaced
/// (each trial's folder, temp file and rename on every core, in any order), alternated in one process over the same
/// 10,000 planned trials on tmpfs (expand's tree). Rounds from HYPERGRID_BENCH_ROUNDS (default 9).
/// </summary>
public static class ExpandOrderBench
{
    public static void Run()
    {
        var cfg = ExpandBench.Tree("hypergrid-bench-order-cfg");
        var outDir = "/dev/shm/hypergrid-bench-order-out";
        Clean(outDir);
        var planned = Expander.Expand(new ExpandOptions(cfg, outDir) { DryRun = true });
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("HYPERGRID_BENCH_ROUNDS"), out var r) ? r : 9;

        var (ordered, unordered) = (new List<double>(), new List<double>());
        // A warm-up of each, then the two alternated, so that the host's load falls on both alike.
        for (var i = -1; i < rounds; i++)
        {
            var a = Time(outDir, () => Expander.Write(planned));
            var b = Time(outDir, () => Unordered(planned));
            if (i < 0) continue;
            ordered.Add(a);
            unordered.Add(b);
        }
        var (now, before) = (Measure.Median(ordered), Measure.Median(unordered));
        Console.WriteLine($"expand-order: writing 10,000 new trials on tmpfs, {rounds} rounds alternated, {Environment.ProcessorCount} CPU(s)");
        Console.WriteLine($"  in number order (now): {Measure.Fmt(ordered.Min())} best / {Measure.Fmt(now)} median");
        Console.WriteLine($"  in any order (before): {Measure.Fmt(unordered.Min())} best / {Measure.Fmt(before)} median");
        Console.WriteLine($"  now / before: {ordered.Min() / unordered.Min():F2}x best, {now / before:F2}x median");
        Clean(outDir);
        Directory.Delete(cfg, true);
    }

    // The write before: folder, temp file and rename per trial on every core, in any order.
    private static void Unordered(IEnumerable<LeafExpansion> leaves) =>
        Parallel.ForEach(leaves.SelectMany(l => l.Changed), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) }, t =>
        {
            Directory.CreateDirectory(t.Directory);
            AtomicFile.WriteAllText(t.ConfigPath, t.ConfigText);
        });

    /// <summary>Seconds one write of new trials into a cleaned folder takes.</summary>
    internal static double Time(string outDir, Action write)
    {
        Clean(outDir);
        var clock = Stopwatch.StartNew();
        write();
        return clock.Elapsed.TotalSeconds;
    }

    internal static void Clean(string dir)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
    }
}
