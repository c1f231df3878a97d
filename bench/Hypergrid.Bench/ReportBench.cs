using System.Globalization;
using System.Text;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Findings;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Bench;

/// <summary>report over 10,000 complete trials x 50 epochs: cold (epoch logs to build) and warm (cached), against a straightforward loop over the same epoch logs.</summary>
public static class ReportBench
{
    public static void Run()
    {
        var root = "/dev/shm/hypergrid-bench-report";
        // HYPERGRID_BENCH_KEEP=1 keeps the study for the next run (and for profiling `hypergrid report --out` on it).
        var keep = Environment.GetEnvironmentVariable("HYPERGRID_BENCH_KEEP") == "1";
        var log = Path.Combine(root, "log");
        if (!keep || !Directory.Exists(log))
        {
            if (Directory.Exists(root)) Directory.Delete(root, true);
            Console.WriteLine("report: writing 10,000 complete trials x 50 epochs (10 leaves x 200 configs x 5 seeds) ...");
            Parallel.For(0, 10_000, i => Trial(log, i));
        }
        var options = new ReportOptions(Filters.All, "val_acc");
        var cold = Measure.Seconds(1, () => { }, () => Reporter.Build(log, options));
        var warm = Measure.Seconds(5, () => { }, () => Reporter.Build(log, options));
        var naive = Measure.Seconds(3, () => { }, () => Straightforward(log));
        var report = Reporter.Build(log, options);
        Console.WriteLine($"  {report.Groups.Count:N0} groups: cold (every epoch log built from its batch log) {Measure.Fmt(cold.Best)}; " +
                          $"warm (epoch logs cached) {Measure.Fmt(warm.Best)} best / {Measure.Fmt(warm.Median)} median; target warm < 1 s");
        Console.WriteLine($"  straightforward loop reading the same epoch logs and run.json files and averaging per group: {Measure.Fmt(naive.Best)} / {Measure.Fmt(naive.Median)} " +
                          $"-> report (with t intervals, tests and importance) is {naive.Best / warm.Best:F2}x its time");
        if (!keep) Directory.Delete(root, true);
    }

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
