using System.Diagnostics;
using System.Globalization;
using Hypergrid.Dashboard;
using Hypergrid.Dashboard.Api;
using Hypergrid.Dashboard.Trials;
using Hypergrid.Trials;

namespace Hypergrid.Bench;

/// <summary>
/// The first /api/trials answer of a fresh study of 100,000 trials (HYPERGRID_BENCH_PAGE_TRIALS), as a user meets it: a
/// new server in this process, its first GET timed (wall and this process's CPU), then where that time goes (listing the
/// folders, reading each trial, writing the JSON), and a new scanner's list against the plain reading of each trial's
/// files, alternating. HYPERGRID_BENCH_STUDY=DIR keeps the study there between runs (made when missing).
/// </summary>
public static class FirstListBench
{
    public static async Task RunAsync()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("HYPERGRID_BENCH_PAGE_TRIALS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 100_000;
        var kept = Environment.GetEnvironmentVariable("HYPERGRID_BENCH_STUDY");
        var parent = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var outDir = kept ?? Path.Combine(parent, "hypergrid-bench-first-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var log = Path.Combine(outDir, "log");
            if (!Directory.Exists(log)) Write(log, count);
            Console.WriteLine($"first trial list: {count:N0} trials on {parent} (load {TrainBench.LoadAverage()})");
            if (Environment.GetEnvironmentVariable("HYPERGRID_BENCH_ONLY") == "split") { FirstListSplit.Run(log); return; }
            // HYPERGRID_BENCH_ONLY=process: as a user meets it, the dashboard as its own process (and a baseline's, alternated).
            if (Environment.GetEnvironmentVariable("HYPERGRID_BENCH_ONLY") == "process") { await FirstListProcess.RunAsync(outDir, count); return; }
            // HYPERGRID_BENCH_ONLY=index: a fresh process with the list index an earlier one left, and without it, alternated.
            if (Environment.GetEnvironmentVariable("HYPERGRID_BENCH_ONLY") == "index") { await FirstListIndex.RunAsync(outDir, count); return; }
            // HYPERGRID_BENCH_ONLY=after-sweep: the first dashboard after a sweep (which leaves the index), and without an index.
            if (Environment.GetEnvironmentVariable("HYPERGRID_BENCH_ONLY") == "after-sweep") { await FirstListAfterSweep.RunAsync(outDir, count); return; }
            await FirstAnswer(outDir, count);
            // HYPERGRID_BENCH_ONLY=first: the first answer alone (for strace or perf).
            if (Environment.GetEnvironmentVariable("HYPERGRID_BENCH_ONLY") == "first") return;
            // A second new server in the same process: the same work with the code already compiled.
            await FirstAnswer(outDir, count);
            Stages(log);
            TrialListBaseline.Run(log);
            await FirstListProcess.RunAsync(outDir, count);
            await FirstListIndex.RunAsync(outDir, count);
        }
        finally
        {
            if (kept is null && Directory.Exists(outDir)) Directory.Delete(outDir, true);
        }
    }

    /// <summary>The large study of bench page: complete trials of one leaf, each a cfg.yaml, a batch log and run.json.</summary>
    internal static void Write(string log, int count)
    {
        var made = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            PageBench.Trial(log, $"sweep/mnist/mlp/adam/{TrialFiles.FolderName(i)}", $"seed: {i % 3}\nlr: {i / 3 + 1}e-5\nhidden: [{i % 7 + 1}]\n", null,
                valAcc: 0.5 + (i * 7919 % count) / (2.0 * count)));
        Console.WriteLine($"  {count:N0} trials written in {made.Elapsed.TotalSeconds:F0} s (load {TrainBench.LoadAverage()})");
    }

    /// <summary>A new server's first GET /api/trials and a warm one (see <see cref="FirstAnswer(HttpClient, int)"/>).</summary>
    internal static async Task FirstAnswer(string outDir, int count)
    {
        // Every trial read, as before the list index (timed on its own: FirstListIndex).
        FirstListIndex.Remove(outDir);
        var built = Stopwatch.StartNew();
        await using var app = DashboardServer.Build(new DashboardOptions(outDir, Port: 0));
        await app.StartAsync();
        Console.WriteLine($"  server built and started in {Measure.Fmt(built.Elapsed.TotalSeconds)}");
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
        await FirstAnswer(http, count);
    }

    /// <summary>
    /// A new server's first GET /api/trials (wall seconds, and this process's CPU: the server runs in it and it does
    /// nothing else meanwhile, which a loaded host bends far less than the wall time) and a warm one; with what the
    /// runtime did meanwhile (allocated, collected, compiled). HYPERGRID_BENCH_JIT=1 also lists what the JIT compiled,
    /// HYPERGRID_BENCH_ALLOC=1 what was allocated, by type.
    /// </summary>
    internal static async Task FirstAnswer(HttpClient http, int count)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (allocated, collections, jit, methods, paused) = (GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount(), GC.GetTotalPauseDuration());
        using var watch = RuntimeWatch.Compiled();
        using var alloc = RuntimeWatch.Allocated();
        var sw = Stopwatch.StartNew();
        var size = (await http.GetByteArrayAsync("/api/trials")).LongLength;
        var first = sw.Elapsed.TotalSeconds;
        var firstCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        watch?.Print(count);
        alloc?.Print(count);
        var runtime = $"{(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0:F0} MB allocated, {GC.CollectionCount(0) - collections} collections paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:F2} s, " +
                      $"JIT {(System.Runtime.JitInfo.GetCompilationTime() - jit).TotalSeconds:F2} s for {System.Runtime.JitInfo.GetCompiledMethodCount() - methods} methods";
        sw.Restart();
        await http.GetByteArrayAsync("/api/trials");
        var warm = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"dashboard: GET /api/trials with {count:N0} trials: first answer {Measure.Fmt(first)} (target < 3 s; {firstCpu:F1} s of CPU on {Environment.ProcessorCount} core(s); {runtime}), " +
                          $"warm {Measure.Fmt(warm)}, {size / 1048576.0:F1} MB (load {TrainBench.LoadAverage()})");
    }

    // Where a first answer's time goes, each stage on its own (a new scanner each time, so nothing is cached between them).
    private static void Stages(string log)
    {
        var (listWall, listCpu, dirs) = Timed(() => TrialFolders.Under(log).ToList());
        var scanner = new TrialScanner(log);
        var (scanWall, scanCpu, trials) = Timed(() => scanner.Scan());
        var (jsonWall, jsonCpu, body) = Timed(() => TrialListJson.Write(log, [], trials));
        Console.WriteLine($"  stages: list the folders {Measure.Fmt(listWall)} ({listCpu:F2} s CPU), read {dirs.Count:N0} trials {Measure.Fmt(scanWall)} ({scanCpu:F2} s CPU), " +
                          $"write {body.Length / 1048576.0:F1} MB of JSON {Measure.Fmt(jsonWall)} ({jsonCpu:F2} s CPU) (load {TrainBench.LoadAverage()})");
    }

    private static (double Wall, double Cpu, T Value) Timed<T>(Func<T> f)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var value = f();
        return (sw.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, value);
    }

}
