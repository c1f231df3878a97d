using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hypergrid.Config;
using Hypergrid.Config.Search;
using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Bench;

/// <summary>
/// Hypergrid's random, sobol and TPE against Optuna's TPESampler (its defaults; Debian's python3-optuna) on Branin and
/// Hartmann-6, at the same budget over 40 search seeds: the best value after N trials minus the known optimum (median and
/// quartiles). Hypergrid's methods run in-process through the same pure code the CLI runs (TPE in rounds of one, startup
/// 10, as Optuna's sequential default); a smaller TPE search then runs as real trials through the CLI (a python3
/// program computing Branin as its val_loss) and is checked to propose exactly what the in-process run proposes.
/// </summary>
public static class SearchBench
{
    private const int Trials = 100;
    private const int Seeds = 40;
    private static readonly int[] Budgets = [10, 25, 50, 100];

    private sealed record Objective(string Name, string Space, Func<double[], double> F, double Optimum);

    private static readonly Objective[] Objectives =
    [
        new("branin", "x1: {uniform: [-5, 10]}\nx2: {uniform: [0, 15]}", x => Branin(x[0], x[1]), 0.397887357729739),
        new("hartmann6", string.Concat(Enumerable.Range(1, 6).Select(i => $"x{i}: {{uniform: [0, 1]}}\n")), Hartmann6, -3.32236801141551),
    ];

    public static void Run()
    {
        Console.WriteLine($"search: CPU {TrainBench.CpuLine()}; best value after N trials minus the optimum, median [25%, 75%] over {Seeds} search seeds");
        Console.WriteLine("  Hypergrid's methods in-process through the product's pure code (tpe: startup 10, batch 1); Optuna's TPESampler (defaults) in python3");
        foreach (var o in Objectives)
        {
            var space = Parse(o.Space);
            var rows = new List<(string Method, List<double[]> Runs)>();
            foreach (var method in new[] { ProposalMethod.Random, ProposalMethod.Sobol, ProposalMethod.Tpe })
            {
                var clock = Stopwatch.StartNew();
                var runs = Enumerable.Range(0, Seeds).Select(seed => Losses(space, Spec(method, Trials, seed), o.F).ToArray()).ToList();
                rows.Add(($"hypergrid {method.ToString().ToLowerInvariant()}", runs));
                if (method == ProposalMethod.Tpe) Console.WriteLine($"  {o.Name}: hypergrid tpe proposed {Seeds} x {Trials} trials in {Measure.Fmt(clock.Elapsed.TotalSeconds)}");
            }
            var (version, optuna) = Optuna(o.Name);
            if (optuna is not null) rows.Add(($"optuna {version} tpe", optuna));
            else Console.WriteLine($"  {o.Name}: Optuna anchor skipped: /usr/bin/python3 cannot import optuna (apt-get install python3-optuna)");
            Console.WriteLine($"  {o.Name} (optimum {o.Optimum:0.#####}):");
            Console.WriteLine("    " + "method".PadRight(22) + string.Concat(Budgets.Select(b => $"N={b}".PadRight(26))));
            foreach (var (method, runs) in rows)
                Console.WriteLine("    " + method.PadRight(22) + string.Concat(Budgets.Select(b => Cell(runs, b, o.Optimum).PadRight(26))));
            var ours = Medians(rows.Single(r => r.Method == "hypergrid tpe").Runs, o.Optimum);
            var random = Medians(rows.Single(r => r.Method == "hypergrid random").Runs, o.Optimum);
            var verdict = $"    hypergrid tpe's median beats random's at {Budgets.Where((_, i) => ours[i] < random[i]).Count()} of {Budgets.Length} budgets";
            if (optuna is not null)
            {
                var theirs = Medians(optuna, o.Optimum);
                var tpe = rows.Single(r => r.Method == "hypergrid tpe").Runs;
                verdict += $"; is at most optuna tpe's at {Budgets.Where((_, i) => ours[i] <= theirs[i]).Count()} of {Budgets.Length} budgets"
                    + $" ({string.Join(", ", Budgets.Select((b, i) => string.Create(CultureInfo.InvariantCulture, $"N={b}: {ours[i] / Math.Max(theirs[i], 1e-12):0.00}x, rank-sum p {RankSumP(Gaps(tpe, b, o.Optimum), Gaps(optuna, b, o.Optimum)):0.00}")))}"
                    + " of optuna's distance to the optimum; p is two-sided Mann-Whitney over the seeds)";
            }
            Console.WriteLine(verdict);
        }
        ThroughTheCli();
    }

