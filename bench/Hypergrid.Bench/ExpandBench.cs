using System.Diagnostics;
using System.Text;
using Hypergrid.Config.Expansion;

namespace Hypergrid.Bench;

/// <summary>10,000 trials (four axes of 10 values over a 20-key base) expanded into a fresh folder, then re-expanded.</summary>
public static class ExpandBench
{
    /// <summary>Writes the benchmark's cfg tree (10,000 trials) into a fresh temp folder of that name; returns its path.</summary>
    public static string Tree(string name)
    {
        var cfg = Path.Combine(Path.GetTempPath(), name);
        if (Directory.Exists(cfg)) Directory.Delete(cfg, true);
        var leaf = Path.Combine(cfg, "sweep", "mnist", "mlp", "adam");
        Directory.CreateDirectory(leaf);
        var root = new StringBuilder("seed: 0\n");
        for (var k = 0; k < 19; k++) root.Append($"key_{k}: {k * 0.5}\n");
        File.WriteAllText(Path.Combine(cfg, "cfg.yaml"), root.ToString());
        var axes = new StringBuilder();
        for (var a = 0; a < 4; a++) axes.Append($"axis_{a}: [{string.Join(", ", Enumerable.Range(0, 10).Select(v => (v + 1) * 0.001 * (a + 1)))}]\n");
        File.WriteAllText(Path.Combine(leaf, "cfg.yaml"), axes.ToString());
        return cfg;
    }

    public static void Run()
    {
        var cfg = Tree("hypergrid-bench-cfg");

        Console.WriteLine("expand: 10,000 trials, 4 axes x 10 values over a 20-key base");
        foreach (var (name, baseDir) in new[] { ("tmpfs (/dev/shm)", "/dev/shm"), ("disk (/var/tmp)", "/var/tmp") })
        {
            var outDir = Path.Combine(baseDir, "hypergrid-bench-out");
            var pyOut = Path.Combine(baseDir, "hypergrid-bench-py");
            Clean(outDir);
            Expander.Expand(new ExpandOptions(cfg, outDir)); // warm-up: JIT, not expansion, would otherwise count
            var first = Measure.Seconds(5, () => Clean(outDir), () => Expander.Expand(new ExpandOptions(cfg, outDir)));
            var again = Measure.Seconds(5, () => { }, () => Expander.Expand(new ExpandOptions(cfg, outDir)));
            // Where a first expansion goes: planning (YAML parse, merge, checks, rendering each cfg.yaml, identities) and
            // writing (a folder and a cfg.yaml, temp file + rename, per trial), timed apart in the same runs.
            var (plan, write) = (new List<double>(), new List<double>());
            for (var i = 0; i < 5; i++)
            {
                Clean(outDir);
                var clock = Stopwatch.StartNew();
                var planned = Expander.Expand(new ExpandOptions(cfg, outDir) { DryRun = true });
                plan.Add(clock.Elapsed.TotalSeconds);
                clock.Restart();
                Expander.Write(planned);
                write.Add(clock.Elapsed.TotalSeconds);
            }
            var python = Python(cfg, pyOut);
            Console.WriteLine($"  {name}: first {Measure.Fmt(first.Best)} best / {Measure.Fmt(first.Median)} median = {10000 / first.Best:N0} trials/s; " +
                              $"re-expansion (nothing changed) {Measure.Fmt(again.Best)} / {Measure.Fmt(again.Median)}");
            Console.WriteLine($"    split (best of 5): planning {Measure.Fmt(plan.Min())} (YAML parse, merge, checks, rendering), writing {Measure.Fmt(write.Min())} (10,000 folders and cfg.yaml files)");
            if (python is { } py)
                Console.WriteLine($"    baseline Python + PyYAML libyaml, same work, same run: {Measure.Fmt(py)} -> Hypergrid first expansion is {py / first.Best:F1}x faster");
            Clean(outDir);
            Clean(pyOut);
        }
        Console.WriteLine("  targets: first expansion on tmpfs < 0.3 s; re-expansion on disk < 0.5 s");
        Checked();
    }

    /// <summary>The same size of study on real keys, every trial checked against the registries (what expand and run do).</summary>
    private static void Checked()
    {
        var cfg = Path.Combine(Path.GetTempPath(), "hypergrid-bench-cfg-checked");
        if (Directory.Exists(cfg)) Directory.Delete(cfg, true);
        var leaf = Path.Combine(cfg, "sweep", "synthetic", "mlp", "adam");
        Directory.CreateDirectory(leaf);
        File.WriteAllText(Path.Combine(cfg, "cfg.yaml"), "seed: 0\nepochs: 5\nbatch_size: 64\nschedule: cosine\nwarmup_steps: 10\nbeta2: 0.99\n");
        string Axis(string key, Func<int, string> value) => $"{key}: [{string.Join(", ", Enumerable.Range(1, 10).Select(value))}]\n";
        File.WriteAllText(Path.Combine(leaf, "cfg.yaml"), Axis("lr", v => $"{v}e-4") + Axis("hidden", v => $"[{v * 16}]") + Axis("dropout", v => $"0.0{v - 1}") + Axis("weight_decay", v => $"{v}e-5"));
        var outDir = "/dev/shm/hypergrid-bench-out-checked";
        var options = new ExpandOptions(cfg, outDir) { Schema = Hypergrid.Training.TrialSchema.Instance };
        Clean(outDir);
        Expander.Expand(options);
        var unchecked_ = Measure.Seconds(5, () => Clean(outDir), () => Expander.Expand(options with { Schema = null }));
        var first = Measure.Seconds(5, () => Clean(outDir), () => Expander.Expand(options));
        var again = Measure.Seconds(5, () => { }, () => Expander.Expand(options));
        Console.WriteLine($"  real keys, every trial checked against the registries (tmpfs): first {Measure.Fmt(first.Best)} best / {Measure.Fmt(first.Median)} median; " +
                          $"re-expansion {Measure.Fmt(again.Best)} / {Measure.Fmt(again.Median)}; the check costs {first.Best / unchecked_.Best:F2}x an unchecked expansion of the same tree ({Measure.Fmt(unchecked_.Best)})");
        Clean(outDir);
        Directory.Delete(cfg, true);
    }

    private static void Clean(string dir)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
    }

    private static double? Python(string cfg, string outDir)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "baseline_expand.py");
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            Clean(outDir);
            var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { Path.GetFullPath(script), cfg, outDir }) info.ArgumentList.Add(a);
            try
            {
                using var p = Process.Start(info)!;
                var text = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                if (p.ExitCode != 0) { Console.WriteLine("    (python baseline failed: " + p.StandardError.ReadToEnd().Trim().Split('\n')[^1] + ")"); return null; }
                best = Math.Min(best, double.Parse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (System.ComponentModel.Win32Exception) { Console.WriteLine("    (python3 not found: no baseline)"); return null; }
        }
        return best;
    }
}
