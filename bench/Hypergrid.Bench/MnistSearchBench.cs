using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Bench;

/// <summary>
/// A real MNIST sweep searched by Hypergrid's random, sobol and TPE and by Optuna's TPE, every trial trained through the
/// CLI: the built-in MLP (784-256-10, Adam) on the MNIST sample (8,000 train and 2,000 val digits), 2 epochs, over
/// <c>lr: {log_uniform: [1e-4, 0.3]}</c> and <c>dropout: {uniform: [0, 0.5]}</c>, N trials per search seed
/// (HYPERGRID_BENCH_MNIST_TRIALS, default 8; HYPERGRID_BENCH_MNIST_SEEDS, default 3). Hypergrid's methods are one
/// <c>hypergrid sweep</c> each (TPE: startup 4, batch 2); Optuna's TPESampler (startup 4, otherwise its defaults) is an
/// ask/tell loop in python3 whose every proposal is a one-value leaf trained by the same CLI, so both pay the same
/// per-trial cost and are read by the same code (the final epoch's val loss). Prints the best val_loss after N trials,
/// median [min, max] over the search seeds.
/// </summary>
public static class MnistSearchBench
{
    private const string Leaf = "sweep/mnist/mlp/adam";
    private const string Root = "seed: 0\nepochs: 2\nbatch_size: 128\nval_samples: 2000\n";
    private const double LrLow = 1e-4, LrHigh = 0.3, DropoutHigh = 0.5;
    private const int Startup = 4;
    private static readonly string Space = string.Create(CultureInfo.InvariantCulture, $"lr: {{log_uniform: [{LrLow}, {LrHigh}]}}\ndropout: {{uniform: [0, {DropoutHigh}]}}\n");

    private static int Env(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var n) && n > 0 ? n : fallback;

