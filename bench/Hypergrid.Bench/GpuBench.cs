using System.Diagnostics;
using System.Globalization;
using Hypergrid.Running.Devices;

namespace Hypergrid.Bench;

/// <summary>
/// Trials per hour on this machine's GPUs with 1 and with K workers per GPU (--per-gpu), for a small model whose trials
/// leave a GPU mostly idle (the case packing is for): the shipped MLP on the MNIST sample, device: cuda, through the real
/// CLI. Needs a GPU and a CUDA build (dotnet build -p:HypergridCuda=true); says so and stops otherwise. Not a test.
/// </summary>
public static class GpuBench
{
    private const int TrialsPerGpu = 8;

    public static async Task RunAsync()
    {
        var found = GpuProbe.Machine();
        if (found.Ids.Count == 0)
        {
            Console.WriteLine($"gpus: no GPU here ({found.Looked}); nothing measured (run it where nvidia-smi lists a GPU, with a CUDA build)");
            return;
        }
        var gpus = found.Ids.Count;
        var trials = TrialsPerGpu * gpus;
        Console.WriteLine($"gpus: {gpus} GPU(s) ({found.Looked}); {trials} trials of the MLP on the MNIST sample, 2 epochs each, device: cuda");
        var root = Directory.CreateTempSubdirectory("hypergrid-bench-gpus-").FullName;
        try
        {
            var leaf = Path.Combine(root, "cfg", "sweep", "mnist", "mlp", "adam");
            Directory.CreateDirectory(leaf);
            File.WriteAllText(Path.Combine(root, "cfg", "cfg.yaml"), "seed: 0\nepochs: 2\ndevice: cuda\n");
            File.WriteAllText(Path.Combine(leaf, "cfg.yaml"), $"lr: [{string.Join(", ", Enumerable.Range(1, trials).Select(i => (i * 0.0005).ToString(CultureInfo.InvariantCulture)))}]\n");
            var perHour = new Dictionary<int, double>();
            foreach (var k in new[] { 1, 2, 4 })
            {
                var (seconds, code, tail) = await Sweep(root, Path.Combine(root, $"out-{k}"), k);
                if (code != 0)
                {
                    Console.WriteLine($"  --per-gpu {k}: exited {code}: {tail}");
                    if (k == 1) return; // a build without CUDA, or a trial that cannot run: the rest would fail the same way
                    continue;
                }
                perHour[k] = trials / seconds * 3600;
                Console.WriteLine($"  --per-gpu {k}: {Measure.Fmt(seconds)} for {trials} trials -> {perHour[k]:F0} trials/hour ({perHour[k] / perHour[1]:F2}x one worker per GPU)");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<(double Seconds, int Code, string Tail)> Sweep(string root, string outDir, int perGpu)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "hypergrid.dll"), "sweep", "--cfg", Path.Combine(root, "cfg"), "--out", outDir, "--gpus", "all", "--per-gpu", perGpu.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var text = (await stdout) + (await stderr);
        return (clock.Elapsed.TotalSeconds, p.ExitCode, string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3)));
    }
}
