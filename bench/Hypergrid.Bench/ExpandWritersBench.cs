using Hypergrid.Config.Expansion;

namespace Hypergrid.Bench;

/// <summary>
/// How many staging threads <see cref="Expander.Write(IEnumerable{LeafExpansion})"/> wants beside its committing thread:
/// one against the default (as many as CPUs, at least two), alternated in one process over the same 10,000 planned
/// trials on tmpfs (expand's tree). Rounds from HYPERGRID_BENCH_ROUNDS (default 15). Run it pinned too: taskset -c 1.
/// </summary>
public static class ExpandWritersBench
{
    public static void Run()
    {
        var cfg = ExpandBench.Tree("hypergrid-bench-writers-cfg");
        var outDir = "/dev/shm/hypergrid-bench-writers-out";
        var planned = Expander.Expand(new ExpandOptions(cfg, outDir) { DryRun = true });
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("HYPERGRID_BENCH_ROUNDS"), out var r) ? r : 15;
        var many = Math.Max(2, Environment.ProcessorCount);
        var (one, several) = (new List<double>(), new List<double>());
        // A warm-up of each, then the two alternated (which goes first alternates too), so that the host's load falls on both alike.
        for (var i = -1; i < rounds; i++)
        {
            var first = i % 2 == 0;
            var a = first ? ExpandOrderBench.Time(outDir, () => Expander.Write(planned, 1)) : 0;
            var b = ExpandOrderBench.Time(outDir, () => Expander.Write(planned, many));
            if (!first) a = ExpandOrderBench.Time(outDir, () => Expander.Write(planned, 1));
            if (i < 0) continue;
            one.Add(a);
            several.Add(b);
        }
        Console.WriteLine($"expand-writers: writing 10,000 new trials on tmpfs, {rounds} rounds alternated, {Environment.ProcessorCount} CPU(s) (load {TrainBench.LoadAverage()})");
        Console.WriteLine($"  1 writer + committer:  {Measure.Fmt(one.Min())} best / {Measure.Fmt(Measure.Median(one))} median");
        Console.WriteLine($"  {many} writers + committer: {Measure.Fmt(several.Min())} best / {Measure.Fmt(Measure.Median(several))} median");
        Console.WriteLine($"  1 / {many}: {one.Min() / several.Min():F2}x best, {Measure.Median(one) / Measure.Median(several):F2}x median; " +
                          $"1 faster in {one.Zip(several).Count(p => p.First < p.Second)} of {rounds} pairs");
        ExpandOrderBench.Clean(outDir);
        Directory.Delete(cfg, true);
    }
}
