using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hypergrid.Trials;
using Hypergrid.Dashboard;
using Microsoft.Playwright;

namespace Hypergrid.Bench;

/// <summary>The trial list at 1,000 and 10,000 trials, a page of 200 trials x 2,000 epochs and one of 1,000 selected trials in headless Chromium.</summary>
public static class DashboardBench
{
    public static async Task RunAsync()
    {
        var root = Directory.CreateTempSubdirectory("hypergrid-bench-dash-").FullName;
        try
        {
            await TrialList(root, 1000);
            await TrialList(root, 10_000);
            await PageBench.Ratio(root, 5); // the page vs uPlot alone (bench page also measures 100,000 trials)
            await ManySelected(root);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    /// <summary>Only the trial list: 10,000 and 100,000 trials (first answer, warm answers, 304 revalidation).</summary>
    public static async Task ListAsync()
    {
        var root = Directory.CreateTempSubdirectory("hypergrid-bench-list-").FullName;
        try
        {
            await TrialList(root, 10_000);
            if (Environment.GetEnvironmentVariable("HYPERGRID_BENCH_100K") == "1") await TrialList(root, 100_000);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    private static async Task TrialList(string root, int count)
    {
        var outDir = Path.Combine(root, "list" + count);
        for (var i = 0; i < count; i++)
            PageBench.Trial(Path.Combine(outDir, "log"), $"sweep/mnist/mlp/adam/trial_{i:D3}", $"seed: 0\nlr: {0.0001 * (i + 1)}\nhidden: [{i % 7 + 1}]\n", null);
        await using var app = DashboardServer.Build(new DashboardOptions(outDir, Port: 0));
        await app.StartAsync();
        // A first answer at 100,000 trials on a loaded host can take minutes: HttpClient's 100 s would cut it off.
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(15) };
        var cold = Stopwatch.StartNew();
        await http.GetStringAsync("/api/trials");
        var coldTime = cold.Elapsed.TotalSeconds;
        var warm = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var sw = Stopwatch.StartNew();
            await http.GetStringAsync("/api/trials");
            warm.Add(sw.Elapsed.TotalSeconds);
        }
        warm.Sort();
        // What the page's 2 s refresh costs when nothing changed: a revalidation by ETag.
        var first = await http.GetAsync("/api/trials");
        HttpResponseMessage notModified = null!;
        var revalidations = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            var revalidate = new HttpRequestMessage(HttpMethod.Get, "/api/trials");
            revalidate.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            var sw304 = Stopwatch.StartNew();
            notModified = await http.SendAsync(revalidate);
            revalidations.Add(sw304.Elapsed.TotalSeconds);
        }
        revalidations.Sort();
        var t304 = revalidations[10];
        var size = (await first.Content.ReadAsByteArrayAsync()).Length;
        Console.WriteLine($"dashboard: GET /api/trials with {count:N0} trials: warm {Measure.Fmt(warm[0])} best / {Measure.Fmt(warm[10])} median; " +
                          $"first (cold, every folder read) {Measure.Fmt(coldTime)} -> warm is {coldTime / warm[10]:F0}x cheaper; targets < 100 ms warm at 1,000, < 200 ms at 10,000");
        Console.WriteLine($"  the list is {size / 1024.0:N0} KB; a refresh with nothing changed is {(int)notModified.StatusCode} with {(await notModified.Content.ReadAsByteArrayAsync()).Length} bytes of body in {Measure.Fmt(t304)} (median of 21; target < 20 ms at 10,000)");
        if (count >= 10_000) await RefreshBytes(outDir, app.Urls.First(), size);
    }

    /// <summary>The page over the whole study with one trial running and growing: bytes on the wire per 2 s refresh.</summary>
    private static async Task RefreshBytes(string outDir, string url, int listSize)
    {
        var running = Path.Combine(outDir, "log", "sweep/mnist/mlp/adam/trial_000");
        foreach (var f in new[] { TrialFiles.BatchLog, TrialFiles.Run }) File.Delete(Path.Combine(running, f));
        File.WriteAllText(Path.Combine(running, TrialFiles.Claim), $"{{\"host\":\"{Environment.MachineName}\",\"pid\":{Environment.ProcessId}}}");
        var partial = Path.Combine(running, TrialFiles.PartialLog);
        var rows = 0;
        void Grow(int n)
        {
            var text = new StringBuilder(rows == 0 ? "epoch,mode,batch,time,loss\n" : "");
            for (var i = 0; i < n; i++, rows++) text.Append(CultureInfo.InvariantCulture, $"{rows / 100 + 1},train,{rows % 100},{rows * 0.01},{1.0 / (1 + rows)}\n");
            File.AppendAllText(partial, text.ToString());
        }
        Grow(250);
        using var pw = await Playwright.CreateAsync();
        await using var browser = await pw.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/lib/chromium/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        long bytes = 0;
        var requests = 0;
        var lists = 0;
        var counting = false;
        page.RequestFinished += async (_, request) =>
        {
            if (!counting) return;
            var s = await request.SizesAsync();
            Interlocked.Add(ref bytes, s.RequestHeadersSize + s.RequestBodySize + s.ResponseHeadersSize + s.ResponseBodySize);
            Interlocked.Increment(ref requests);
            // Every refresh asks for the trial list once: that counts the refreshes that really happened.
            if (request.Url.EndsWith("/api/trials", StringComparison.Ordinal)) Interlocked.Increment(ref lists);
        };
        async Task<(double Bytes, double Requests)> PerRefresh(string hash)
        {
            await page.GotoAsync(url + "/" + hash);
            await page.WaitForSelectorAsync("body[data-ready='1']", new() { Timeout = 300_000 });
            await Task.Delay(3000); // one refresh after the first draw: the steady state
            Interlocked.Exchange(ref bytes, 0);
            Interlocked.Exchange(ref requests, 0);
            Interlocked.Exchange(ref lists, 0);
            counting = true;
            for (var i = 0; i < 5; i++)
            {
                Grow(100); // a running trial's new rows between refreshes
                await Task.Delay(2000);
            }
            counting = false;
            await Task.Delay(500);
            var refreshes = Math.Max(1, lists);
            return (bytes / (double)refreshes, requests / (double)refreshes);
        }
        var epoch = await PerRefresh("#m=loss");
        Console.WriteLine($"  the page over all 10,000 trials, one of them running and growing 100 rows a refresh: {epoch.Bytes / 1024:F1} KB on the wire per refresh " +
                          $"({epoch.Requests:F1} requests; the list itself is {listSize / 1024.0:N0} KB) -> {listSize / epoch.Bytes:N0}x less than resending it; target < 20 KB");
        var step = await PerRefresh("#m=loss&x=step");
        Console.WriteLine($"  the same at step resolution (train and val buckets of the running trial extended, not resent): {step.Bytes / 1024:F1} KB per refresh ({step.Requests:F1} requests); target < 20 KB");
    }

    /// <summary>1,000 selected trials of 50 epochs each, drawn as lines (the page also offers bands above 200).</summary>
    private static async Task ManySelected(string root)
    {
        const int trials = 1000, epochs = 50;
        var outDir = Path.Combine(root, "many");
        for (var t = 0; t < trials; t++)
        {
            var sb = new StringBuilder("epoch,mode,time,loss,acc,n_batches\n");
            for (var e = 1; e <= epochs; e++)
                foreach (var phase in new[] { "train", "val" })
                    sb.Append(CultureInfo.InvariantCulture, $"{e},{phase},{e * 0.5},{(2.0 + t * 0.001) / e:R},{1 - 0.5 / e:R},10\n");
            PageBench.Trial(Path.Combine(outDir, "log"), $"sweep/mnist/mlp/adam/trial_{t:D3}", $"seed: 0\nlr: {0.00001 * (t + 1)}\n", sb.ToString());
        }
        await using var app = DashboardServer.Build(new DashboardOptions(outDir, Port: 0));
        await app.StartAsync();
        using var pw = await Playwright.CreateAsync();
        await using var browser = await pw.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/lib/chromium/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
        var times = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
            await page.GotoAsync(app.Urls.First() + "/#m=loss&ph=train");
            await page.WaitForSelectorAsync("body[data-ready='1']", new() { Timeout = 120_000 });
            times.Add(await page.EvaluateAsync<double>("() => hypergrid.store.firstDraw") / 1000);
            await page.CloseAsync();
        }
        times.Sort();
        Console.WriteLine($"dashboard page: {trials:N0} selected trials x {epochs} epochs drawn as lines after navigation: {Measure.Fmt(times[0])} best / {Measure.Fmt(times[1])} median; target < 2 s");
    }
}
