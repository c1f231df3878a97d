using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hypergrid.Dashboard;
using Hypergrid.Trials;

namespace Hypergrid.Bench;

/// <summary>
/// GET /api/series-group zoomed by samples seen (from and to in samples, mapped to each seed's own steps by its own
/// batch_size) against the same rows asked by train steps (from and to in steps: no mapping), in alternated rounds:
/// what a zoom in the axis's own units costs. Three groups of batch sizes 16, 32 and 64, three seeds of 300,000 rows each.
/// </summary>
public static class ZoomBench
{
    public static async Task RunAsync()
    {
        const int rows = 300_000, rounds = 5, perRound = 20;
        int[] sizes = [16, 32, 64];
        var root = "/dev/shm/hypergrid-bench-zoom";
        if (Directory.Exists(root)) Directory.Delete(root, true);
        foreach (var bs in sizes)
            for (var seed = 0; seed < 3; seed++)
            {
                var dir = Path.Combine(root, "log", "sweep", "toy", "mlp", $"bs{bs}", $"trial_{seed:D3}");
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, TrialFiles.Config), $"mode: sweep\ndataset: toy\nmodel: mlp\ntrainer: bs{bs}\nseed: {seed}\nbatch_size: {bs}\n");
                var rng = new Random(seed);
                var sb = new StringBuilder("epoch,mode,batch,loss\n");
                for (var i = 0; i < rows; i++) sb.Append(CultureInfo.InvariantCulture, $"1,train,{i},{rng.NextDouble():R}\n");
                File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), sb.ToString());
            }
        await using var app = DashboardServer.Build(new DashboardOptions(root, Port: 0));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
        string Group(int bs) => "/api/series-group?" + string.Join("&", Enumerable.Range(0, 3).Select(s => $"trial=sweep/toy/mlp/bs{bs}/trial_{s:D3}")) + "&phase=train&metrics=loss&points=700";
        // The same rows both ways: samples [16 × 16 × a, ...) of batch size 16 are its steps [16 a - 1, ...), and so on.
        var rng2 = new Random(3);
        var ranges = Enumerable.Range(0, perRound).Select(_ => { var a = rng2.Next(1, rows / 2); return (a, a + rng2.Next(1000, rows / 2)); }).ToList();
        async Task<double> Ask(bool samples)
        {
            var clock = Stopwatch.StartNew();
            foreach (var (a, b) in ranges)
                foreach (var bs in sizes)
                    await http.GetStringAsync(samples ? $"{Group(bs)}&x=samples&from={(a + 1) * bs}&to={(b + 1) * bs}" : $"{Group(bs)}&x=step&from={a}&to={b}");
            return clock.Elapsed.TotalSeconds / (ranges.Count * sizes.Length);
        }
        await Ask(false); await Ask(true); // the logs read and the code compiled before any round counts
        var steps = new List<double>();
        var samples = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            // Alternated, so a change of the machine's load falls on both.
            if (r % 2 == 0) { steps.Add(await Ask(false)); samples.Add(await Ask(true)); }
            else { samples.Add(await Ask(true)); steps.Add(await Ask(false)); }
        }
        var (s, z) = (Measure.Median(steps), Measure.Median(samples));
        Console.WriteLine($"zoom: a group of 3 seeds x {rows:N0} rows, {perRound} random ranges x 3 batch sizes, {rounds} alternated rounds (medians per request)");
        Console.WriteLine($"  by train steps (from/to in steps): {Measure.Fmt(s)}; by samples seen (from/to in samples, mapped per seed): {Measure.Fmt(z)} -> {z / s:F2}x");
        Console.WriteLine($"  rounds, steps: {string.Join(" ", steps.Select(Measure.Fmt))}; samples: {string.Join(" ", samples.Select(Measure.Fmt))}");
        Directory.Delete(root, true);
    }
}
