using System.Diagnostics;
using System.Globalization;

namespace Hypergrid.Bench;

/// <summary>
/// The first /api/trials answer of a fresh `hypergrid dashboard` process WITH the list index an earlier process left in
/// out/log and WITHOUT it (removed before the start), alternated for HYPERGRID_BENCH_ROUNDS rounds (5): each side's ready
/// time, first answer (wall) and the process's CPU by then, and the ratio with/without per round. Before each "with"
/// round the index is made by a process of its own when missing (started, asked once, left until the file appears).
/// The answers of both are compared byte for byte (and their sizes printed). HYPERGRID_BENCH_CPU=N pins both.
/// </summary>
internal static class FirstListIndex
{
    private const string IndexName = ".trial-list-index";

    public static async Task RunAsync(string outDir, int count)
    {
        using var installed = InstalledTool.Get("with and without the index");
        if (installed is null) return;
        var tool = installed.Command;
        var pin = Environment.GetEnvironmentVariable("HYPERGRID_BENCH_CPU");
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("HYPERGRID_BENCH_ROUNDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 5;
        var index = Path.Combine(outDir, "log", IndexName);
        var (with, without) = (new List<FirstListProcess.Run>(), new List<FirstListProcess.Run>());
        byte[]? bodyWith = null, bodyWithout = null;
        Console.WriteLine($"  with and without the list index: {TrainBench.CpuLine()}, {(pin is null ? "unpinned" : $"pinned to CPU {pin}")}, {rounds} rounds alternated (load {TrainBench.LoadAverage()})");
        for (var round = 0; round < rounds; round++)
        {
            Remove(outDir);
            var off = await FirstListProcess.Once(tool, outDir, pin, keepBody: round == 0);
            if (off is null) { Console.WriteLine("    without: did not answer"); return; }
            without.Add(off.Value);
            bodyWithout ??= off.Value.Body;
            if (!await Ensure(tool, outDir, index)) { Console.WriteLine("    the index was not written within 2 minutes"); return; }
            var size = new FileInfo(index).Length;
            var on = await FirstListProcess.Once(tool, outDir, pin, keepBody: round == 0);
            if (on is null) { Console.WriteLine("    with: did not answer"); return; }
            with.Add(on.Value);
            bodyWith ??= on.Value.Body;
            Console.WriteLine($"    round {round + 1}: without {Measure.Fmt(off.Value.First)} (CPU {off.Value.Cpu:F2} s), with {Measure.Fmt(on.Value.First)} (CPU {on.Value.Cpu:F2} s; index {size / 1048576.0:F1} MB): " +
                              $"{on.Value.First / off.Value.First:F2}x wall, {on.Value.Cpu / off.Value.Cpu:F2}x CPU (load {TrainBench.LoadAverage()})");
        }
        static string Span(IEnumerable<double> v) => $"{Measure.Fmt(v.Min())}-{Measure.Fmt(v.Max())}";
        Console.WriteLine($"    without the index: ready {Span(without.Select(x => x.Ready))}; first answer {Span(without.Select(x => x.First))}; CPU by then {without.Min(x => x.Cpu):F2}-{without.Max(x => x.Cpu):F2} s");
        Console.WriteLine($"    with the index:    ready {Span(with.Select(x => x.Ready))}; first answer {Span(with.Select(x => x.First))} (target < 3 s); CPU by then {with.Min(x => x.Cpu):F2}-{with.Max(x => x.Cpu):F2} s");
        Console.WriteLine($"    with / without, per round: wall {string.Join(", ", with.Zip(without, (a, b) => (a.First / b.First).ToString("F2", CultureInfo.InvariantCulture)))}; " +
                          $"CPU {string.Join(", ", with.Zip(without, (a, b) => (a.Cpu / b.Cpu).ToString("F2", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"    the answers: {bodyWithout?.Length:N0} and {bodyWith?.Length:N0} bytes, {(bodyWith is not null && bodyWithout is not null && bodyWith.AsSpan().SequenceEqual(bodyWithout) ? "the same bytes" : "DIFFERENT")} (load {TrainBench.LoadAverage()})");
        RemoveLeftovers(outDir);
    }

    // A process of its own asked once and left running until the index it writes after its answer is on disk.
    private static async Task<bool> Ensure(string tool, string outDir, string index)
    {
        if (File.Exists(index)) return true;
        return await FirstListProcess.Once(tool, outDir, null, keepBody: false, after: async () =>
        {
            var waited = Stopwatch.StartNew();
            while (!File.Exists(index) && waited.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(100);
        }) is not null && File.Exists(index);
    }

    /// <summary>Removes the study's list index (and leftovers): the next process reads every trial.</summary>
    internal static void Remove(string outDir)
    {
        RemoveLeftovers(outDir);
        File.Delete(Path.Combine(outDir, "log", IndexName));
    }

    // Temp files of index writes cut short by the kill that ends each timed process.
    private static void RemoveLeftovers(string outDir)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(outDir, "log"), "." + IndexName + ".*.tmp")) File.Delete(file);
    }
}
