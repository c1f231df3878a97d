using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hypergrid.Dashboard;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Series;
using Hypergrid.Dashboard.Trials;
using Hypergrid.Trials;

namespace Hypergrid.Bench;

/// <summary>
/// pdflatex's time for the pgfplots file of 50 groups of 2 seeds (1,000 train steps, a val pass every 100), train and
/// val with std bands, 17 cm x 10 cm: the file as written now (each curve's share of FigureRequest.TexCoordinates)
/// against the same figure at the SVG's buckets (one per 3 pt of width, what the file had before), alternated rounds.
/// </summary>
public static class PgfplotsBench
{
    public static async Task RunAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "hypergrid-bench-pgfplots");
        if (Directory.Exists(root)) Directory.Delete(root, true);
        var log = Path.Combine(root, "log");
        Write(log);
        var scanner = new TrialScanner(log, Hypergrid.Training.TrialSchema.Instance);
        var trials = FigureTrials.Under(scanner);
        var builder = new FigureBuilder(new SeriesStore(log), new EpochLogStore(log));
        var size = new FigureSize(FigureSize.Parse("17cm", "width"), FigureSize.Parse("10cm", "height"), 8);
        var ask = new FigureRequest([.. trials.Select(t => t.Path)], "loss") { X = "step", Group = true, Band = "std", Size = size };
        // Before: the SVG's buckets (the file used them); now: the pgfplots file's own, coarser with many curves.
        var files = new Dictionary<string, string>
        {
            ["svg buckets (before)"] = Encoding.UTF8.GetString(PgfplotsWriter.Write(await builder.BuildAsync(trials, ask with { Format = "svg" }), size)),
            ["tex buckets (now)"] = Encoding.UTF8.GetString(PgfplotsWriter.Write(await builder.BuildAsync(trials, ask with { Format = "tex" }), size)),
        };
        Console.WriteLine($"pgfplots: CPU {TrainBench.CpuLine()}; load average {TrainBench.LoadAverage()}; 50 groups x 2 seeds, train and val, std bands, 17 cm x 10 cm; pdflatex, 3 alternated rounds");
        var times = files.Keys.ToDictionary(k => k, _ => new List<(double Wall, double Cpu)>());
        foreach (var (name, tex) in files)
            Console.WriteLine($"  {name}: {tex.Length / 1000.0:N0} kB, {Coordinates(tex):N0} coordinates");
        for (var round = 0; round < 3; round++)
            foreach (var (name, tex) in round % 2 == 0 ? files.ToList() : files.Reverse().ToList())
                times[name].Add(Typeset(root, tex));
        foreach (var (name, t) in times)
            Console.WriteLine($"  {name}: wall {string.Join(", ", t.Select(x => $"{x.Wall:F2}"))} s; CPU {string.Join(", ", t.Select(x => $"{x.Cpu:F2}"))} s");
        var (before, now) = (times.Values.First(), times.Values.Last());
        Console.WriteLine($"  now / before, CPU per round: {string.Join(", ", now.Zip(before, (n, b) => $"{n.Cpu / b.Cpu:F2}"))}; wall: {string.Join(", ", now.Zip(before, (n, b) => $"{n.Wall / b.Wall:F2}"))}; load average {TrainBench.LoadAverage()}");
        Directory.Delete(root, true);
    }

    private static int Coordinates(string tex) => tex.Split('\n').Count(l => l.Length > 0 && (char.IsDigit(l[0]) || l[0] == '-') && l.EndsWith("\\\\", StringComparison.Ordinal));

    /// <summary>One pdflatex run of a paper that \input's the file, under /usr/bin/time: its wall time and its CPU (user + system).</summary>
    private static (double Wall, double Cpu) Typeset(string root, string tex)
    {
        var dir = Directory.CreateTempSubdirectory("hypergrid-bench-tex-").FullName;
        File.WriteAllText(Path.Combine(dir, "figure.tex"), tex);
        File.WriteAllText(Path.Combine(dir, "paper.tex"), "\\documentclass{article}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n\\begin{document}\n\\input{figure.tex}\n\\end{document}\n");
        var info = new ProcessStartInfo("/usr/bin/time") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-f", "%e %U %S", "-o", "time.txt", "pdflatex", "-interaction=nonstopmode", "-halt-on-error", "paper.tex" }) info.ArgumentList.Add(a);
        using (var p = Process.Start(info)!)
        {
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"pdflatex failed in {dir}");
        }
        var t = File.ReadAllText(Path.Combine(dir, "time.txt")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Directory.Delete(dir, true);
        return (t[0], t[1] + t[2]);
    }

    /// <summary>The tests' sweep (FigureLogs): 50 lr values x 2 seeds, noisy loss, one seed of the last group stopped early.</summary>
    private static void Write(string log)
    {
        const int steps = 1000, seeds = 2;
        var lrs = Enumerable.Range(1, 50).Select(i => (i * 0.001).ToString("R", CultureInfo.InvariantCulture)).ToArray();
        var n = 0;
        foreach (var lr in lrs)
            for (var seed = 0; seed < seeds; seed++)
            {
                var rng = new Random(n * 7 + 1);
                var length = lr == lrs[^1] && seed == seeds - 1 ? steps * 9 / 10 : steps;
                var sb = new StringBuilder("epoch,mode,batch,loss,acc\n");
                for (var i = 0; i < length; i++)
                {
                    var loss = Math.Round(2.0 / (1 + i / 100.0) * (1 + double.Parse(lr, CultureInfo.InvariantCulture)) + rng.NextDouble() * 0.2, 6);
                    sb.Append(CultureInfo.InvariantCulture, $"{i / 100 + 1},train,{i % 100},{loss:R},0.5\n");
                    if (i % 100 == 99)
                        for (var b = 0; b < 4; b++)
                            sb.Append(CultureInfo.InvariantCulture, $"{i / 100 + 1},val,{b},{Math.Round(1.0 / (1 + i / 100.0) + rng.NextDouble() * 0.1, 6):R},0.6\n");
                }
                var dir = Path.Combine(log, "sweep", "mnist", "mlp", "adam", TrialFiles.FolderName(n++));
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, TrialFiles.Config), $"mode: sweep\ndataset: mnist\nmodel: mlp\ntrainer: adam\nlr: {lr}\nseed: {seed}\nbatch_size: 32\n");
                File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), sb.ToString());
            }
    }
}
