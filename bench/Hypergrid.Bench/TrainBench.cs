using Hypergrid.Trials;
using System.Diagnostics;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Training;
using Hypergrid.Training.Data;
using Hypergrid.Training.Logging;
using Hypergrid.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Bench;

/// <summary>Hypergrid's trainer with full per-batch logging against a bare TorchSharp loop; and 2 workers against 1.</summary>
public static class TrainBench
{
    public static async Task RunAsync()
    {
        LibTorchLoader.EnsureLoaded();
        set_num_threads(1);
        Console.WriteLine($"train: batch 128, Adam, 1 thread, MNIST sample (samples/s, best / median of 5 epochs); CPU {CpuLine()}; MKL: {LibTorchLoader.Mkl}; load average {LoadAverage()}");
        if (Runs("models"))
        {
            Compare("mlp 784-256-10", "model: mlp\nhidden: [256]\n");
            Compare("cnn conv32-conv64-fc128", "model: cnn\nchannels: [32, 64]\nfc: 128\ntrain_limit: 2048\n");
        }
        if (OperatingSystem.IsLinux() && Runs("anchor"))
        {
            AnchorBench.Run("mlp 784-256-10", "model: mlp\nhidden: [256]\n", new { model = "mlp", hidden = 256, shape = new[] { 784 }, batch = 128, epochs = 6 });
            AnchorBench.Run("cnn conv32-conv64-fc128", "model: cnn\nchannels: [32, 64]\nfc: 128\ntrain_limit: 2048\n",
                new { model = "cnn", channels = new[] { 32, 64 }, fc = 128, shape = new[] { 1, 28, 28 }, batch = 128, epochs = 6 });
        }
        if (OperatingSystem.IsLinux() && Runs("whole"))
        {
            WholeEpochBench.Run("mlp 784-256-10", "mlp", "hidden: [[256]]\n", 8, new { model = "mlp", hidden = 256, shape = new[] { 784 }, batch = 128, epochs = 8 });
            WholeEpochBench.Run("cnn conv32-conv64-fc128", "cnn", "channels: [[32, 64]]\nfc: 128\ntrain_limit: 2048\n", 5,
                new { model = "cnn", channels = new[] { 32, 64 }, fc = 128, shape = new[] { 1, 28, 28 }, batch = 128, epochs = 5 });
        }
        if (OperatingSystem.IsLinux() && Runs("boundary")) WholeEpochBench.Boundary(rounds: 3, epochs: 12);
        if (Runs("workers")) await Workers();
    }

    /// <summary>
    /// Whether a part of the bench runs: all of them unless HYPERGRID_BENCH_ONLY names some (comma-separated: models,
    /// anchor, whole, boundary, workers; "epochs" is anchor and whole, the bare loops and the whole epochs against PyTorch;
    /// "boundary" is the MLP's epoch boundary alone, the checkpoint writer at its priority and at training's, alternated).
    /// </summary>
    private static bool Runs(string part) =>
        Environment.GetEnvironmentVariable("HYPERGRID_BENCH_ONLY") is not { Length: > 0 } only
        || only.Split(',', StringSplitOptions.TrimEntries).Any(p => p == part || (p == "epochs" && part is "anchor" or "whole"));

    /// <summary>The CPU both sides of a speed comparison are pinned to: HYPERGRID_BENCH_CPU, else 0.</summary>
    internal static int PinnedCpu => int.TryParse(Environment.GetEnvironmentVariable("HYPERGRID_BENCH_CPU"), out var cpu) && cpu >= 0 ? cpu : 0;

    /// <summary>A trial spec from a whole config in YAML (the benchmarks' trials); a mistake is the config error it is.</summary>
    internal static TrialSpec Spec(string yaml)
    {
        var errors = new List<ConfigError>();
        return TrialSpec.Parse(TrialConfig.FromMap(YamlLoader.LoadMapping(yaml, "bench", errors)!, "bench"), errors, out _) ?? throw new ConfigException(errors);
    }

    /// <summary>The CPU model and whether it has AVX-512, from /proc/cpuinfo.</summary>
    internal static string CpuLine()
    {
        var avx512 = File.Exists("/proc/cpuinfo") && File.ReadLines("/proc/cpuinfo").Any(l => l.StartsWith("flags") && l.Contains(" avx512f"));
        return $"{Cpu()} ({(avx512 ? "AVX-512" : "no AVX-512")}, {Environment.ProcessorCount} cores)";
    }

