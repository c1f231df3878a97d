using System.Globalization;
using System.Text;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Findings;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Bench;

/// <summary>
/// report over 10,000 complete trials x 50 epochs, every statistic included: cold and warm (epoch logs and
/// out/log/.report-cache kept), its stages and each statistic, against a straightforward loop over the same files, and
/// without the cache; labelled with the CPUs it ran on (taskset -c 1: pinned) and the load.
/// </summary>
public static class ReportBench
{
    public static void Run()
    {
        // HYPERGRID_BENCH_STUDY: another folder for the study (a copy of the shared one, to measure without touching it).
        // A folder given is kept (as first-list keeps its HYPERGRID_BENCH_STUDY), never deleted or written over.
        var given = Environment.GetEnvironmentVariable("HYPERGRID_BENCH_STUDY");
        var root = given ?? "/dev/shm/hypergrid-bench-report";
        // HYPERGRID_BENCH_KEEP=1 keeps the study for the next run (and for profiling `hypergrid report --out` on it).
        var keep = given is not null || Environment.GetEnvironmentVariable("HYPERGRID_BENCH_KEEP") == "1";
        var log = Path.Combine(root, "log");
        var fresh = !keep || !Directory.Exists(log);
        if (fresh)
        {
            if (Directory.Exists(root)) Directory.Delete(root, true);
            Console.WriteLine("report: writing 10,000 complete trials x 50 epochs (10 leaves x 200 configs x 5 seeds) ...");
            Parallel.For(0, 10_000, i => Trial(log, i));
        }
        // Every statistic a report gives: t and bootstrap intervals, IQM, the paired tests (t, sign-flip), Holm, the
        // bootstrap of the paired difference, P(improve), TOST (asked with --equivalence) and seeds needed.
        var options = new ReportOptions(Filters.All, "val_acc") { Statistics = new StatisticsOptions(Equivalence: 0.01) };
        var cold = Measure.Seconds(1, () => { }, () => Reporter.Build(log, options));
        // Alternated in one process, so that the machine's load falls on both alike: the report (its stages timed), its
        // formatting, then the straightforward loop.
        var load = TrainBench.LoadAverage();
        var runs = int.TryParse(Environment.GetEnvironmentVariable("HYPERGRID_BENCH_RUNS"), out var r) ? r : 7;
        var (total, naive, format, uncached) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var splits = new List<ReportSplit>();
        for (var i = 0; i < runs; i++)
        {
            var split = new ReportSplit();
            // Each timed part starts from a collected heap, as a report in its own process does (not paying for the garbage
            // of the part before it); the loop and the uncached report alike.
            Collect();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var built = Reporter.Build(log, options, split);
            total.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            _ = ReportText.ToMarkdown([built]);
            format.Add(clock.Elapsed.TotalSeconds);
            splits.Add(split);
            Collect();
            clock.Restart();
            Straightforward(log);
            naive.Add(clock.Elapsed.TotalSeconds);
            // The same report reading every file (as the first report after the study changed does).
            Collect();
            clock.Restart();
            _ = Reporter.Build(log, options with { Cache = false });
            uncached.Add(clock.Elapsed.TotalSeconds);
        }
        var report = Reporter.Build(log, options);
        var best = splits[total.IndexOf(total.Min())];
        // Which figure this is: pinned (taskset -c 1) or as a user runs it, on every core the process may use.
        var cpus = Environment.ProcessorCount;
        Console.WriteLine($"  {TrainBench.CpuLine()}; on {cpus} CPU{(cpus == 1 ? " (pinned)" : "s")}, in this process (warm: compiled, page cache and out/log/.report-cache kept), load average {load} at the start of the runs:");
        Console.WriteLine($"  {report.Groups.Count:N0} groups, every statistic (--equivalence 0.01), {runs} runs alternated with the loop: cold ({(fresh ? "every epoch log built from its batch log" : "kept study, epoch logs cached; first build in this process")}) {Measure.Fmt(cold.Best)}; " +
                          $"warm {Measure.Fmt(total.Min())} best / {Measure.Fmt(Median(total))} median; target warm < 1 s");
        Console.WriteLine($"    split of the best warm run: listing {Ms(best.Listing)}, reading {Ms(best.Reading)} ({best.CacheHits:N0} trials from out/log/.report-cache), statistics {Ms(best.Statistics)} (grouping {Ms(best.Grouping)}, comparing {Ms(best.Comparing)}, importance {Ms(best.Importance)}); formatting (markdown) {Measure.Fmt(format.Min())}");
        Console.WriteLine($"  straightforward loop reading the same epoch logs and run.json files and averaging per group: {Measure.Fmt(naive.Min())} / {Measure.Fmt(Median(naive))} " +
                          $"-> report (every statistic and importance) is {naive.Min() / total.Min():F2}x its speed (best/best; {Median(naive) / Median(total):F2}x median/median; target >= 1)");
        Console.WriteLine($"  without out/log/.report-cache (every file read, as the first report after a change): {Measure.Fmt(uncached.Min())} best / {Measure.Fmt(Median(uncached))} median " +
                          $"-> {naive.Min() / uncached.Min():F2}x the loop's speed (best/best)");
        ReportStatisticsSplit.Print(report);
        AsAProcess(root);
        if (!keep) Directory.Delete(root, true);
    }

