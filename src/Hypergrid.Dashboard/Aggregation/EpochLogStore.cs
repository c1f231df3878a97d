using System.Collections.Concurrent;
using Hypergrid.Config;
using Hypergrid.Config.Trials;

namespace Hypergrid.Dashboard.Aggregation;

/// <summary>
/// Serves a trial's epoch log. Complete trials: epoch_log.csv is built from batch_log.csv once,
/// written temp file + rename, reused, and rebuilt when batch_log.csv is newer; one build at a time
/// per trial, so 20 simultaneous requests cost one build. Running trials: the partial log is
/// aggregated in memory, reading only the bytes appended since the last request; nothing is written.
/// </summary>
public sealed class EpochLogStore
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new();
    private readonly ConcurrentDictionary<string, LiveLog> live = new();

    /// <summary>The epoch log text and where it came from, or null when the trial has no log yet.</summary>
    public async Task<(string Csv, string Source)?> GetAsync(string trialDir, CancellationToken cancel = default)
    {
        var batch = Path.Combine(trialDir, TrialFiles.BatchLog);
        var epoch = Path.Combine(trialDir, TrialFiles.EpochLog);
        var gate = gates.GetOrAdd(trialDir, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancel);
        try
        {
            if (File.Exists(batch))
            {
                live.TryRemove(trialDir, out _);
                if (IsFresh(epoch, batch)) return (await File.ReadAllTextAsync(epoch, cancel), "epoch_log.csv");
                var csv = EpochAggregator.FromText(await File.ReadAllTextAsync(batch, cancel));
                if (csv is null) return null;
                AtomicFile.WriteAllText(epoch, csv);
                return (csv, "batch_log.csv");
            }
            var partial = Path.Combine(trialDir, TrialFiles.PartialLog);
            if (!File.Exists(partial)) return null;
            var log = live.GetOrAdd(trialDir, _ => new LiveLog(partial));
            return log.Refresh() is { } text ? (text, "batch_log.partial.csv") : null;
        }
        finally
        {
            gate.Release();
        }
    }

    private static bool IsFresh(string epoch, string batch) =>
        File.Exists(epoch) && File.GetLastWriteTimeUtc(epoch) >= File.GetLastWriteTimeUtc(batch);

    /// <summary>A growing log, aggregated up to the last complete line read so far.</summary>
    private sealed class LiveLog(string path)
    {
        private EpochAggregator? aggregator;
        private long offset;
        private string pending = "";

        public string? Refresh()
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < offset) { aggregator = null; offset = 0; pending = ""; } // a new attempt started over
            stream.Seek(offset, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var text = pending + reader.ReadToEnd();
            offset = stream.Position;
            var end = text.LastIndexOf('\n') + 1;
            pending = text[end..];
            var complete = text[..end];
            if (aggregator is null)
            {
                var headerEnd = complete.IndexOf('\n');
                if (headerEnd < 0) { pending = complete + pending; return null; }
                aggregator = EpochAggregator.ForHeader(complete[..headerEnd]);
                complete = complete[(headerEnd + 1)..];
            }
            aggregator?.Add(complete);
            return aggregator?.ToCsv();
        }
    }
}
