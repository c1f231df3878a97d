using System.Diagnostics;
using Hypergrid.Config.Trials;
using Hypergrid.Training.Native;
using TorchSharp;

namespace Hypergrid.Running;

/// <summary>
/// The worker: claims trials from a manifest until none are left. Local workers and cluster tasks
/// run exactly this, so both follow the same claim protocol on the same out/log.
/// </summary>
public static class Worker
{
    /// <summary>Runs the worker loop; returns the number of trials that failed.</summary>
    public static int Run(string manifest, WorkerSettings settings, TextWriter output, CancellationToken cancel)
    {
        LibTorchLoader.EnsureLoaded();
        torch.set_num_threads(settings.Threads);
        var failed = 0;
        foreach (var dir in File.ReadAllLines(manifest).Where(l => l.Length > 0))
        {
            if (cancel.IsCancellationRequested) break;
            if (!Available(dir, settings.RunId)) continue;
            using var claim = ClaimHandle.TryAcquire(dir);
            if (claim is null || !Available(dir, settings.RunId)) continue;

            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancel, claim.Lost);
            if (RunOne(dir, settings, output, claim, either.Token).State == TrialState.Failed) failed++;
        }
        return failed;
    }

    /// <summary>Trains one claimed trial, telling the launcher (events) and the reader (plain lines) how it goes.</summary>
    private static TrialOutcome RunOne(string dir, WorkerSettings settings, TextWriter output, ClaimHandle claim, CancellationToken cancel)
    {
        var id = TrialId(dir);
        output.WriteLine(new WorkerEvent("start", id).ToLine());
        output.WriteLine($"{id}: training on {Environment.MachineName} pid {Environment.ProcessId}");
        using var log = new StreamWriter(Path.Combine(dir, TrialFiles.WorkerLog), append: true) { AutoFlush = true };
        var lastReport = 0L;
        void Progress(int epoch, int epochs, int batch, int batches, double loss)
        {
            // A few events a second are enough for a bar; the end of every epoch always gets one, and a plain
            // line for cluster logs and for the trial's own worker.log.
            var now = Stopwatch.GetTimestamp();
            var epochEnd = batch == batches - 1;
            if (now - lastReport < Stopwatch.Frequency / 4 && !epochEnd) return;
            lastReport = now;
            output.WriteLine(new WorkerEvent("progress", id, epoch, epochs, batch + 1, batches, loss).ToLine());
            if (!epochEnd) return;
            var line = $"epoch {epoch}/{epochs} done, last batch loss {loss:F4}";
            output.WriteLine($"{id}: {line}");
            log.WriteLine($"{DateTimeOffset.UtcNow:O} {line}");
        }
        var outcome = TrialExecutor.Execute(dir, settings, log, Progress, claim.StillOwned, cancel);
        var state = outcome.State.ToString().ToLowerInvariant();
        output.WriteLine(new WorkerEvent("done", id, State: state, Seconds: outcome.Seconds, Error: outcome.Error).ToLine());
        output.WriteLine($"{id}: {state} in {outcome.Seconds:F1} s{(outcome.Error is null ? "" : ": " + outcome.Error)}");
        return outcome;
    }

    // Complete trials and trials that already failed in this run are left alone; the next run retries failures.
    private static bool Available(string dir, string runId)
    {
        if (File.Exists(Path.Combine(dir, TrialFiles.BatchLog))) return false;
        return RunRecord.TryRead(dir) is not { Status: "failed" } run || run.RunId != runId;
    }

    /// <summary>mode/dataset/model/trainer/trial_### from a trial folder path.</summary>
    public static string TrialId(string dir) =>
        string.Join('/', Path.GetFullPath(dir).TrimEnd('/').Split('/')[^5..]);
}
