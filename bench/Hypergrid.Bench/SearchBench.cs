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
/// Hartmann-6, at the same budget over many search seeds (HYPERGRID_BENCH_SEARCH_SEEDS, default 100): the best value
/// after N trials minus the known optimum (median and quartiles), and per budget how TPE compares with Optuna's and with
/// random search by rank (the share of pairs of runs where it is closer, and a two-sided Mann-Whitney p; the seeds of
/// two methods do not pair, their random streams differ). Hypergrid's methods run in-process through the same pure code
/// the CLI runs (TPE in rounds of one, startup 10, as Optuna's sequential default) while Optuna's runs in two python3
/// processes; HYPERGRID_BENCH_TPE_VARIANTS (e.g. "uni,c48") adds rows of TPE with other settings ("uni": univariate,
/// "mv": multivariate, "cN": N candidates); HYPERGRID_BENCH_SEARCH_ANCHOR=0 leaves Optuna and the CLI run out (a quick
/// comparison of settings over many seeds). A smaller TPE search then runs as real trials through the CLI (a python3
/// program computing Branin as its val_loss) and is checked to propose exactly what the in-process run proposes.
/// </summary>
public static class SearchBench
{
    private const int Trials = 100;
    private static readonly int[] Budgets = [10, 25, 50, 100];

    private static int Seeds => int.TryParse(Environment.GetEnvironmentVariable("HYPERGRID_BENCH_SEARCH_SEEDS"), out var n) && n > 1 ? n : 100;

    public static void Run()
    {
        var seeds = Seeds;
        Console.WriteLine($"search: CPU {TrainBench.CpuLine()}; load average {TrainBench.LoadAverage()}; best value after N trials minus the optimum, median [25%, 75%] over {seeds} search seeds");
        Console.WriteLine("  Hypergrid's methods in-process through the product's pure code (tpe: its defaults, startup 10, batch 1); Optuna's TPESampler (defaults) in python3");
        var clock = Stopwatch.StartNew();
        // Optuna's runs take longest: both objectives start first, in their own processes, while ours are computed.
        var anchored = Environment.GetEnvironmentVariable("HYPERGRID_BENCH_SEARCH_ANCHOR") != "0";
        var anchors = SearchObjectives.All.ToDictionary(o => o.Name, o => anchored ? Task.Run(() => Optuna(o.Name, seeds)) : Task.FromResult(("", (List<double[]>?)null)));
        foreach (var o in SearchObjectives.All)
        {
            var space = Parse(o.Space);
            var rows = new List<(string Method, List<double[]> Runs)>();
            foreach (var method in new[] { ProposalMethod.Random, ProposalMethod.Sobol, ProposalMethod.Tpe })
            {
                var timer = Stopwatch.StartNew();
                rows.Add(($"hypergrid {method.ToString().ToLowerInvariant()}", Runs(space, Spec(method, Trials, 0), o.F, seeds)));
                if (method == ProposalMethod.Tpe) Console.WriteLine($"  {o.Name}: hypergrid tpe proposed {seeds} x {Trials} trials in {Measure.Fmt(timer.Elapsed.TotalSeconds)}");
            }
            foreach (var (name, variant) in Variants())
                rows.Add(($"hypergrid tpe {name}", Runs(space, variant(Spec(ProposalMethod.Tpe, Trials, 0)), o.F, seeds)));
            var (version, optuna) = anchors[o.Name].Result;
            if (optuna is not null) rows.Add(($"optuna {version} tpe", optuna));
            else if (anchored) Console.WriteLine($"  {o.Name}: Optuna anchor skipped: /usr/bin/python3 cannot import optuna (apt-get install python3-optuna)");
            Console.WriteLine($"  {o.Name} (optimum {o.Optimum:0.#####}):");
            Console.WriteLine("    " + "method".PadRight(24) + string.Concat(Budgets.Select(b => $"N={b}".PadRight(26))));
            foreach (var (method, runs) in rows)
                Console.WriteLine("    " + method.PadRight(24) + string.Concat(Budgets.Select(b => Cell(runs, b, o.Optimum).PadRight(26))));
            var random = rows.Single(r => r.Method == "hypergrid random");
            foreach (var tpe in rows.Where(r => r.Method.StartsWith("hypergrid tpe", StringComparison.Ordinal)))
            {
                if (optuna is not null) Console.WriteLine(Versus(tpe, rows[^1], o.Optimum));
                Console.WriteLine(Versus(tpe, random, o.Optimum));
            }
            if (optuna is not null) Console.WriteLine(Versus(rows[^1], random, o.Optimum));
        }
        Console.WriteLine($"  (closer: the share of pairs of runs, one of each method, in which the first is closer to the optimum; 0.50 is level. p: two-sided Mann-Whitney. In-process and anchor together: {Measure.Fmt(clock.Elapsed.TotalSeconds)})");
        if (anchored) ThroughTheCli();
    }

