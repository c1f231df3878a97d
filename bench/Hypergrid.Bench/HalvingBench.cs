using System.Diagnostics;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Bench;

/// <summary>
/// Successive halving against the full grid it searches: 27 trials (9 learning rates x 3 widths: 256, 512, 1,024) of the MLP on the
/// MNIST sample (8,000 train digits an epoch), 9 epochs, rungs [1, 3], keep 1/3; the same sweep with and without
/// <c>search:</c>, each through the real CLI. Prints the epochs trained, the wall time, and whether the best trial
/// halving finds is the full grid's best by the same metric (val_acc, final epoch).
/// </summary>
public static class HalvingBench
{
    private const string Leaf = "sweep/mnist/mlp/adam";
    private const string Root = "seed: 0\nepochs: 9\nbatch_size: 128\nval_samples: 2000\n";
    private const string Grid = "lr: [0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05]\nhidden: [[256], [512], [1024]]\n";
    private const string Search = "search: {method: halving, metric: val_acc, rungs: [1, 3], keep: 0.3334}\n";

    public static void Run()
    {
        Console.WriteLine($"halving: CPU {TrainBench.CpuLine()}; 27 trials (MLP, MNIST sample: 8,000 train and 2,000 val digits), 9 epochs; rungs [1, 3], keep 1/3");
        var root = Directory.CreateTempSubdirectory("hypergrid-bench-halving-").FullName;
        try
        {
            var full = Sweep(root, "full", Grid);
            var halving = Sweep(root, "halving", Grid + Search);
            Console.WriteLine($"  full grid: {full.Epochs} epochs in {Measure.Fmt(full.Seconds)}; best {full.Best.Trial} val_acc {full.Best.Value:F4}");
            Console.WriteLine($"  halving:   {halving.Epochs} epochs in {Measure.Fmt(halving.Seconds)}; best {halving.Best.Trial} val_acc {halving.Best.Value:F4}");
            Console.WriteLine($"  halving trained {(double)halving.Epochs / full.Epochs:P1} of the full grid's epochs (target at most 30%) in " +
                              $"{halving.Seconds / full.Seconds:P1} of its time; best trial found: " +
                              (halving.Best.Trial == full.Best.Trial ? "the same as the full grid's" : $"{halving.Best.Trial}, not the full grid's {full.Best.Trial} ({halving.Best.Value - full.Best.Value:+0.0000;-0.0000})"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static (int Epochs, double Seconds, (string Trial, double Value) Best) Sweep(string root, string name, string leaf)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(Path.Combine(dir, "cfg", Leaf));
        File.WriteAllText(Path.Combine(dir, "cfg", "cfg.yaml"), Root);
        File.WriteAllText(Path.Combine(dir, "cfg", Leaf, "cfg.yaml"), leaf);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Environment.CurrentDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "hypergrid.dll"), "sweep", "--cfg", Path.Combine(dir, "cfg"), "--out", Path.Combine(dir, "out") })
            info.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using (var p = Process.Start(info)!)
        {
            var said = p.StandardOutput.ReadToEndAsync();
            var err = p.StandardError.ReadToEndAsync();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"{name} sweep failed: {said.Result}{err.Result}");
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var epochs = 0;
        (string, double) best = ("", double.NegativeInfinity);
        foreach (var trial in Directory.GetDirectories(Path.Combine(dir, "out", "log", Leaf)).Order())
        {
            var complete = Path.Combine(trial, TrialFiles.BatchLog);
            var log = File.Exists(complete) ? complete : Attempt.LivePartialLog(trial);
            var table = log is null ? null : EpochAggregator.FromBytes(File.ReadAllBytes(log));
            if (table is null) continue;
            epochs += (int)table.Epochs.Max();
            if (File.Exists(complete) && table.Value("val", "acc", "final", "max") is { } v && v > best.Item2) best = (Path.GetFileName(trial), v);
        }
        return (epochs, seconds, best);
    }
}
