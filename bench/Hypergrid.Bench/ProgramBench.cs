using System.Diagnostics;
using Hypergrid.Config.Expansion;
using Hypergrid.Running;
using Hypergrid.Trials;

namespace Hypergrid.Bench;

/// <summary>
/// The cost of running a trial as a program of its own: (1) Hypergrid's overhead per trial (claim, attempt folder,
/// spawn through setsid/setpriv, tail, validate, rename, run.json, epoch log) beyond the program's own start-up, measured
/// as a worker's time per trial against the same program started directly; (2) the worker's CPU while it tails a log
/// that grows by 10,000 rows a second, as a share of one core.
/// </summary>
public static class ProgramBench
{
    private const int Trials = 40;

    public static void Run()
    {
        Console.WriteLine($"programs: CPU {TrainBench.CpuLine()}; {Trials} trials of a program that writes a 3-row log, 1 worker");
        var python = "/usr/bin/python3";
        var root = Directory.CreateTempSubdirectory("hypergrid-bench-programs-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "tiny.py"),
                "import os\nwith open(os.environ['HYPERGRID_BATCH_LOG'], 'a') as f: f.write('epoch,mode,batch,loss\\n1,train,0,0.5\\n1,val,0,0.4\\n')\n");
            Overhead(root, python);
            Tail(root, python);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Overhead(string root, string python)
    {
        var cfg = Path.Combine(root, "cfg");
        Directory.CreateDirectory(Path.Combine(cfg, "sweep", "toy", "net", "opt"));
        File.WriteAllText(Path.Combine(cfg, "cfg.yaml"), $"command: {python} -S tiny.py\nseed: 0\n");
        File.WriteAllText(Path.Combine(cfg, "sweep", "toy", "net", "opt", "cfg.yaml"), $"x: [{string.Join(", ", Enumerable.Range(0, Trials))}]\n");
        var options = new ExpandOptions(cfg, Path.Combine(root, "out"));
        var settings = new WorkerSettings(root, 1, "bench") { ProgramDir = root };
        var worker = Measure.Seconds(3, () =>
        {
            if (Directory.Exists(options.OutDir)) Directory.Delete(options.OutDir, recursive: true);
            Expander.Expand(options);
        }, () =>
        {
            var manifest = Path.Combine(root, "trials.txt");
            File.WriteAllLines(manifest, Directory.GetDirectories(Path.Combine(options.LogDir, "sweep", "toy", "net", "opt")).Order());
            if (Worker.Run(manifest, settings, TextWriter.Null, CancellationToken.None) != 0) throw new InvalidOperationException("a trial failed");
        });
        var log = Path.Combine(root, "direct.csv");
        var direct = Measure.Seconds(3, () => { }, () =>
        {
            for (var i = 0; i < Trials; i++)
            {
                File.Delete(log);
                var info = new ProcessStartInfo(python, ["-S", "tiny.py"]) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
                info.Environment["HYPERGRID_BATCH_LOG"] = log;
                using var p = Process.Start(info)!;
                p.WaitForExit();
            }
        });
        var perTrial = worker.Median / Trials;
        var own = direct.Median / Trials;
        Console.WriteLine($"  per trial through a worker {Measure.Fmt(perTrial)} vs the program started directly {Measure.Fmt(own)} (median of 3 x {Trials}): " +
                          $"{perTrial / own:F2}x, overhead {Measure.Fmt(perTrial - own)} a trial; target < 50 ms");
    }

    private static void Tail(string root, string python)
    {
        const int seconds = 6, rate = 10_000;
        File.WriteAllText(Path.Combine(root, "steady.py"), $$"""
            import os, time
            log = open(os.environ['HYPERGRID_BATCH_LOG'], 'a')
            log.write('epoch,mode,batch,time,loss,acc,lr\n')
            start = time.monotonic()
            for tick in range({{seconds * 100}}):
                for b in range({{rate / 100}}):
                    i = tick * {{rate / 100}} + b
                    log.write('%d,train,%d,%.4f,0.123456789,0.875,0.001\n' % (i // 1000 + 1, i % 1000, time.monotonic() - start))
                log.flush()
                time.sleep(max(0.0, start + (tick + 1) / 100 - time.monotonic()))
            """);
        var trial = Path.Combine(root, "out", "log", "sweep", "toy", "net", "steady", "trial_000");
        Directory.CreateDirectory(trial);
        File.WriteAllText(Path.Combine(trial, TrialFiles.Config), $"mode: sweep\ndataset: toy\nmodel: net\ntrainer: steady\ncommand: {python} -S steady.py\nseed: 0\nepochs: {seconds * rate / 1000}\n");
        var manifest = Path.Combine(root, "steady.txt");
        File.WriteAllText(manifest, trial + "\n");
        var me = Process.GetCurrentProcess();
        me.Refresh();
        var cpu = me.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var events = new CountingWriter();
        Worker.Run(manifest, new WorkerSettings(root, 1, "bench") { ProgramDir = root }, events, CancellationToken.None);
        wall.Stop();
        me.Refresh();
        var used = (me.TotalProcessorTime - cpu).TotalSeconds;
        var rows = File.ReadLines(Path.Combine(trial, TrialFiles.BatchLog)).Count() - 1;
        var (tailCpu, tailWall) = (events.Last.Cpu - events.First.Cpu, events.Last.Wall - events.First.Wall);
        Console.WriteLine($"  a program writing {rate:N0} rows/s for {seconds} s ({rows:N0} rows): while it ran (first to last progress event, {tailWall:F1} s) " +
                          $"the worker used {100 * tailCpu / tailWall:F2}% of one core (target < 2%); the whole trial, with the final check, epoch log and rename, " +
                          $"{used:F3} s of CPU in {wall.Elapsed.TotalSeconds:F1} s ({100 * used / wall.Elapsed.TotalSeconds:F2}%); {events.Lines} progress events");
    }

    // Counts the worker's progress events and notes the process's CPU time at the first and the last.
    private sealed class CountingWriter : TextWriter
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        public int Lines;
        public (double Cpu, double Wall) First { get; private set; }
        public (double Cpu, double Wall) Last { get; private set; }
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void WriteLine(string? value)
        {
            if (value is null || !value.Contains("\"progress\"")) return;
            var now = (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, clock.Elapsed.TotalSeconds);
            if (Lines++ == 0) First = now;
            Last = now;
        }
    }
}