    // TPE with other settings, named as in HYPERGRID_BENCH_TPE_VARIANTS: "uni", "mv", "cN" joined by "+".
    private static IEnumerable<(string Name, Func<ProposalSpec, ProposalSpec> Variant)> Variants()
    {
        foreach (var name in (Environment.GetEnvironmentVariable("HYPERGRID_BENCH_TPE_VARIANTS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            yield return (name, spec =>
            {
                foreach (var part in name.Split('+'))
                    spec = part switch
                    {
                        "mv" => spec with { Multivariate = true },
                        "uni" => spec with { Multivariate = false },
                        _ when part.StartsWith('c') && int.TryParse(part[1..], out var c) => spec with { Candidates = c },
                        _ => throw new ArgumentException($"HYPERGRID_BENCH_TPE_VARIANTS: '{part}' is not uni, mv or cN"),
                    };
                return spec;
            });
    }

    // "hypergrid tpe against optuna 3.1.0 tpe: N=10 0.64x the median gap, closer 0.58 (p 0.11); ..."
    private static string Versus((string Method, List<double[]> Runs) a, (string Method, List<double[]> Runs) b, double optimum) =>
        $"    {a.Method} against {b.Method}: " + string.Join("; ", Budgets.Select(n =>
        {
            var (closer, p) = SearchStats.RankSum(Gaps(a.Runs, n, optimum), Gaps(b.Runs, n, optimum));
            var ratio = Median(a.Runs, n, optimum) / Math.Max(Median(b.Runs, n, optimum), 1e-12);
            return string.Create(CultureInfo.InvariantCulture, $"N={n} {ratio:0.00}x the median gap, closer {closer:0.00} (p {p:0.000})");
        }));

    // The best value after each budget, minus the optimum, per seed: median and quartiles.
    private static string Cell(List<double[]> runs, int budget, double optimum)
    {
        var gaps = Gaps(runs, budget, optimum).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{SearchStats.Quantile(gaps, 0.5):0.0000} [{SearchStats.Quantile(gaps, 0.25):0.0000}, {SearchStats.Quantile(gaps, 0.75):0.0000}]");
    }

    private static List<double> Gaps(List<double[]> runs, int budget, double optimum) => runs.Select(r => r.Take(budget).Min() - optimum).ToList();

    private static double Median(List<double[]> runs, int budget, double optimum) => SearchStats.Quantile(Gaps(runs, budget, optimum).Order().ToList(), 0.5);

    private static ProposalSpec Spec(ProposalMethod method, int trials, long seed, int batch = 1, int startup = ProposalSpec.DefaultStartup) =>
        new(method, trials, seed, batch, startup, "val_loss", "min", "final");

    // One search per seed, in parallel (each is a pure function of its seed).
    private static List<double[]> Runs(SearchSpace space, ProposalSpec spec, Func<double[], double> f, int seeds)
    {
        var runs = new double[seeds][];
        Parallel.For(0, seeds, seed => runs[seed] = InProcessSearch.Run(space, spec with { Seed = seed }, f).Select(o => o.Loss).ToArray());
        return runs.ToList();
    }

    private static SearchSpace Parse(string yaml)
    {
        var errors = new List<ConfigError>();
        var map = YamlLoader.LoadMapping(yaml, "bench", errors)!;
        var entries = map.Entries.Select(e => new MergedEntry(e.Key, e.Value, "bench", e.KeyMark)).ToList();
        return SpaceParser.Parse(entries, Modes.Sweep, "tpe", default, errors) ?? throw new InvalidOperationException(string.Join("; ", errors));
    }

    private static (string Version, List<double[]>? Runs) Optuna(string objective, int seeds)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "search_anchor.py"), objective, Trials.ToString(CultureInfo.InvariantCulture), seeds.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(info)!;
            var err = p.StandardError.ReadToEndAsync();
            var lines = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            p.WaitForExit();
            if (p.ExitCode != 0 || lines.Length < 1 + seeds) return ("", null);
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
            var expected = InProcessSearch.Run(space, Spec(ProposalMethod.Tpe, 16, 5, batch: 2, startup: 6), x => SearchObjectives.Branin(x[0], x[1]));
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
}