    public static void Run()
    {
        int trials = Env("HYPERGRID_BENCH_MNIST_TRIALS", 8), seeds = Env("HYPERGRID_BENCH_MNIST_SEEDS", 3);
        Console.WriteLine($"search, MNIST: CPU {TrainBench.CpuLine()}; load average {TrainBench.LoadAverage()}; MLP 784-256-10, Adam, 2 epochs, MNIST sample (8,000 train, 2,000 val digits); "
            + $"lr log-uniform [{LrLow}, {LrHigh}], dropout uniform [0, {DropoutHigh}]; {trials} trials per search, {seeds} search seeds; every trial through the CLI");
        var root = Directory.CreateTempSubdirectory("hypergrid-bench-mnist-").FullName;
        var clock = Stopwatch.StartNew();
        try
        {
            // Optuna's loops wait on one CLI process per trial: they run beside Hypergrid's sweeps.
            var optuna = Enumerable.Range(0, seeds).Select(s => Task.Run(() => Optuna(root, s, trials))).ToList();
            var rows = new List<(string Method, List<double[]> Runs)>();
            foreach (var method in new[] { "random", "sobol", "tpe" })
            {
                var search = method == "tpe" ? $", startup: {Startup}, batch: 2" : "";
                rows.Add(($"hypergrid {method}", Enumerable.Range(0, seeds).Select(s =>
                    Sweep(Path.Combine(root, $"{method}-{s}"), $"search: {{method: {method}, trials: {trials}, seed: {s}, metric: val_loss{search}}}\n" + Space)).ToList()));
            }
            var anchors = optuna.Select(t => t.Result).ToList();
            if (anchors.All(a => a.Values is not null)) rows.Add(($"optuna {anchors[0].Version} tpe", anchors.Select(a => a.Values!).ToList()));
            else Console.WriteLine("  Optuna anchor skipped: /usr/bin/python3 cannot import optuna (apt-get install python3-optuna)");
            var budgets = new[] { Startup, trials / 2 + Startup / 2, trials }.Distinct().Where(b => b <= trials).Order().ToArray();
            Console.WriteLine("    " + "method".PadRight(24) + string.Concat(budgets.Select(b => $"N={b}".PadRight(30))));
            foreach (var (method, runs) in rows)
                Console.WriteLine("    " + method.PadRight(24) + string.Concat(budgets.Select(b => Cell(runs, b).PadRight(30))));
            Console.WriteLine($"  (best val_loss after N trials, median [min, max] over {seeds} search seeds; tpe: startup {Startup}, batch 2; optuna: TPESampler, n_startup_trials {Startup}, sequential; "
                + $"total {Measure.Fmt(clock.Elapsed.TotalSeconds)}, load average now {TrainBench.LoadAverage()})");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Cell(List<double[]> runs, int budget)
    {
        var best = runs.Select(r => r.Take(budget).Min()).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{SearchStats.Quantile(best, 0.5):0.0000} [{best[0]:0.0000}, {best[^1]:0.0000}]");
    }

    // One `hypergrid sweep` of a leaf; each trial's final val loss in trial order (a diverged trial: +infinity). One thread
    // per worker whatever the workers (a one-trial sweep would otherwise give its worker both cores, which is slower on a
    // loaded machine), so Optuna's one-trial leaves and Hypergrid's searches train alike.
    private static double[] Sweep(string dir, string leaf, string workers = "2")
    {
        Directory.CreateDirectory(Path.Combine(dir, "cfg", Leaf));
        File.WriteAllText(Path.Combine(dir, "cfg", "cfg.yaml"), Root);
        File.WriteAllText(Path.Combine(dir, "cfg", Leaf, "cfg.yaml"), leaf);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Environment.CurrentDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "hypergrid.dll"), "sweep", "--cfg", Path.Combine(dir, "cfg"), "--out", Path.Combine(dir, "out"), "--workers", workers, "--threads", "1" })
            info.ArgumentList.Add(a);
        using (var p = Process.Start(info)!)
        {
            var said = p.StandardOutput.ReadToEndAsync();
            var err = p.StandardError.ReadToEndAsync();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"the MNIST sweep in {dir} failed: {said.Result}{err.Result}");
        }
        return Directory.GetDirectories(Path.Combine(dir, "out", "log", Leaf), "trial_*").Order(StringComparer.Ordinal).Select(trial =>
        {
            var log = Path.Combine(trial, TrialFiles.BatchLog);
            var v = File.Exists(log) ? EpochAggregator.FromBytes(File.ReadAllBytes(log))?.Value("val", "loss", "final", "min") : null;
            return v is { } x && double.IsFinite(x) ? x : double.PositiveInfinity;
        }).ToArray();
    }

    // Optuna's ask/tell loop for one search seed: each proposal a one-value leaf through the same CLI.
    private static (string Version, double[]? Values) Optuna(string root, int seed, int trials)
    {
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new object[] { Path.Combine(AppContext.BaseDirectory, "mnist_anchor.py"), seed, trials, Startup, LrLow, LrHigh, DropoutHigh })
            info.ArgumentList.Add(Convert.ToString(a, CultureInfo.InvariantCulture)!);
        try
        {
            using var p = Process.Start(info)!;
            var err = p.StandardError.ReadToEndAsync();
            var first = p.StandardOutput.ReadLine();
            if (first is null) { p.WaitForExit(); return ("", null); }
            var version = JsonDocument.Parse(first).RootElement.GetProperty("optuna").GetString() ?? "";
            var values = new double[trials];
            for (var n = 0; n < trials; n++)
            {
                var x = JsonDocument.Parse(p.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"Optuna stopped: {err.Result}")).RootElement;
                var leaf = string.Create(CultureInfo.InvariantCulture, $"lr: {x.GetProperty("lr").GetDouble():R}\ndropout: {x.GetProperty("dropout").GetDouble():R}\n");
                values[n] = Sweep(Path.Combine(root, $"optuna-{seed}-{n}"), leaf, workers: "1")[0];
                p.StandardInput.WriteLine(values[n].ToString("R", CultureInfo.InvariantCulture));
                p.StandardInput.Flush();
            }
            p.StandardInput.Close();
            p.WaitForExit();
            return (version, values);
        }
        catch (System.ComponentModel.Win32Exception) { return ("", null); }
    }
}