    // The best value after each budget, minus the optimum, per seed: median and quartiles.
    private static string Cell(List<double[]> runs, int budget, double optimum)
    {
        var gaps = runs.Select(r => r.Take(budget).Min() - optimum).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{Quantile(gaps, 0.5):0.0000} [{Quantile(gaps, 0.25):0.0000}, {Quantile(gaps, 0.75):0.0000}]");
    }

    private static List<double> Gaps(List<double[]> runs, int budget, double optimum) => runs.Select(r => r.Take(budget).Min() - optimum).ToList();

    /// <summary>Two-sided Mann-Whitney U test, normal approximation with ties averaged (enough for 40 against 40).</summary>
    private static double RankSumP(List<double> a, List<double> b)
    {
        var all = a.Select(v => (V: v, A: true)).Concat(b.Select(v => (V: v, A: false))).OrderBy(x => x.V).ToList();
        var ranks = new double[all.Count];
        for (var i = 0; i < all.Count;)
        {
            var j = i;
            while (j + 1 < all.Count && all[j + 1].V == all[i].V) j++;
            for (var k = i; k <= j; k++) ranks[k] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        var u = Enumerable.Range(0, all.Count).Where(i => all[i].A).Sum(i => ranks[i]) - a.Count * (a.Count + 1) / 2.0;
        var mean = a.Count * b.Count / 2.0;
        var sd = Math.Sqrt(a.Count * b.Count * (a.Count + b.Count + 1) / 12.0);
        var z = Math.Abs(u - mean) / sd;
        return Math.Min(1, 2 * (1 - NormalDistribution.Cdf(z)));
    }

    private static double[] Medians(List<double[]> runs, double optimum) =>
        Budgets.Select(b => Quantile(runs.Select(r => r.Take(b).Min() - optimum).Order().ToList(), 0.5)).ToArray();

    private static double Quantile(List<double> sorted, double q)
    {
        var at = q * (sorted.Count - 1);
        var lo = (int)Math.Floor(at);
        var hi = Math.Min(sorted.Count - 1, lo + 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    private static ProposalSpec Spec(ProposalMethod method, int trials, long seed, int batch = 1, int startup = ProposalSpec.DefaultStartup) =>
        new(method, trials, seed, batch, startup, "val_loss", "min", "final");

    private static List<double> Losses(SearchSpace space, ProposalSpec spec, Func<double[], double> f) =>
        InProcessSearch.Run(space, spec, f).Select(o => o.Loss).ToList();

    private static SearchSpace Parse(string yaml)
    {
        var errors = new List<ConfigError>();
        var map = YamlLoader.LoadMapping(yaml, "bench", errors)!;
        var entries = map.Entries.Select(e => new MergedEntry(e.Key, e.Value, "bench", e.KeyMark)).ToList();
        return SpaceParser.Parse(entries, Modes.Sweep, "tpe", default, errors) ?? throw new InvalidOperationException(string.Join("; ", errors));
    }

    private static (string Version, List<double[]>? Runs) Optuna(string objective)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "search_anchor.py"), objective, Trials.ToString(CultureInfo.InvariantCulture), Seeds.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(info)!;
            var err = p.StandardError.ReadToEndAsync();
            var lines = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            p.WaitForExit();
            if (p.ExitCode != 0 || lines.Length < 1 + Seeds) return ("", null);
            var version = JsonDocument.Parse(lines[0]).RootElement.GetProperty("optuna").GetString() ?? "";
            return (version, lines.Skip(1).Select(l => JsonSerializer.Deserialize<double[]>(l)!).ToList());
        }
        catch (System.ComponentModel.Win32Exception) { return ("", null); }
    }

