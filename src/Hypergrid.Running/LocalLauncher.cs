using System.Diagnostics;
using Hypergrid.Config.Expansion;

namespace Hypergrid.Running;

/// <summary>Runs N worker processes on this machine, relaying their output to the display.</summary>
public sealed class LocalLauncher : ILauncher
{
    public string Folder => "runs";

    // The workers alive in this process, for a stop that cannot wait (a second Ctrl-C).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, Process> Live = new();

    /// <summary>SIGKILL to every worker this process started that is still alive (their programs die with them); how many.</summary>
    public static int KillAll()
    {
        var n = 0;
        foreach (var p in Live.Values)
            if (!p.HasExited && Signal.Send(p.Id, Signal.Kill)) n++;
        return n;
    }

    public bool SharesCores => true;

    // More workers than trials would only start idle processes.
    public int Workers(int requested, int trials) => Math.Max(1, Math.Min(requested, trials));

    public string Describe(int workers, WorkerSettings settings) =>
        $"with {workers} worker process(es), {settings.Threads} thread(s) each";

    public Devices.GpuOffer Gpus(IReadOnlyList<Trial> trials, RunOptions options) => options.Gpus is { } gpus
        ? new(gpus.Count, $"--gpus {string.Join(',', gpus)}", "name more GPUs in --gpus (or --gpus all), or ask for fewer")
        : new(0, "this run (no --gpus)", "give the run GPUs with --gpus 0,1 (or --gpus all), or remove gpus: to train on the CPU");

    public async Task<bool> LaunchAsync(LaunchRequest request, IRunDisplay display, CancellationToken cancel)
    {
        var processes = new List<Process>();
        var pumps = new List<Task>();
        for (var w = 0; w < request.Workers; w++)
        {
            var info = new ProcessStartInfo(request.Command.FileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in request.Command.Arguments(request.Manifest, request.Settings)) info.ArgumentList.Add(a);
            info.Environment["OMP_NUM_THREADS"] = request.Settings.Threads.ToString();
            info.Environment["HYPERGRID_WORKER"] = w.ToString();
            // The worker sees the run's GPUs only; each trial is then given its own among them.
            if (request.Settings.Gpus is { } gpus) info.Environment["CUDA_VISIBLE_DEVICES"] = string.Join(',', gpus);
            var p = Process.Start(info) ?? throw new InvalidOperationException($"could not start {request.Command.FileName}");
            processes.Add(p);
            Live[p.Id] = p;
            var worker = w;
            pumps.Add(Pump(p.StandardOutput, worker, display, error: false));
            pumps.Add(Pump(p.StandardError, worker, display, error: true));
        }
        await using var onCancel = cancel.Register(() =>
        {
            // Workers release their claims on SIGTERM, so an interrupted trial stays pending.
            foreach (var p in processes) if (!p.HasExited) _ = Signal.TermProcess(p.Id);
        });
        await Task.WhenAll(processes.Select(p => p.WaitForExitAsync(CancellationToken.None)).Concat(pumps));
        foreach (var p in processes) Live.TryRemove(p.Id, out _);
        // A worker killed by a signal (kill -9, the OOM killer) says nothing itself; its trial stays pending with a dead claim.
        for (var w = 0; w < processes.Count; w++)
            if (processes[w].ExitCode > 128 && !(cancel.IsCancellationRequested && processes[w].ExitCode == 128 + Signal.Term))
                display.Line($"worker w{w} (pid {processes[w].Id}) was killed by signal {processes[w].ExitCode - 128}; its trial stays pending and the next run takes it over");
            else if (processes[w].ExitCode > 128)
                display.Line($"worker w{w} (pid {processes[w].Id}) stopped on SIGTERM after the stop request; what it trained stays to continue");
        return true;
    }

    private static async Task Pump(StreamReader reader, int worker, IRunDisplay display, bool error)
    {
        while (await reader.ReadLineAsync() is { } line) Relay(display, worker, line, error);
    }

    /// <summary>Shows one line a worker printed: an event for the bars, anything else as text.</summary>
    public static void Relay(IRunDisplay display, int worker, string line, bool error)
    {
        if (WorkerEvent.TryParse(line) is { } e) display.Event(worker, e);
        else if (line.Length > 0) display.WorkerLine(worker, line, error);
    }
}