    // What a user's clock sees: `hypergrid report` as its own process (runtime start, the cache read), from the tool as
    // scripts/install packs and installs it (ReadyToRun), in the default table and in markdown, alternated with the loop a
    // researcher would write instead (report_loop.py, standard-library Python, also a process). Said when either is missing.
    private static void AsAProcess(string root)
    {
        using var tool = InstalledTool.Get("hypergrid report as a process");
        if (tool is null) return;
        var study = Directory.CreateTempSubdirectory("hypergrid-report-cli-").FullName;
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(study, "out"), root); // out/log is the bench's study
            var cli = tool.Command;
            string[] report = ["report", "--metric", "val_acc", "--equivalence", "0.01"];
            var loop = Path.Combine(AppContext.BaseDirectory, "report_loop.py");
            var (table, markdown, python) = (new List<double>(), new List<double>(), new List<double>());
            for (var i = 0; i < 5; i++)
            {
                if (Timed(table, () => Start(cli, study, report)) is { } a) { Console.WriteLine($"  hypergrid report: {a}"); return; }
                if (Timed(markdown, () => Start(cli, study, [.. report, "--format", "markdown"])) is { } b) { Console.WriteLine($"  hypergrid report --format markdown: {b}"); return; }
                if (Timed(python, () => Start("python3", study, loop, Path.Combine(root, "log"))) is { } c) { Console.WriteLine($"  report_loop.py: {c}"); return; }
            }
            Console.WriteLine($"  as a user's clock sees it, each its own process (the installed tool, ReadyToRun; process start included), 5 runs alternated (load {TrainBench.LoadAverage()}):");
            Console.WriteLine($"    hypergrid report (terminal table)      {Measure.Fmt(table.Min())} best / {Measure.Fmt(Median(table))} median; target < 1 s");
            Console.WriteLine($"    hypergrid report --format markdown     {Measure.Fmt(markdown.Min())} best / {Measure.Fmt(Median(markdown))} median");
            Console.WriteLine($"    report_loop.py (the loop in Python)    {Measure.Fmt(python.Min())} best / {Measure.Fmt(Median(python))} median " +
                              $"-> report (table) is {python.Min() / table.Min():F2}x its speed (best/best; {Median(python) / Median(table):F2}x median/median; target >= 1)");
        }
        finally { Directory.Delete(study, true); }
    }

    private static System.Diagnostics.Process Start(string file, string folder, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file, args) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        var process = System.Diagnostics.Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    // Waits for the process; null when it exited 0, else what went wrong.
    private static string? Exit(System.Diagnostics.Process process)
    {
        using (process)
        {
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"exit code {process.ExitCode}";
        }
    }

    private static string? Timed(List<double> times, Func<System.Diagnostics.Process> start)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failed = Exit(start());
        times.Add(clock.Elapsed.TotalSeconds);
        return failed;
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    private static double Median(List<double> times) => Measure.Median(times);

    private static string Ms(TimeSpan t) => Measure.Fmt(t.TotalSeconds);

    private static void Trial(string log, int i)
    {
        var (leaf, config, seed) = ($"sweep/synthetic/mlp/t{i / 1000}", i / 5 % 200, i % 5);
        var dir = Path.Combine(log, leaf, TrialFiles.FolderName(i % 1000));
        Directory.CreateDirectory(dir);
        var p = leaf.Split('/');
        var lr = (0.0001 * (config + 1)).ToString("R", CultureInfo.InvariantCulture);
        var yaml = $"mode: {p[0]}\ndataset: {p[1]}\nmodel: {p[2]}\ntrainer: {p[3]}\nseed: {seed}\nlr: {lr}\n";
        File.WriteAllText(Path.Combine(dir, TrialFiles.Config), yaml);
        var cfg = TrialConfig.FromMap(YamlLoader.LoadMapping(yaml, "bench", [])!, "bench");
        var rng = new Random(i);
        var sb = new StringBuilder(BatchLogSchema.Header).Append('\n');
        for (var e = 1; e <= 50; e++)
            foreach (var phase in new[] { "train", "val" })
                sb.Append(CultureInfo.InvariantCulture, $"{e},{phase},0,{e * 0.1:R},{2.0 / e + rng.NextDouble() * 0.01:R},{1 - 1.0 / (e + 1) - rng.NextDouble() * 0.01:R},0.001,,,,,,,,\n");
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), sb.ToString());
        // As a worker writes it: the hashes of the cfg.yaml text and of the values it ran with (a report compares them with cfg.yaml).
        new RunRecord
        {
            Status = RunStatus.Complete, Config = cfg.ToJson(), ParamsSha256 = cfg.ParamsSha256(),
            CfgSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(yaml))),
            EffectiveSha256 = ResultHash.Effective(cfg, Hypergrid.Training.TrialSchema.Instance),
        }.Write(dir);
    }

    /// <summary>The obvious loop: for every trial, read run.json and epoch_log.csv, take the last val acc, average per config.</summary>
    private static int Straightforward(string log)
    {
        var groups = new Dictionary<string, List<double>>();
        foreach (var run in Directory.EnumerateFiles(log, TrialFiles.Run, SearchOption.AllDirectories))
        {
            var dir = Path.GetDirectoryName(run)!;
            var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(run))!["config"]!.AsObject();
            config.Remove("seed");
            var lines = File.ReadAllLines(Path.Combine(dir, TrialFiles.EpochLog));
            var header = lines[0].Split(',').ToList();
            var last = lines.Last(l => l.Split(',')[1] == "val").Split(',');
            var key = Path.GetRelativePath(log, Path.GetDirectoryName(dir)!) + config.ToJsonString();
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(double.Parse(last[header.IndexOf("acc")], CultureInfo.InvariantCulture));
        }
        return groups.Values.Count(v => v.Average() > 0);
    }
}
