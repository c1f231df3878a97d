using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hypergrid.Dashboard;
using Hypergrid.Trials;
using Microsoft.Playwright;

namespace Hypergrid.Bench;

/// <summary>
/// The page in headless Chromium, as a user sees it. "Ready" is the same moment for the page and its baseline: the
/// plots (and the page's table) painted, taken in a task after the frame that drew them, and "interactive" is the
/// first moment after it that the main thread stays free of long tasks (over 50 ms) for a second. The baseline is
/// uPlot alone drawing the same curves from one JSON; the two alternate in one browser, so load hits both alike.
/// HYPERGRID_BENCH_RUNS (default 7) sets the repetitions (0 skips the ratio: only the large study); HYPERGRID_BENCH_PAGE_TRIALS (default 100,000) the size of
/// the large study (0 skips it); HYPERGRID_BENCH_PROFILE=DIR writes a Chrome CPU profile of one page load there;
/// HYPERGRID_BENCH_DETAIL=1 prints every run's stages and every request of the page (its scripts too), not only the API's.
/// </summary>
public static class PageBench
{
    private const string Chromium = "/usr/lib/chromium/chromium";

    public static async Task RunAsync()
    {
        var runs = EnvInt("HYPERGRID_BENCH_RUNS", 7);
        var large = EnvInt("HYPERGRID_BENCH_PAGE_TRIALS", 100_000);
        // tmpfs when there is one: writing 100,000 trial folders to a loaded disk measures the disk.
        var parent = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var root = Directory.CreateDirectory(Path.Combine(parent, "hypergrid-bench-page-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        try
        {
            Console.WriteLine($"page bench (load {TrainBench.LoadAverage()}), {runs} runs each, page and baseline alternating");
            if (runs > 0) await Ratio(root, runs);
            if (large > 0) await Large(root, large);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;


    private static Task<IBrowser> Launch(IPlaywright pw) =>
        pw.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });

    /// <summary>Long tasks from the start of the page, for "interactive" (both pages get the same observer).</summary>
    private const string LongTasks = """
        window.__long = [];
        new PerformanceObserver(l => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.startTime + e.duration]); })
          .observe({ type: 'longtask', buffered: true });
        """;

    /// <summary>
    /// The page's requests for its data, from the browser's resource timing: where the time before the first draw goes
    /// (the server's answer or the page's work on it). The document's own end is listed first.
    /// </summary>
    private const string Requests = """
        () => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource').filter(e => e.name.includes(globalThis.__all ? '/' : '/api/'))]
          .map(e => `${e.name.replace(location.origin, '') || '/'} ${Math.round(e.requestStart)}/${Math.round(e.responseStart)}/${Math.round(e.responseEnd)} ${Math.round(e.encodedBodySize / 1024)}`)
          .join('; ')
        """;

    /// <summary>The first moment at or after ready from which no long task starts within a second (ms after navigation).</summary>
    private static async Task<double> Interactive(IPage page, double ready)
    {
        await Task.Delay(1500);
        var tasks = await page.EvaluateAsync<double[][]>("() => window.__long");
        var t = ready;
        foreach (var task in tasks.OrderBy(x => x[0]))
            if (task[1] > t && task[0] < t + 1000) t = task[1];
        if (t > ready + 400) await Task.Delay(1200); // a late long task: its quiet second must have passed too
        return t;
    }

    /// <summary>200 trials x 2,000 epochs: the page against uPlot alone, alternating, <paramref name="runs"/> times.</summary>
    internal static async Task Ratio(string root, int runs)
    {
        const int trials = 200, epochs = 2000;
        var outDir = Path.Combine(root, "page");
        var json = new StringBuilder("[");
        for (var t = 0; t < trials; t++)
        {
            var sb = new StringBuilder("epoch,mode,time,loss,acc,n_batches\n");
            var xs = new List<string>();
            var ys = new List<string>();
            for (var e = 1; e <= epochs; e++)
                foreach (var phase in new[] { "train", "val" })
                {
                    var loss = (2.0 + t * 0.01) / e + (phase == "val" ? 0.05 : 0);
                    sb.Append(CultureInfo.InvariantCulture, $"{e},{phase},{e * 0.5},{loss:R},{1 - loss / 3:R},10\n");
                    if (phase == "train") { xs.Add(e.ToString(CultureInfo.InvariantCulture)); ys.Add(loss.ToString("R", CultureInfo.InvariantCulture)); }
                }
            Trial(Path.Combine(outDir, "log"), $"sweep/mnist/mlp/adam/trial_{t:D3}", $"seed: 0\nlr: {0.0001 * (t + 1)}\n", sb.ToString());
            json.Append(t == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"[[{string.Join(',', xs)}],[{string.Join(',', ys)}]]");
        }
        json.Append(']');
        var body = json.ToString();
        await using var app = DashboardServer.Build(new DashboardOptions(outDir, Port: 0));
        await app.StartAsync();
        var url = app.Urls.First();

        await EpochAnswers(url, Enumerable.Range(0, trials).Select(t => $"sweep/mnist/mlp/adam/trial_{t:D3}").ToList());

        using var pw = await Playwright.CreateAsync();
        await using var browser = await Launch(pw);
        var width = 700;
        var plotWidth = 700;
        async Task<(double Ready, double Interactive)> Baseline()
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
            await page.AddInitScriptAsync(LongTasks);
            await page.RouteAsync("**/baseline.html", r => r.FulfillAsync(new() { ContentType = "text/html", Body = BaselineHtml }));
            await page.RouteAsync("**/baseline.json", r => r.FulfillAsync(new() { ContentType = "application/json", Body = body }));
            await page.GotoAsync(url + "/baseline.html#" + width);
            await page.WaitForFunctionAsync("() => window.drawn", null, new() { Timeout = 120_000 });
            var ready = await page.EvaluateAsync<double>("() => window.drawn");
            var interactive = await Interactive(page, ready);
            await page.CloseAsync();
            return (ready / 1000, interactive / 1000);
        }
        async Task<(double Ready, double Interactive, string Stages, string Requests)> Ours(string? profile = null)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
            await page.AddInitScriptAsync(LongTasks);
            if (Environment.GetEnvironmentVariable("HYPERGRID_BENCH_DETAIL") == "1") await page.AddInitScriptAsync("globalThis.__all = true");
            ICDPSession? cdp = null;
            if (profile is not null)
            {
                cdp = await page.Context.NewCDPSessionAsync(page);
                await cdp.SendAsync("Profiler.enable");
                await cdp.SendAsync("Profiler.setSamplingInterval", new() { ["interval"] = 200 });
                await cdp.SendAsync("Profiler.start");
            }
            await page.GotoAsync(url + "/#m=loss&ph=train");
            await page.WaitForSelectorAsync("body[data-ready='1']", new() { Timeout = 120_000 });
            var ready = await page.EvaluateAsync<double>("() => hypergrid.store.firstDraw");
            var interactive = await Interactive(page, ready);
            var stages = await page.EvaluateAsync<string>("() => JSON.stringify(hypergrid.store.timings)");
            var requests = await page.EvaluateAsync<string>(Requests);
            plotWidth = await page.EvaluateAsync<int>("() => hypergrid.store.plots[0].plot.width");
            if (cdp is not null)
            {
                var result = await cdp.SendAsync("Profiler.stop");
                Directory.CreateDirectory(profile!);
                var file = Path.Combine(profile!, "page-200x2000.cpuprofile");
                await File.WriteAllTextAsync(file, result!.Value.GetProperty("profile").GetRawText());
                Console.WriteLine("  CPU profile of one page load: " + file + " (open in Chromium's DevTools, Performance)");
            }
            await page.CloseAsync();
            return (ready / 1000, interactive / 1000, stages, requests);
        }

        // The first visit: the server reads 200 epoch logs it has not seen; then the alternating runs.
        var cold = await Ours();
        width = plotWidth; // the baseline draws a plot as wide as the page's
        Console.WriteLine($"  first visit after the server started: ready {Measure.Fmt(cold.Ready)}, interactive {Measure.Fmt(cold.Interactive)}; stages (ms) {cold.Stages}");
        await Baseline();
        var ratios = new List<double>();
        var strict = new List<double>();
        var ourReady = new List<double>();
        var baseReady = new List<double>();
        var stagesSeen = "";
        var requestsSeen = "";
        for (var run = 0; run < runs; run++)
        {
            var b = await Baseline();
            var o = await Ours();
            ourReady.Add(o.Ready);
            baseReady.Add(b.Ready);
            ratios.Add(o.Ready / b.Ready);
            strict.Add(o.Interactive / b.Interactive);
            stagesSeen = o.Stages;
            if (Environment.GetEnvironmentVariable("HYPERGRID_BENCH_DETAIL") == "1") Console.WriteLine($"  run {run}: {o.Stages}");
            requestsSeen = o.Requests;
        }
        var profileDir = Environment.GetEnvironmentVariable("HYPERGRID_BENCH_PROFILE");
        if (!string.IsNullOrEmpty(profileDir)) await Ours(profileDir);
        Console.WriteLine($"  page stages of the last run (ms after navigation): {stagesSeen}");
        Console.WriteLine($"  its requests (ms after navigation: sent, first byte, last byte; KB): {requestsSeen}");
        Console.WriteLine($"dashboard page: {trials} trials x {epochs} epochs (the loss plot, train), ready (plots and table painted) after navigation: " +
                          $"Hypergrid {Measure.Fmt(Median(ourReady))} median, uPlot alone from one JSON {Measure.Fmt(Median(baseReady))} median; " +
                          $"ratio per run {string.Join(" ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))} -> median {Median(ratios):F2}x " +
                          $"(interactive: {Median(strict):F2}x); target <= 0.5x (load {TrainBench.LoadAverage()})");
    }

    /// <summary>
    /// The server's part: POST /api/epochs as the page asks it (the train loss) and for every column of both phases,
    /// timed from the request to the answer's last byte (after a first, cold answer), with its size.
    /// </summary>
    private static async Task EpochAnswers(string url, List<string> paths)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        foreach (var (what, body) in new[]
                 {
                     ("the page's (train loss)", new { trials = paths, columns = (string[]?)["loss"], phases = (string[]?)["train"] }),
                     ("every column of both phases", new { trials = paths, columns = (string[]?)null, phases = (string[]?)null }),
                 })
        {
            var json = System.Text.Json.JsonSerializer.Serialize(body);
            var times = new List<double>();
            var size = 0;
            for (var i = 0; i < 12; i++)
            {
                var sw = Stopwatch.StartNew();
                using var response = await http.PostAsync("/api/epochs", new StringContent(json, Encoding.UTF8, "application/json"));
                size = (await response.Content.ReadAsByteArrayAsync()).Length;
                if (i > 1) times.Add(sw.Elapsed.TotalSeconds);
            }
            Console.WriteLine($"  POST /api/epochs of {paths.Count} trials, {what}: {size / 1024.0 / 1024:F1} MB in {Measure.Fmt(Median(times))} median of {times.Count} (load {TrainBench.LoadAverage()})");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>A complete trial: cfg.yaml, a one-row batch log (an hour old), optionally its epoch log, run.json.</summary>
    internal static void Trial(string log, string path, string cfgBody, string? epochLog, double valAcc = 0.9)
    {
        var dir = Path.Combine(log, path);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, TrialFiles.Config), "mode: sweep\ndataset: mnist\nmodel: mlp\ntrainer: adam\n" + cfgBody);
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), "epoch,mode,batch,time,loss\n1,train,0,0.1,1\n");
        File.SetLastWriteTimeUtc(Path.Combine(dir, TrialFiles.BatchLog), DateTime.UtcNow.AddHours(-1));
        if (epochLog is not null) File.WriteAllText(Path.Combine(dir, TrialFiles.EpochLog), epochLog);
        new RunRecord { Status = RunStatus.Complete, Final = new() { ["val_acc"] = valAcc } }.Write(dir);
    }

    /// <summary>
    /// A study of many trials: the trial list's first answer, the page ready and interactive, its DOM size, and how
    /// long a filter, a sort and a scroll to the end take until the table shows their rows.
    /// </summary>
    private static async Task Large(string root, int count)
    {
        var outDir = Path.Combine(root, "large");
        FirstListBench.Write(Path.Combine(outDir, "log"), count);
        await using var app = DashboardServer.Build(new DashboardOptions(outDir, Port: 0));
        await app.StartAsync();
        var url = app.Urls.First();
        using (var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) })
            await FirstListBench.FirstAnswer(http, count);

        TrialListBaseline.Run(Path.Combine(outDir, "log"));

        using var pw = await Playwright.CreateAsync();
        await using var browser = await Launch(pw);
        for (var run = 0; run < 2; run++)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
            await page.AddInitScriptAsync(LongTasks);
            await page.GotoAsync(url + "/#m=loss");
            await page.WaitForSelectorAsync("body[data-ready='1']", new() { Timeout = 300_000 });
            var ready = await page.EvaluateAsync<double>("() => hypergrid.store.firstDraw");
            var interactive = await Interactive(page, ready);
            var stages = await page.EvaluateAsync<string>("() => JSON.stringify(hypergrid.store.timings)");
            var nodes = await page.EvaluateAsync<int>("() => document.getElementsByTagName('*').length");
            // Each action: from the input to the frame after the table shows what it asked for.
            var filter = await Timed(page, """
                async () => { const f = document.getElementById('filter'); f.value = 'lr=0.00123'; f.dispatchEvent(new Event('input')); }
                """, "() => document.getElementById('count').textContent.startsWith('3 of')");
            var clear = await Timed(page, """
                async () => { const f = document.getElementById('filter'); f.value = ''; f.dispatchEvent(new Event('input')); }
                """, $"() => document.getElementById('count').textContent.startsWith('{count} of')");
            var sort = await Timed(page, """
                async () => [...document.querySelectorAll('#table th')].find(th => th.textContent === 'val_acc').click()
                """, "() => document.querySelector('#table th.sorted-asc')?.textContent === 'val_acc'");
            var scroll = await Timed(page, """
                async () => { const w = document.getElementById('table-wrap'); w.scrollTop = w.scrollHeight; }
                """, "() => { const rows = document.querySelectorAll('#table tbody tr'); const last = rows[rows.length - 1]; " +
                     "const box = document.getElementById('table-wrap').getBoundingClientRect(), r = last?.getBoundingClientRect(); " +
                     "return last && !last.classList.contains('spacer') && r.bottom <= box.bottom + 1 && r.bottom > box.top; }");
            var nodesAfter = await page.EvaluateAsync<int>("() => document.getElementsByTagName('*').length");
            Console.WriteLine($"dashboard page: {count:N0} trials ({(run == 0 ? "first visit" : "again")}): ready {Measure.Fmt(ready / 1000)}, interactive {Measure.Fmt(interactive / 1000)} after navigation; " +
                              $"{nodes:N0} elements in the page ({nodesAfter:N0} after the actions); filter to 3 rows {Measure.Fmt(filter)}, clear it {Measure.Fmt(clear)}, " +
                              $"sort by val_acc {Measure.Fmt(sort)}, scroll to the end {Measure.Fmt(scroll)} (load {TrainBench.LoadAverage()})");
            Console.WriteLine($"  stages (ms): {stages}");
            await page.CloseAsync();
        }
    }

    /// <summary>Seconds from an action to the frame after the condition holds (polled every frame; a minute at most, then it fails saying which).</summary>
    private static async Task<double> Timed(IPage page, string action, string done)
    {
        return await page.EvaluateAsync<double>($$"""
            async () => {
              const t0 = performance.now();
              await ({{action}})();
              const done = {{done}};
              while (!done()) {
                if (performance.now() - t0 > 60000) throw new Error('not done after 60 s: ' + {{System.Text.Json.JsonSerializer.Serialize(done)}});
                await new Promise(r => requestAnimationFrame(r));
              }
              await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
              return (performance.now() - t0) / 1000;
            }
            """);
    }

    private const string BaselineHtml = """
        <!doctype html><html><head><link rel="icon" href="data:,"><link rel="stylesheet" href="/vendor/uplot/uPlot.min.css"></head><body>
        <div id="p"></div><script src="/vendor/uplot/uPlot.iife.min.js"></script><script>
        fetch('/baseline.json').then(r => r.json()).then(tables => {
          const data = uPlot.join(tables);
          const series = [{}].concat(tables.map((_, i) => ({ label: 't' + i, stroke: `hsl(${i * 137.5 % 360} 70% 42%)`, points: { show: false } })));
          new uPlot({ width: Number(location.hash.slice(1)), height: 280, scales: { x: { time: false } }, series }, data, document.getElementById('p'));
          // Painted: a task after the frame that drew it, as the page marks its own.
          requestAnimationFrame(() => setTimeout(() => { window.drawn = performance.now(); }, 0));
        });
        </script></body></html>
        """;
}
