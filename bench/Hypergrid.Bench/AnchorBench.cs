using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Training;
using Hypergrid.Training.Logging;
using Hypergrid.Training.Native;

namespace Hypergrid.Bench;

/// <summary>
/// The PyTorch anchor (../shared/bench/pytorch-anchor.md): Hypergrid's trainer with full logging and PyTorch with the same
/// model, data, batch and optimizer, one thread each, both pinned to one CPU (HYPERGRID_BENCH_CPU, else 0), alternated in one session; per-epoch train
/// samples/s, medians over epochs 2..N and the spread (slowest to fastest epoch) of each. PyTorch is the loop a user writes
/// (the data as one tensor, torch.randperm per epoch, x[idx] per batch) and its variants (index_select; the allocator
/// thresholds Hypergrid sets); the fastest is the anchor.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class AnchorBench
{
    private const int Epochs = 6, Rounds = 2;

    public static void Run(string name, string modelYaml, object pythonModel)
    {
        var python = Python();
        if (python is null)
        {
            Console.WriteLine($"  {name}: PyTorch anchor skipped: python3 with torch is not installed (apt-get install python3-torch python3-numpy; see pytorch-anchor.md)");
            return;
        }
        var yaml = $"mode: sweep\ndataset: mnist\ntrainer: adam\nseed: 0\nepochs: {Epochs}\nbatch_size: 128\nlr: 0.001\nbatch_metrics: [grad_norm]\n{modelYaml}";
        var spec = TrainBench.Spec(yaml);
        var data = spec.Data.Load("data");
        var folder = Directory.CreateTempSubdirectory("hypergrid-anchor-").FullName;
        try
        {
            WriteData(folder, data, pythonModel);

            var ours = new List<double>();
            var oursFaults = new List<double>();
            var untuned = new List<double>();
            var untunedFaults = new List<double>();
            var oursSpread = new List<double>();
            var variants = Variants.ToDictionary(v => v, _ => (Rates: new List<double>(), Faults: new List<double>(), Spread: new List<double>()));
            string torchInfo = "";
            var affinity = Process.GetCurrentProcess().ProcessorAffinity;
            for (var round = 0; round < Rounds; round++)
            {
                Process.GetCurrentProcess().ProcessorAffinity = (nint)1 << TrainBench.PinnedCpu; // as the PyTorch process below
                var (rates, faults) = Hypergrid(spec, data, folder);
                // The same with glibc's allocator thresholds (HYPERGRID_MALLOC_TUNING=0): what the tuning changes.
                MallocTuning.Set(tuned: false);
                var (plainRates, plainFaults) = Hypergrid(spec, data, folder);
                MallocTuning.ApplyFromEnvironment();
                Process.GetCurrentProcess().ProcessorAffinity = affinity;
                ours.AddRange(rates.Skip(1));
                oursFaults.AddRange(faults.Skip(1));
                untuned.AddRange(plainRates.Skip(1));
                untunedFaults.AddRange(plainFaults.Skip(1));
                oursSpread.Add(rates.Skip(1).Max() / rates.Skip(1).Min());
                foreach (var variant in Variants)
                {
                    // Its matmul speed is reported from the last run (with the thresholds: without them each 128 KiB product faults its pages in).
                    var (torchRates, torchFaults, info) = PyTorch(python, folder, "bare", variant);
                    torchInfo = info;
                    variants[variant].Rates.AddRange(torchRates.Skip(1));
                    variants[variant].Faults.AddRange(torchFaults.Skip(1));
                    variants[variant].Spread.Add(torchRates.Skip(1).Max() / torchRates.Skip(1).Min());
                }
            }
            string Spreads(List<double> v) => string.Join(", ", v.Select(s => s.ToString("F2") + "x"));
            // The anchor is the fastest of the loops a user would write (x[idx] or index_select; as installed or given the same
            // allocator thresholds as Hypergrid through GLIBC_TUNABLES): neither the tuning nor the indexing is Hypergrid's to win by.
            var a = Median(ours);
            var (fastest, anchor) = Variants.Select(v => (v, Median(variants[v].Rates))).MaxBy(x => x.Item2);
            var installed = Median(variants[Variants[0]].Rates);
            Console.WriteLine($"  {name}, bare train loop vs PyTorch ({torchInfo}), pinned to CPU {TrainBench.PinnedCpu}, {Rounds} alternated rounds of {Epochs} epochs, epochs 2..{Epochs}, " +
                              $"train samples/s from the end of each epoch's first batch to the end of its last, medians: Hypergrid {a:N0}; PyTorch " +
                              string.Join(", ", Variants.Select(v => $"{v.Name} {Median(variants[v].Rates):N0}")) +
                              $" -> {a / anchor:F2}x the fastest PyTorch ({fastest.Name}; {a / installed:F2}x {Variants[0].Name}); target >= 0.95x. " +
                              $"Epoch spread (slowest to fastest epoch): Hypergrid {Spreads(oursSpread)}; PyTorch {fastest.Name} {Spreads(variants[fastest].Spread)}; target < 1.3x");
            Console.WriteLine($"  {name}: minor page faults per batch (median of epochs 2..{Epochs}): Hypergrid {Median(oursFaults):N0}; PyTorch " +
                              string.Join(", ", Variants.Select(v => $"{v.Name} {Median(variants[v].Faults):N0}")) +
                              $"; Hypergrid with glibc's allocator defaults (HYPERGRID_MALLOC_TUNING=0) {Median(untunedFaults):N0} faults per batch at {Median(untuned):N0} samples/s " +
                              $"-> the tuning gives {a / Median(untuned):F2}x");
        }
        finally { Directory.Delete(folder, true); }
    }

    /// <summary>Hypergrid's trainer with full logging; per-epoch samples/s timed from the end of the first batch to the end of the last.</summary>
    private static (List<double> Rates, List<double> Faults) Hypergrid(TrialSpec spec, Hypergrid.Training.Data.DataBundle data, string folder)
    {
        var log = Path.Combine(folder, "batch_log.csv");
        if (File.Exists(log)) File.Delete(log);
        var starts = new Dictionary<int, (long Time, long Faults)>();
        var rates = new List<double>();
        var faults = new List<double>();
        var size = spec.TrainerFactory.Settings.BatchSize;
        void Progress(int epoch, int epochs, int batch, int batches, double loss)
        {
            var now = Stopwatch.GetTimestamp();
            if (batch == 0) starts[epoch] = (now, MallocTuning.MinorFaults());
            if (batch != batches - 1) return;
            rates.Add((data.TrainCount - size) / Stopwatch.GetElapsedTime(starts[epoch].Time, now).TotalSeconds);
            faults.Add((MallocTuning.MinorFaults() - starts[epoch].Faults) / (double)(batches - 1));
        }
        using var sink = new BatchLogWriter(log);
        TrainingLoop.Run(spec, data, sink, new TrainingOptions { Progress = Progress });
        return (rates, faults);
    }

    /// <summary>A way a user writes the PyTorch loop: how a batch is indexed, and whether glibc gets Hypergrid's allocator thresholds.</summary>
    internal sealed record Variant(string Name, string Indexing, bool Tuned);

    /// <summary>The loops the anchor is the fastest of; the first is the loop as a user writes it and runs it as installed.</summary>
    internal static readonly Variant[] Variants =
    [
        new("x[idx] as installed", "getitem", false),
        new("x[idx] with the thresholds", "getitem", true),
        new("index_select as installed", "index_select", false),
        new("index_select with the thresholds", "index_select", true),
    ];

    internal static double Median(List<double> v) => Measure.Median(v);

    /// <summary>The anchor's input: the train and val digits as raw arrays and the model's description.</summary>
    internal static void WriteData(string folder, Hypergrid.Training.Data.DataBundle data, object pythonModel)
    {
        File.WriteAllBytes(Path.Combine(folder, "data.bin"), MemoryMarshal.AsBytes(data.TrainX.AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(folder, "labels.bin"), MemoryMarshal.AsBytes(data.TrainY.AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(folder, "val.bin"), MemoryMarshal.AsBytes(data.ValX.AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(folder, "val_labels.bin"), MemoryMarshal.AsBytes(data.ValY.AsSpan()).ToArray());
        File.WriteAllText(Path.Combine(folder, "spec.json"), JsonSerializer.Serialize(pythonModel));
    }

    /// <summary>One run of anchor.py pinned to the bench CPU: "bare" train passes or "whole" epochs (val pass and torch.save), in one variant.</summary>
    internal static (List<double> Rates, List<double> Faults, string Info) PyTorch(string python, string folder, string mode, Variant variant)
    {
        var info = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", TrainBench.PinnedCpu.ToString(), python, Path.Combine(AppContext.BaseDirectory, "anchor.py"), folder, mode, variant.Indexing }) info.ArgumentList.Add(a);
        // Debian's torch links the reference BLAS; the recipe's OpenBLAS (if unpacked where it says) is the fair one.
        const string openblas = "/tmp/openblas/usr/lib/x86_64-linux-gnu/openblas-openmp";
        var blas = Environment.GetEnvironmentVariable("HYPERGRID_ANCHOR_BLAS") ?? (Directory.Exists(openblas) ? openblas : null);
        if (blas is not null) info.Environment["LD_LIBRARY_PATH"] = blas;
        // OpenBLAS 0.3.21 does not know recent CPUs and falls back to SSE3 kernels unless told their kind (the recipe).
        info.Environment["OPENBLAS_CORETYPE"] = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? (TrainBench.CpuLine().Contains("(AVX-512") ? "SkylakeX" : "Haswell");
        info.Environment["OPENBLAS_NUM_THREADS"] = "1";
        info.Environment["OMP_NUM_THREADS"] = "1";
        if (variant.Tuned) info.Environment["GLIBC_TUNABLES"] = $"glibc.malloc.mmap_threshold={MallocTuning.MmapBytes}:glibc.malloc.trim_threshold={MallocTuning.TrimBytes}";
        using var p = Process.Start(info)!;
        var error = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"the PyTorch anchor failed: {error.Result}");
        using var json = JsonDocument.Parse(output.Trim().Split('\n').Last());
        var rates = json.RootElement.GetProperty("rates").EnumerateArray().Select(r => r.GetDouble()).ToList();
        var faults = json.RootElement.GetProperty("faults").EnumerateArray().Select(r => r.GetDouble()).ToList();
        return (rates, faults, $"torch {json.RootElement.GetProperty("torch").GetString()}, {(blas is null ? "system BLAS" : "OpenBLAS from " + blas)}, " +
                       $"its 128x784 by 784x256 matmul at {json.RootElement.GetProperty("gflops").GetDouble():F0} GFLOP/s");
    }

    // Debian's python3-torch lives in the system Python, which a pyenv or venv on PATH may hide.
    internal static string? Python()
    {
        foreach (var python in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                using var p = Process.Start(new ProcessStartInfo(python, "-c \"import torch, numpy\"") { RedirectStandardError = true, RedirectStandardOutput = true })!;
                p.WaitForExit();
                if (p.ExitCode == 0) return python;
            }
            catch (System.ComponentModel.Win32Exception) { }
        }
        return null;
    }
}
