using System.Diagnostics;
using Hypergrid.Trials;

namespace Hypergrid.Bench;

/// <summary>
/// Whole epochs as a user times them with a stopwatch: Hypergrid run through its CLI (a sweep of one trial, one worker of
/// one thread, pinned to one CPU: HYPERGRID_BENCH_CPU, else 0) with every epoch's train pass, val pass and epoch boundary (its checkpoint), read from the
/// trial's own batch log; against PyTorch loops that also run their val pass and torch.save model and optimizer state
/// each epoch, timed the same way (from the end of one epoch's val pass to the end of the next's), alternated in one session.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class WholeEpochBench
{
    private const int Rounds = 2;

    /// <summary>Compares one model; <paramref name="keys"/> are its cfg.yaml keys, <paramref name="pythonModel"/> the anchor's description of it.</summary>
    public static void Run(string name, string model, string keys, int epochs, object pythonModel)
    {
        var python = AnchorBench.Python();
        var root = Directory.CreateTempSubdirectory("hypergrid-bench-whole-").FullName;
        try
        {
            var leaf = Path.Combine(root, "cfg", "sweep", "mnist", model, "adam");
            Directory.CreateDirectory(leaf);
            File.WriteAllText(Path.Combine(root, "cfg", "cfg.yaml"), $"seed: 0\nepochs: {epochs}\nbatch_size: 128\nlr: 0.001\nbatch_metrics: [grad_norm]\n{keys}");
            File.WriteAllText(Path.Combine(leaf, "cfg.yaml"), "");
            var spec = TrainBench.Spec($"mode: sweep\ndataset: mnist\nmodel: {model}\ntrainer: adam\nseed: 0\nepochs: {epochs}\nbatch_size: 128\nlr: 0.001\n{keys.Replace("[[", "[").Replace("]]", "]")}");
            var data = spec.Data.Load("data");
            if (python is not null) AnchorBench.WriteData(root, data, pythonModel);

            var ours = new List<double>();
            var boundaries = new List<double>();
            var batches = new List<double>();
            var variants = AnchorBench.Variants.ToDictionary(v => v, _ => new List<double>());
            for (var round = 0; round < Rounds; round++)
            {
                var log = Hypergrid(root, $"out-{round}");
                var whole = WholeEpochs.FromLog(log, data.TrainCount);
                ours.AddRange(whole.Rates);
                boundaries.AddRange(whole.BoundaryMs);
                batches.AddRange(whole.BatchMs);
                if (python is null) continue;
                foreach (var variant in AnchorBench.Variants) variants[variant].AddRange(AnchorBench.PyTorch(python, root, "whole", variant).Rates);
            }
            var a = AnchorBench.Median(ours);
            Console.WriteLine($"  {name}, whole epochs through the CLI (train pass, val pass, epoch boundary with its checkpoint), pinned to CPU {TrainBench.PinnedCpu}, {Rounds} rounds of {epochs} epochs, " +
                              $"epochs 2..{epochs}, train samples per second of whole epoch, medians: Hypergrid {a:N0}; epoch boundary (last val row to the end of the next epoch's first " +
                              $"train row, so with that batch) {AnchorBench.Median(boundaries):F1} ms, a train batch's median {AnchorBench.Median(batches):F1} ms; target < 5 ms");
            if (python is null)
            {
                Console.WriteLine($"  {name}: PyTorch whole epochs skipped: python3 with torch is not installed (apt-get install python3-torch python3-numpy)");
                return;
            }
            var (fastest, anchor) = AnchorBench.Variants.Select(v => (v, AnchorBench.Median(variants[v]))).MaxBy(x => x.Item2);
            Console.WriteLine($"  {name}, whole epochs vs PyTorch (its val pass and torch.save of model and optimizer each epoch, timed the same way): " +
                              string.Join(", ", AnchorBench.Variants.Select(v => $"{v.Name} {AnchorBench.Median(variants[v]):N0}")) +
                              $" -> Hypergrid {a / anchor:F2}x the fastest PyTorch ({fastest.Name}); target >= 1.0x");
        }
        finally { Directory.Delete(root, true); }
    }

    // One sweep of the study through the CLI, a worker of one thread, everything pinned to the bench CPU; returns the trial's batch log.
    private static string Hypergrid(string root, string outName)
    {
        var info = new ProcessStartInfo("taskset") { WorkingDirectory = Environment.CurrentDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", TrainBench.PinnedCpu.ToString(), "dotnet", Path.Combine(AppContext.BaseDirectory, "hypergrid.dll"), "sweep", "--cfg", Path.Combine(root, "cfg"),
                     "--out", Path.Combine(root, outName), "--workers", "1", "--threads", "1" })
            info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var error = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"the sweep failed ({p.ExitCode}): {output}{error.Result}");
        return Directory.EnumerateFiles(Path.Combine(root, outName, "log"), TrialFiles.BatchLog, SearchOption.AllDirectories).Single();
    }
}
