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
/// model, data, data order, batch and optimizer, one thread each, both pinned to CPU 0, alternated in one session;
/// per-epoch train samples/s, medians over epochs 2..N and the spread (slowest to fastest epoch) of each. PyTorch runs as
/// installed and with the allocator thresholds Hypergrid sets; the faster of the two is the anchor.
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
            File.WriteAllBytes(Path.Combine(folder, "data.bin"), MemoryMarshal.AsBytes(data.TrainX.AsSpan()).ToArray());
            File.WriteAllBytes(Path.Combine(folder, "labels.bin"), MemoryMarshal.AsBytes(data.TrainY.AsSpan()).ToArray());
            // The very order Hypergrid's trainer draws, epoch by epoch.
            for (var e = 1; e <= Epochs; e++)
                File.WriteAllBytes(Path.Combine(folder, $"order_{e}.bin"), MemoryMarshal.AsBytes(TrainingLoop.DataOrder(spec.Seed, e, data.TrainCount).Select(i => (long)i).ToArray().AsSpan()).ToArray());
            File.WriteAllText(Path.Combine(folder, "spec.json"), JsonSerializer.Serialize(pythonModel));

            var ours = new List<double>();
            var theirs = new List<double>();
            var oursFaults = new List<double>();
            var theirsFaults = new List<double>();
            var untuned = new List<double>();
            var untunedFaults = new List<double>();
            var theirsTuned = new List<double>();
            var theirsTunedFaults = new List<double>();
            var oursSpread = new List<double>();
            var theirsSpread = new List<double>();
            var theirsTunedSpread = new List<double>();
            string torchInfo = "";
            var affinity = Process.GetCurrentProcess().ProcessorAffinity;
            for (var round = 0; round < Rounds; round++)
            {
                Process.GetCurrentProcess().ProcessorAffinity = 1; // CPU 0, as the PyTorch process below
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
                var (torchRates, torchFaults, _) = PyTorch(python, folder, tuned: false);
                theirs.AddRange(torchRates.Skip(1));
                theirsFaults.AddRange(torchFaults.Skip(1));
                theirsSpread.Add(torchRates.Skip(1).Max() / torchRates.Skip(1).Min());
                // Its matmul speed is reported from this run: without the thresholds each 128 KiB product faults its pages in.
                (torchRates, torchFaults, torchInfo) = PyTorch(python, folder, tuned: true);
                theirsTuned.AddRange(torchRates.Skip(1));
                theirsTunedFaults.AddRange(torchFaults.Skip(1));
                theirsTunedSpread.Add(torchRates.Skip(1).Max() / torchRates.Skip(1).Min());
            }
            double Median(List<double> v) { v.Sort(); return v[v.Count / 2]; }
            string Spreads(List<double> v) => string.Join(", ", v.Select(s => s.ToString("F2") + "x"));
            // The anchor is the faster of PyTorch as installed and PyTorch given the same allocator thresholds as Hypergrid
            // (GLIBC_TUNABLES): the tuning is not Hypergrid's to win by.
            var (a, b, bt) = (Median(ours), Median(theirs), Median(theirsTuned));
            var anchor = Math.Max(b, bt);
            Console.WriteLine($"  {name} vs PyTorch ({torchInfo}), pinned to CPU 0, {Rounds} alternated rounds of {Epochs} epochs, epochs 2..{Epochs}, samples/s medians: " +
                              $"Hypergrid {a:N0}; PyTorch as installed {b:N0}, with Hypergrid's allocator thresholds {bt:N0} -> {a / anchor:F2}x the faster PyTorch " +
                              $"({a / b:F2}x as installed); target >= 0.9x. Epoch spread (slowest to fastest epoch): Hypergrid {Spreads(oursSpread)}; " +
                              $"PyTorch {Spreads(theirsSpread)}, with the thresholds {Spreads(theirsTunedSpread)}; target < 1.3x");
            Console.WriteLine($"  {name}: minor page faults per batch (median of epochs 2..{Epochs}): Hypergrid {Median(oursFaults):N0}, PyTorch {Median(theirsFaults):N0}, " +
                              $"with the thresholds {Median(theirsTunedFaults):N0}; Hypergrid with glibc's allocator defaults (HYPERGRID_MALLOC_TUNING=0) " +
                              $"{Median(untunedFaults):N0} faults per batch at {Median(untuned):N0} samples/s -> the tuning gives {a / Median(untuned):F2}x");
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

    /// <summary>The anchor's run; tuned: with the mmap and trim thresholds Hypergrid sets (MallocTuning), through GLIBC_TUNABLES.</summary>
    private static (List<double> Rates, List<double> Faults, string Info) PyTorch(string python, string folder, bool tuned)
    {
        var info = new ProcessStartInfo("taskset") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", "0", python, Path.Combine(AppContext.BaseDirectory, "anchor.py"), folder }) info.ArgumentList.Add(a);
        // Debian's torch links the reference BLAS; the recipe's OpenBLAS (if unpacked where it says) is the fair one.
        const string openblas = "/tmp/openblas/usr/lib/x86_64-linux-gnu/openblas-openmp";
        var blas = Environment.GetEnvironmentVariable("HYPERGRID_ANCHOR_BLAS") ?? (Directory.Exists(openblas) ? openblas : null);
        if (blas is not null) info.Environment["LD_LIBRARY_PATH"] = blas;
        // OpenBLAS 0.3.21 does not know recent CPUs and falls back to SSE3 kernels unless told their kind (the recipe).
        info.Environment["OPENBLAS_CORETYPE"] = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? (TrainBench.CpuLine().Contains("(AVX-512") ? "SkylakeX" : "Haswell");
        info.Environment["OPENBLAS_NUM_THREADS"] = "1";
        info.Environment["OMP_NUM_THREADS"] = "1";
        if (tuned) info.Environment["GLIBC_TUNABLES"] = $"glibc.malloc.mmap_threshold={MallocTuning.MmapBytes}:glibc.malloc.trim_threshold={MallocTuning.TrimBytes}";
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"the PyTorch anchor failed: {error}");
        using var json = JsonDocument.Parse(output.Trim().Split('\n').Last());
        var rates = json.RootElement.GetProperty("rates").EnumerateArray().Select(r => r.GetDouble()).ToList();
        var faults = json.RootElement.GetProperty("faults").EnumerateArray().Select(r => r.GetDouble()).ToList();
        return (rates, faults, $"torch {json.RootElement.GetProperty("torch").GetString()}, {(blas is null ? "system BLAS" : "OpenBLAS from " + blas)}, " +
                       $"its 128x784 by 784x256 matmul at {json.RootElement.GetProperty("gflops").GetDouble():F0} GFLOP/s");
    }

    // Debian's python3-torch lives in the system Python, which a pyenv or venv on PATH may hide.
    private static string? Python()
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