    /// <summary>The host's 1-minute load average (other work on a shared host makes every figure noisy).</summary>
    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>The CPU model, from /proc/cpuinfo.</summary>
    internal static string Cpu() =>
        File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "?" : "?";

    private static void Compare(string name, string modelYaml)
    {
        var yaml = $"mode: sweep\ndataset: mnist\ntrainer: adam\nseed: 0\nepochs: 1\nbatch_size: 128\nlr: 0.001\nval_samples: 1\nbatch_metrics: [grad_norm]\n{modelYaml}";
        var spec = Spec(yaml);
        var data = spec.Data.Load("data");
        var log = Path.Combine(Path.GetTempPath(), "hypergrid-bench-batch.csv");
        var bare = Rate(5, data.TrainCount, () => Bare(spec, data));
        void Trainer()
        {
            if (File.Exists(log)) File.Delete(log);
            using var sink = new BatchLogWriter(log);
            TrainingLoop.Run(spec, data, sink);
        }
        var ours = Rate(5, data.TrainCount, Trainer);
        Console.WriteLine($"  {name}: bare TorchSharp loop {bare.Best:N0} / {bare.Median:N0}; Hypergrid trainer with full logging {ours.Best:N0} / {ours.Median:N0} " +
                          $"-> {ours.Best / bare.Best:F3}x (best), {ours.Median / bare.Median:F3}x (median); target >= 0.95x");
        // The same trainer with libtorch's nine elementwise calls per Adam step instead of the one-pass kernel, alternated with it.
        var (fused, unfused) = Alternated(5, data.TrainCount, Trainer, () =>
        {
            Hypergrid.Training.Optimizers.FlatAdam.Fused = false;
            try { Trainer(); }
            finally { Hypergrid.Training.Optimizers.FlatAdam.Fused = true; }
        });
        Console.WriteLine($"  {name}: with libtorch's calls for the Adam step {unfused.Best:N0} / {unfused.Median:N0}, alternated with the one-pass step {fused.Best:N0} / {fused.Median:N0} " +
                          $"-> the one-pass step gives {fused.Best / unfused.Best:F2}x (best), {fused.Median / unfused.Median:F2}x (median)");
        if (spec.ModelFactory is not Hypergrid.Training.Models.Cnn.Factory) return;
        // The same trainer with libtorch's ReLU and max-pool instead of the fused kernel (the same numbers, bit for bit).
        Hypergrid.Training.Models.ReluMaxPool.Fused = false;
        var plain = Rate(5, data.TrainCount, Trainer);
        Hypergrid.Training.Models.ReluMaxPool.Fused = true;
        Console.WriteLine($"  {name}: with libtorch's relu + max_pool2d (HYPERGRID_FUSED_POOL=0) {plain.Best:N0} / {plain.Median:N0} -> the fused kernel gives " +
                          $"{ours.Best / plain.Best:F2}x (best), {ours.Median / plain.Median:F2}x (median)");
    }

    // Two ways of running an epoch, one after the other in each round (so the host's load falls on both alike).
    private static ((double Best, double Median) A, (double Best, double Median) B) Alternated(int rounds, int samples, Action a, Action b)
    {
        a();
        b();
        var (ta, tb) = (new List<double>(), new List<double>());
        for (var i = 0; i < rounds; i++)
        {
            ta.Add(Measure.Seconds(1, () => { }, a).Best);
            tb.Add(Measure.Seconds(1, () => { }, b).Best);
        }
        (double, double) Rates(List<double> t) => (samples / t.Min(), samples / t.Order().ElementAt(t.Count / 2));
        return (Rates(ta), Rates(tb));
    }

    private static (double Best, double Median) Rate(int runs, int samples, Action epoch)
    {
        epoch(); // warm-up: first-call costs of libtorch are not the trainer's
        var (best, median) = Measure.Seconds(runs, () => { }, epoch);
        return (samples / best, samples / median);
    }

