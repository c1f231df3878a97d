using System.Diagnostics;
using Hypergrid.Running;

namespace Hypergrid.Cli;

/// <summary>
/// Several workers in one Slurm task: the task's worker starts N copies of itself (each told its number in
/// HYPERGRID_WORKER, so each keeps to its own GPU first), passes their lines on to the task's output, and on a stop
/// (scancel's SIGTERM, the time-limit warning) sends each SIGTERM: they checkpoint and release their trials. It submits
/// the task again itself, once, after they ended.
/// </summary>
public static class WorkerGroup
{
    /// <summary>The variable that numbers a worker among its machine's or task's workers (set for each copy).</summary>
    public const string WorkerVariable = "HYPERGRID_WORKER";

    /// <summary>Whether this worker should start a group of <paramref name="workers"/>: more than one, and it is not itself one of a group or of a local run.</summary>
    public static bool Wanted(int workers) => workers > 1 && Environment.GetEnvironmentVariable(WorkerVariable) is null;

    /// <summary>Runs the copies until they end; returns how many ended with an error.</summary>
    public static int Run(int workers, CancellationToken cancel)
    {
        var self = WorkerCommand.Current();
        var args = Environment.GetCommandLineArgs()[1..];
        var output = TextWriter.Synchronized(Console.Out);
        var processes = new List<Process>();
        var pumps = new List<Task>();
        for (var w = 0; w < workers; w++)
        {
            var info = new ProcessStartInfo(self.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in self.Prefix.Concat(args)) info.ArgumentList.Add(a);
            info.Environment[WorkerVariable] = w.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var p = Process.Start(info) ?? throw new InvalidOperationException($"could not start {self.FileName}");
            processes.Add(p);
            pumps.Add(Copy(p.StandardOutput, output));
            pumps.Add(Copy(p.StandardError, output));
        }
        output.WriteLine($"{workers} workers in this task (pids {string.Join(' ', processes.Select(p => p.Id))})");
        using var stop = cancel.Register(() =>
        {
            foreach (var p in processes) if (!p.HasExited) _ = Signal.TermProcess(p.Id);
        });
        Task.WaitAll([.. processes.Select(p => p.WaitForExitAsync(CancellationToken.None)), .. pumps]);
        return processes.Count(p => p.ExitCode != 0);
    }

    private static async Task Copy(StreamReader from, TextWriter to)
    {
        while (await from.ReadLineAsync() is { } line) to.WriteLine(line);
    }
}
