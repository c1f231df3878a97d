using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hypergrid.Dashboard;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Bench;

/// <summary>GET /api/series on a 10,000,000-row batch log: the first answer (reading the log), then ranges at 1,000 points, against a straightforward scan.</summary>
public static class SeriesBench
{
    public static async Task RunAsync()
    {
        const int rows = 10_000_000;
        var root = "/dev/shm/hypergrid-bench-series";
        if (Directory.Exists(root)) Directory.Delete(root, true);
        var dir = Path.Combine(root, "log", "sweep", "mnist", "mlp", "adam", "trial_000");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, TrialFiles.Config), "seed: 0\n");
        var log = Path.Combine(dir, TrialFiles.BatchLog);
        Console.WriteLine($"series: writing a {rows:N0}-row batch log ...");
        using (var w = new StreamWriter(log, false, new UTF8Encoding(false), 1 << 20))
        {
            w.Write(BatchLogSchema.Header + "\n");
            var rng = new Random(1);
            for (var i = 0; i < rows; i++)
                w.Write(string.Create(CultureInfo.InvariantCulture, $"1,{(i % 10 == 9 ? "val" : "train")},{i},{i * 0.01:R},{(float)rng.NextDouble():R},{(float)rng.NextDouble():R},0.001,,{(float)rng.NextDouble() * 3:R},,,,,,\n"));
        }
        Console.WriteLine($"  {new FileInfo(log).Length / 1e9:F2} GB");
        await using var app = DashboardServer.Build(new DashboardOptions(Path.Combine(root), Port: 0));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
        const string trial = "/api/series/sweep/mnist/mlp/adam/trial_000?phase=train&metrics=loss";
        var clock = Stopwatch.StartNew();
        var first = JsonDocument.Parse(await http.GetStringAsync(trial + "&points=1000"));
        var firstTime = clock.Elapsed.TotalSeconds;
        var trainRows = first.RootElement.GetProperty("rows").GetInt32();
        await http.GetStringAsync(trial + "&from=10&to=900000&points=1000"); // one range query first: its code is compiled once, not per query
        var rng2 = new Random(2);
        var times = new List<double>();
        for (var q = 0; q < 50; q++)
        {
            var a = rng2.Next(trainRows);
            var b = a + rng2.Next(trainRows - a) + 1;
            clock.Restart();
            await http.GetStringAsync($"{trial}&from={a}&to={b}&points=1000");
            times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        var scan = Measure.Seconds(1, () => { }, () => Straightforward(log));
        Console.WriteLine($"  first answer (reading the log, building the summaries) {Measure.Fmt(firstTime)}; target < 5 s");
        Console.WriteLine($"  then 50 random ranges at 1,000 points: median {Measure.Fmt(times[25])}, max {Measure.Fmt(times[^1])}; target < 20 ms");
        Console.WriteLine($"  a straightforward scan of the CSV for one range (split lines, parse, bucket): {Measure.Fmt(scan.Best)} -> a range query is {scan.Best / times[25]:N0}x faster");
        Directory.Delete(root, true);
        await Page();
    }

    /// <summary>20 trials of 1,000,000 rows each, drawn at step resolution in Chromium: first visit (logs read) and again.</summary>
    private static async Task Page()
    {
        const int trials = 20, rows = 1_000_000;
        var root = "/dev/shm/hypergrid-bench-series-page";
        if (Directory.Exists(root)) Directory.Delete(root, true);
        Console.WriteLine($"series page: writing {trials} trials x {rows:N0} rows ...");
        Parallel.For(0, trials, t =>
        {
            var dir = Path.Combine(root, "log", "sweep", "mnist", "mlp", "adam", TrialFiles.FolderName(t));
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, TrialFiles.Config), $"seed: 0\nepochs: 1\nlr: {0.001 * (t + 1)}\n");
            using var w = new StreamWriter(Path.Combine(dir, TrialFiles.BatchLog), false, new UTF8Encoding(false), 1 << 20);
            w.Write(BatchLogSchema.Header + "\n");
            var rng = new Random(t);
            for (var i = 0; i < rows; i++)
                w.Write(string.Create(CultureInfo.InvariantCulture, $"1,train,{i},{i * 0.01:R},{(float)(2.0 / (1 + i * 1e-4) + rng.NextDouble() * 0.1):R},0.5,0.001,,,,,,,,\n"));
            new RunRecord { Status = RunStatus.Complete }.Write(dir);
        });
        using var pw = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await pw.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/lib/chromium/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
        async Task<List<double>> Visits(int n)
        {
            // A fresh server each time a series starts: its memory is empty, only the disk cache can help.
            await using var app = DashboardServer.Build(new DashboardOptions(root, Port: 0));
            await app.StartAsync();
            var times = new List<double>();
            for (var run = 0; run < n; run++)
            {
                var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
                await page.GotoAsync(app.Urls.First() + "/#m=loss&ph=train&x=step");
                await page.WaitForSelectorAsync("body[data-ready='1']", new() { Timeout = 120_000 });
                times.Add(await page.EvaluateAsync<double>("() => hypergrid.store.firstDraw") / 1000);
                await page.CloseAsync();
            }
            return times;
        }
        var first = await Visits(3);
        var restarted = await Visits(1);
        Console.WriteLine($"  {trials} x {rows:N0} rows at step resolution, plot drawn after navigation: very first visit (every CSV parsed) {Measure.Fmt(first[0])}; " +
                          $"later visits {Measure.Fmt(first.Skip(1).Min())}; first visit after a server restart (from the disk cache) {Measure.Fmt(restarted[0])}; target < 1.5 s");
        Directory.Delete(root, true);
    }

    private static double Straightforward(string log)
    {
        var values = new List<double>();
        foreach (var line in File.ReadLines(log).Skip(1))
        {
            var cells = line.Split(',');
            if (cells[1] == "train") values.Add(double.Parse(cells[4], CultureInfo.InvariantCulture));
        }
        var w = (values.Count + 999) / 1000;
        double total = 0;
        for (var b = 0; b < values.Count; b += w) total += values.Skip(b).Take(w).Max();
        return total;
    }
}
