using System.Collections.Concurrent;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Series;

/// <summary>The step logs of the trials asked about, one per log file, updated under one lock per trial.</summary>
public sealed class SeriesStore(string logRoot)
{
    private readonly ConcurrentDictionary<string, (SemaphoreSlim Gate, StepLog Log)> logs = new();

    /// <summary>Runs <paramref name="read"/> on the trial's up-to-date step log (the finished log, else the partial one); null without a usable log.</summary>
    public async Task<T?> WithLogAsync<T>(string trialDir, IReadOnlyCollection<string> metrics, Func<StepLog, T?> read, CancellationToken cancel) where T : class
    {
        var path = Path.Combine(trialDir, TrialFiles.BatchLog);
        // Keyed by file: a running trial's newest attempt has a log of its own, so two attempts' rows never mix.
        if (!File.Exists(path)) path = Attempt.LivePartialLog(trialDir) ?? Path.Combine(trialDir, TrialFiles.PartialLog);
        var entry = logs.GetOrAdd(path, _ => (new SemaphoreSlim(1, 1), new StepLog()));
        await entry.Gate.WaitAsync(cancel);
        try
        {
            using var stream = SafeFiles.Open(logRoot, path);
            var cache = path.EndsWith(TrialFiles.BatchLog, StringComparison.Ordinal) ? new StepCache(logRoot, trialDir) : null;
            if (stream is null || !entry.Log.Refresh(stream, metrics, cache)) return null;
            return read(entry.Log);
        }
        finally
        {
            entry.Gate.Release();
        }
    }
}