    // A TPE search of Branin as real trials through the CLI (two workers), compared with the same search in-process.
    private static void ThroughTheCli()
    {
        const string leaf = "sweep/branin/prog/tpe";
        var root = Directory.CreateTempSubdirectory("hypergrid-bench-search-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "branin.py"), """
                import math, os, sys
                x1, x2 = float(sys.argv[1]), float(sys.argv[2])
                b, c, t = 5.1 / (4 * math.pi ** 2), 5 / math.pi, 1 / (8 * math.pi)
                y = (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10
                with open(os.environ['HYPERGRID_BATCH_LOG'], 'a') as log:
                    log.write(f'epoch,mode,batch,loss\n1,train,0,{y!r}\n1,val,0,{y!r}\n')
                """);
            Directory.CreateDirectory(Path.Combine(root, "cfg", leaf));
            File.WriteAllText(Path.Combine(root, "cfg", "cfg.yaml"), "command: python3 branin.py {x1} {x2}\nseed: 0\n");
            File.WriteAllText(Path.Combine(root, "cfg", leaf, "cfg.yaml"), "search: {method: tpe, trials: 16, startup: 6, batch: 2, seed: 5, metric: val_loss}\nx1: {uniform: [-5, 10]}\nx2: {uniform: [0, 15]}\n");
            var info = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "hypergrid.dll"), "sweep", "--workers", "2" }) info.ArgumentList.Add(a);
            var clock = Stopwatch.StartNew();
            using (var p = Process.Start(info)!)
            {
                var said = p.StandardOutput.ReadToEndAsync();
                var err = p.StandardError.ReadToEndAsync();
                p.WaitForExit();
                if (p.ExitCode != 0) throw new InvalidOperationException($"the CLI search failed: {said.Result}{err.Result}");
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var space = Parse("x1: {uniform: [-5, 10]}\nx2: {uniform: [0, 15]}");
            var expected = InProcessSearch.Run(space, Spec(ProposalMethod.Tpe, 16, 5, batch: 2, startup: 6), x => Branin(x[0], x[1]));
            var same = 0;
            for (var n = 0; n < expected.Count; n++)
            {
                var dir = Path.Combine(root, "out", "log", leaf, $"trial_{n:D3}");
                var config = Hypergrid.Config.Expansion.TrialConfig.Load(Path.Combine(dir, "cfg.yaml"), []);
                var x1 = space.Parameters[0].ToNode(expected[n].X[0], default).Canonical;
                var x2 = space.Parameters[1].ToNode(expected[n].X[1], default).Canonical;
                if (config?["x1"]?.Canonical == x1 && config["x2"]?.Canonical == x2) same++;
            }
            Console.WriteLine($"  as real trials (Branin in python3 through the CLI, tpe, 16 trials in rounds of 2 after 6, 2 workers, {Measure.Fmt(seconds)}): "
                + $"{same} of {expected.Count} trials hold exactly the in-process run's proposals");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Branin-Hoo on [-5, 10] x [0, 15]; minimum 0.397887 at three points.</summary>
    public static double Branin(double x1, double x2)
    {
        const double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        return Math.Pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.Cos(x1) + 10;
    }

    private static readonly double[,] A = { { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 } };
    private static readonly double[,] P = { { 1312, 1696, 5569, 124, 8283, 5886 }, { 2329, 4135, 8307, 3736, 1004, 9991 }, { 2348, 1451, 3522, 2883, 3047, 6650 }, { 4047, 8828, 8732, 5743, 1091, 381 } };
    private static readonly double[] Alpha = [1.0, 1.2, 3.0, 3.2];

    /// <summary>Hartmann-6 on [0, 1]^6; minimum -3.32237.</summary>
    public static double Hartmann6(double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < 6; j++) inner += A[i, j] * Math.Pow(x[j] - P[i, j] * 1e-4, 2);
            sum += Alpha[i] * Math.Exp(-inner);
        }
        return -sum;
    }
}
