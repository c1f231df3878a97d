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
            var data = Study(root, model, keys, epochs);
            if (python is not null) AnchorBench.WriteData(root, data, pythonModel);

            var ours = new List<double>();
            var boundaries = new List<double>();
            var batches = new List<double>();
            var splits = new List<BoundarySplit>();
            var variants = AnchorBench.Variants.ToDictionary(v => v, _ => new List<double>());
            for (var round = 0; round < Rounds; round++)
            {
                var trace = Path.Combine(root, $"boundary-{round}.csv");
                var log = Hypergrid(root, $"out-{round}", trace, null);
                var whole = WholeEpochs.FromLog(log, data.TrainCount);
                if (File.Exists(trace)) splits.Add(BoundarySplit.FromTrace(trace));
                ours.AddRange(whole.Rates);
                boundaries.AddRange(whole.BoundaryMs);
                batches.AddRange(whole.BatchMs);
                if (python is null) continue;
                foreach (var variant in AnchorBench.Variants) variants[variant].AddRange(AnchorBench.PyTorch(python, root, "whole", variant).Rates);
            }
            // One figure a line: the lines are long, and one of them ran into the next in a captured run.
            var a = AnchorBench.Median(ours);
            Console.WriteLine($"  {name}, whole epochs through the CLI (train pass, val pass, epoch boundary with its checkpoint), pinned to CPU {TrainBench.PinnedCpu}, " +
                              $"{Rounds} rounds of {epochs} epochs, medians over epochs 2..{epochs}:");
            Console.WriteLine($"    Hypergrid: {a:N0} train samples per second of whole epoch");
            Console.WriteLine($"    epoch boundary (last val row to the end of the next epoch's first train row, so with that batch): {AnchorBench.Median(boundaries):F1} ms; target < 5 ms");
            Console.WriteLine($"    a train batch: {AnchorBench.Median(batches):F1} ms");
            foreach (var (split, round) in splits.Select((s, i) => (s, i + 1)))
                Console.WriteLine($"    the boundary's parts, round {round}: {split.Describe()}");
            if (python is null)
            {
                Console.WriteLine($"    PyTorch whole epochs skipped: python3 with torch is not installed (apt-get install python3-torch python3-numpy)");
                return;
            }
            foreach (var v in AnchorBench.Variants)
                Console.WriteLine($"    PyTorch {v.Name} (its val pass and torch.save of model and optimizer each epoch, timed the same way): {AnchorBench.Median(variants[v]):N0} train samples per second");
            var (fastest, anchor) = AnchorBench.Variants.Select(v => (v, AnchorBench.Median(variants[v]))).MaxBy(x => x.Item2);
            Console.WriteLine($"    Hypergrid / the fastest PyTorch ({fastest.Name}): {a / anchor:F2}x; target >= 1.0x");
        }
        finally { Directory.Delete(root, true); }
    }

    /// <summary>
    /// The MLP's epoch boundary alone (no PyTorch), alternating the checkpoint writer at its lower priority (the default)
    /// with the writer at training's priority (HYPERGRID_CHECKPOINT_NICE=0, as before), <paramref name="rounds"/> runs each.
    /// </summary>
    public static void Boundary(int rounds, int epochs)
    {
        var root = Directory.CreateTempSubdirectory("hypergrid-bench-boundary-").FullName;
        try
        {
            var data = Study(root, "mlp", "hidden: [[256]]\n", epochs);
            var sides = new[] { (Name: "writer at nice +10 (default)", Nice: (string?)null), (Name: "writer at training's priority (HYPERGRID_CHECKPOINT_NICE=0)", Nice: "0") };
            var results = sides.ToDictionary(s => s.Name, _ => (Boundaries: new List<double>(), Batches: new List<double>(), Rates: new List<double>(), Splits: new List<BoundarySplit>()));
            for (var round = 0; round < rounds; round++)
                foreach (var side in sides)
                {
                    var trace = Path.Combine(root, $"boundary-{round}-{side.Nice}.csv");
                    var whole = WholeEpochs.FromLog(Hypergrid(root, $"out-{round}-{side.Nice}", trace, side.Nice), data.TrainCount);
                    var r = results[side.Name];
                    r.Boundaries.AddRange(whole.BoundaryMs);
                    r.Batches.AddRange(whole.BatchMs);
                    r.Rates.AddRange(whole.Rates);
                    r.Splits.Add(BoundarySplit.FromTrace(trace));
                }
            Console.WriteLine($"  mlp 784-256-10, epoch boundary through the CLI, pinned to CPU {TrainBench.PinnedCpu}, {rounds} alternated runs of {epochs} epochs each side, medians over epochs 2..{epochs}:");
            foreach (var side in sides)
            {
                var r = results[side.Name];
                Console.WriteLine($"    {side.Name}: epoch boundary {AnchorBench.Median(r.Boundaries):F1} ms (target < 5 ms), a train batch {AnchorBench.Median(r.Batches):F1} ms, " +
                                  $"whole epochs {AnchorBench.Median(r.Rates):N0} train samples/s");
                foreach (var (split, round) in r.Splits.Select((s, i) => (s, i + 1)))
                    Console.WriteLine($"      parts, run {round}: {split.Describe()}");
            }
        }
        finally { Directory.Delete(root, true); }
    }

    // The one-trial study of a model (epochs, batch 128, Adam, grad_norm logged) under root/cfg; returns its data.
    private static Hypergrid.Training.Data.DataBundle Study(string root, string model, string keys, int epochs)
    {
        var leaf = Path.Combine(root, "cfg", "sweep", "mnist", model, "adam");
        Directory.CreateDirectory(leaf);
        File.WriteAllText(Path.Combine(root, "cfg", "cfg.yaml"), $"seed: 0\nepochs: {epochs}\nbatch_size: 128\nlr: 0.001\nbatch_metrics: [grad_norm]\n{keys}");
        File.WriteAllText(Path.Combine(leaf, "cfg.yaml"), "");
        var spec = TrainBench.Spec($"mode: sweep\ndataset: mnist\nmodel: {model}\ntrainer: adam\nseed: 0\nepochs: {epochs}\nbatch_size: 128\nlr: 0.001\n{keys.Replace("[[", "[").Replace("]]", "]")}");
        return spec.Data.Load("data");
    }

    // One sweep of the study through the CLI, a worker of one thread, everything pinned to the bench CPU; returns the trial's batch log
    // (and the boundary's marks are appended to trace).
    private static string Hypergrid(string root, string outName, string trace, string? writerNice)
    {
        var info = new ProcessStartInfo("taskset") { WorkingDirectory = Environment.CurrentDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["HYPERGRID_BOUNDARY_TRACE"] = trace; // the boundary's parts (EpochBoundaryTrace)
        if (writerNice is not null) info.Environment["HYPERGRID_CHECKPOINT_NICE"] = writerNice;
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
