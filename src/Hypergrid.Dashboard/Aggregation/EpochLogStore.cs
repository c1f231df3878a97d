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

    // Epoch logs already read, by trial, with the modification time they had: a page reload costs no disk
    // reads, and derived forms (Float32Columns) can be kept per CSV instance. Bounded; dropped whole past it.
    private readonly ConcurrentDictionary<string, (DateTime Stamp, string Csv)> memo = new();
    private long memoChars;
    private const long MemoBudgetChars = 128L << 20;

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
                if (IsFresh(epoch, batch))
                {
                    var stamp = File.GetLastWriteTimeUtc(epoch);
                    if (memo.TryGetValue(trialDir, out var known) && known.Stamp == stamp) return (known.Csv, "epoch_log.csv");
                    return (Remember(trialDir, stamp, await File.ReadAllTextAsync(epoch, cancel)), "epoch_log.csv");
                }
                var csv = EpochAggregator.FromBytes(await File.ReadAllBytesAsync(batch, cancel));
                if (csv is null) return null;
                AtomicFile.WriteAllText(epoch, csv);
                return (Remember(trialDir, File.GetLastWriteTimeUtc(epoch), csv), "batch_log.csv");
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

    private string Remember(string trialDir, DateTime stamp, string csv)
    {
        if (Interlocked.Add(ref memoChars, csv.Length) > MemoBudgetChars)
        {
            memo.Clear();
            Interlocked.Exchange(ref memoChars, csv.Length);
        }
        memo[trialDir] = (stamp, csv);
        return csv;
    }

    private static bool IsFresh(string epoch, string batch) =>
        File.Exists(epoch) && File.GetLastWriteTimeUtc(epoch) >= File.GetLastWriteTimeUtc(batch);

    /// <summary>A growing log, aggregated up to the last complete line read so far.</summary>
    private sealed class LiveLog(string path)
    {
        private EpochAggregator? aggregator;
        private long consumed;       // bytes up to the end of the last complete line read
        private byte[] head = [];    // the file's first bytes: a new attempt rewrites them (its times differ)

        public string? Refresh()
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < consumed || !SameHead(stream)) { aggregator = null; consumed = 0; } // a new attempt started over
            stream.Seek(consumed, SeekOrigin.Begin);
            var fresh = new byte[stream.Length - consumed];
            stream.ReadExactly(fresh);
            if (aggregator is null)
            {
                // The first look at a long-running trial reads its whole log: do that on every core.
                aggregator = EpochAggregator.Aggregate(fresh, out var complete);
                consumed += complete;
                head = fresh[..Math.Min(fresh.Length, 4096)];
                return aggregator?.ToCsv();
            }
            var span = fresh.AsSpan(0, fresh.AsSpan().LastIndexOf((byte)'\n') + 1);
            aggregator.Add(span);
            consumed += span.Length;
            return aggregator.ToCsv();
        }

        private bool SameHead(FileStream stream)
        {
            if (head.Length == 0) return true;
            var now = new byte[head.Length];
            stream.Seek(0, SeekOrigin.Begin);
            return stream.ReadAtLeast(now, now.Length, throwOnEndOfStream: false) == now.Length && now.AsSpan().SequenceEqual(head);
        }
    }
}
