using System.Diagnostics;
using System.Globalization;

namespace Hypergrid.Bench;

/// <summary>
/// The first /api/trials answer as a user meets it: `hypergrid dashboard` started as its own process over the study (the
/// tool as scripts/install packs it, ReadyToRun; or HYPERGRID_BENCH_TOOL), the time until it answers at all (ready), then
/// its first GET /api/trials (wall) and the process's CPU by then (from /proc). With HYPERGRID_BENCH_BASELINE=PATH (another
/// build's hypergrid) both run alternately, 3 rounds; HYPERGRID_BENCH_CPU=N pins both to that CPU (taskset). The list
/// index a run leaves in out/log is removed before each (both read every trial; see <see cref="FirstListIndex"/>).
/// </summary>
internal static class FirstListProcess
{
    public static async Task RunAsync(string outDir, int count)
    {
        using var installed = InstalledTool.Get("as a process");
        if (installed is null) return;
        var tool = installed.Command;
        var baseline = Environment.GetEnvironmentVariable("HYPERGRID_BENCH_BASELINE");
        var pin = Environment.GetEnvironmentVariable("HYPERGRID_BENCH_CPU");
        var runs = new Dictionary<string, List<Run>> { ["this build"] = [] };
        if (baseline is not null) runs["baseline"] = [];
        for (var round = 0; round < 3; round++)
            foreach (var (name, binary) in new[] { ("this build", tool), ("baseline", baseline) })
            {
                if (binary is null) continue;
                // Both read every trial: the list index a run leaves is timed by FirstListIndex, not here.
                FirstListIndex.Remove(outDir);
                var run = await Once(binary, outDir, pin);
                if (run is null) { Console.WriteLine($"  {name} ({binary}): did not answer"); return; }
                runs[name].Add(run.Value);
            }
        Console.WriteLine($"  as a process ({(pin is null ? "unpinned" : $"pinned to CPU {pin}")}), 3 rounds alternated, {count:N0} trials (load {TrainBench.LoadAverage()}):");
        foreach (var (name, list) in runs)
            Console.WriteLine($"    {name,-10}: ready {Fmt(list.Select(r => r.Ready))}; first answer {Fmt(list.Select(r => r.First))} (target < 3 s); " +
                              $"CPU by then {string.Join(", ", list.Select(r => r.Cpu.ToString("F1", CultureInfo.InvariantCulture)))} s");
        if (baseline is not null)
            Console.WriteLine($"    first answer, this build / baseline, per round: {string.Join(", ", runs["this build"].Zip(runs["baseline"], (a, b) => (a.First / b.First).ToString("F2", CultureInfo.InvariantCulture)))}; " +
                              $"CPU {string.Join(", ", runs["this build"].Zip(runs["baseline"], (a, b) => (a.Cpu / b.Cpu).ToString("F2", CultureInfo.InvariantCulture)))}");
    }

    private static string Fmt(IEnumerable<double> seconds) => string.Join(", ", seconds.Select(Measure.Fmt));

    /// <summary>One process's figures: seconds until it answered at all, its first /api/trials, its CPU by then; the body when kept.</summary>
    internal readonly record struct Run(double Ready, double First, double Cpu, byte[]? Body);

    // One process: started, polled until it answers, its first GET /api/trials timed, its CPU read, then (after
    // <paramref name="after"/>, when given) stopped.
    internal static async Task<Run?> Once(string tool, string outDir, string? pin, bool keepBody = false, Func<Task>? after = null)
    {
        var port = 20000 + Random.Shared.Next(10000);
        string[] args = ["dashboard", "--out", outDir, "--port", port.ToString(CultureInfo.InvariantCulture)];
        var start = pin is null ? new ProcessStartInfo(tool, args) : new ProcessStartInfo("taskset", ["-c", pin, tool, .. args]);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        try
        {
            while (true)
            {
                if (process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(1)) return null;
                try { using var _ = await http.GetAsync("/"); break; }
                catch (HttpRequestException) { await Task.Delay(20); }
            }
            var ready = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var body = await http.GetByteArrayAsync("/api/trials");
            var first = clock.Elapsed.TotalSeconds;
            var run = new Run(ready, first, Cpu(process.Id), keepBody ? body : null);
            if (after is not null) await after();
            return run;
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    // utime + stime of /proc/PID/stat (fields 14 and 15, after the parenthesised name), in seconds.
    private static double Cpu(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