    /// <summary>The loop a TorchSharp user writes by hand: no logging, no metrics but the loss.</summary>
    private static void Bare(TrialSpec spec, DataBundle data)
    {
        random.manual_seed(0);
        using var model = spec.ModelFactory.Create(data.Shape, data.Classes);
        using var opt = optim.Adam(model.parameters(), 0.001);
        using var x = tensor(data.TrainX).reshape([data.TrainCount, .. data.Shape.Select(d => (long)d)]);
        using var y = tensor(data.TrainY);
        var order = Enumerable.Range(0, data.TrainCount).ToArray();
        new Random(0).Shuffle(order);
        model.train();
        for (var start = 0; start < data.TrainCount; start += 128)
        {
            using var scope = NewDisposeScope();
            var idx = tensor(order.AsSpan(start, Math.Min(128, data.TrainCount - start)).ToArray());
            opt.zero_grad();
            var loss = nn.functional.cross_entropy(model.forward(x.index_select(0, idx)), y.index_select(0, idx));
            loss.backward();
            opt.step();
            _ = loss.item<float>();
        }
    }

    private static async Task Workers()
    {
        await Sweep("cnn", "channels: [[32, 64]]\nfc: 128\n");
        await Sweep("mlp", "hidden: [[256]]\n");
    }

    /// <summary>A 4-trial sweep with the split chosen by Hypergrid, and with each fixed split (workers x threads), timed end to end.</summary>
    private static async Task Sweep(string model, string keys)
    {
        var root = Directory.CreateTempSubdirectory("hypergrid-bench-workers-").FullName;
        var leaf = Path.Combine(root, "cfg", "sweep", "mnist", model, "adam");
        Directory.CreateDirectory(leaf);
        File.WriteAllText(Path.Combine(root, "cfg", "cfg.yaml"), $"seed: 0\nepochs: {(model == "cnn" ? 1 : 3)}\n{keys}");
        File.WriteAllText(Path.Combine(leaf, "cfg.yaml"), "lr: [0.001, 0.002, 0.003, 0.004]\n");
        var cores = Environment.ProcessorCount;
        var splits = new List<(string Name, string[] Args)> { ("chosen", []) };
        for (var w = 1; w <= cores; w *= 2) splits.Add(($"{w} x {cores / w}", ["--workers", w.ToString(), "--threads", (cores / w).ToString()]));
        var times = new Dictionary<string, double>();
        string chosen = "";
        // Twice each, alternated: the best of two is compared.
        for (var round = 0; round < 2; round++)
            foreach (var (name, args) in splits)
            {
                var outDir = Path.Combine(root, $"out-{round}-{name.Replace(' ', '_')}");
                var sw = Stopwatch.StartNew();
                var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Environment.CurrentDirectory, RedirectStandardOutput = true };
                foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "hypergrid.dll"), "sweep", "--cfg", Path.Combine(root, "cfg"), "--out", outDir }.Concat(args))
                    info.ArgumentList.Add(a);
                using var p = Process.Start(info)!;
                var output = await p.StandardOutput.ReadToEndAsync();
                await p.WaitForExitAsync();
                var t = sw.Elapsed.TotalSeconds;
                times[name] = Math.Min(times.GetValueOrDefault(name, double.MaxValue), t);
                if (p.ExitCode != 0) Console.WriteLine($"  ({name} exited with {p.ExitCode})");
                if (name == "chosen") chosen = System.Text.RegularExpressions.Regex.Match(output, @"with (\d+) worker process\(es\), (\d+) thread").Groups is var g && g[1].Success ? $"{g[1].Value} x {g[2].Value}" : "?";
            }
        var fixedSplits = times.Where(kv => kv.Key != "chosen").ToList();
        var best = fixedSplits.MinBy(kv => kv.Value);
        Console.WriteLine($"workers: a 4-trial {model} sweep, end to end (best of 2): {string.Join(", ", fixedSplits.Select(kv => $"{kv.Key} {Measure.Fmt(kv.Value)}"))}; " +
                          $"chosen by Hypergrid ({chosen}; any timing it did included) {Measure.Fmt(times["chosen"])} -> {times["chosen"] / best.Value:F2}x the best fixed split ({best.Key}); target <= 1.0x");
        Directory.Delete(root, true);
    }
}
