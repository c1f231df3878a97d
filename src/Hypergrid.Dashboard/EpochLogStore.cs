using System.Collections.Concurrent;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Dashboard;

/// <summary>
/// Serves a trial's epoch log as an <see cref="EpochTable"/>. Complete trials: epoch_log.csv is built from
/// batch_log.csv once, written temp file + rename, reused, and rebuilt when batch_log.csv is newer; one build at a
/// time per trial, so 20 simultaneous requests cost one build. Running trials: the partial log is aggregated in
/// memory, reading only the bytes appended since the last request; nothing is written. A cache that cannot be
/// written (a read-only or full out/) does not fail a read: the table is answered from memory.
/// </summary>
public sealed class EpochLogStore(string logRoot)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new();
    private readonly ConcurrentDictionary<string, (string Path, LiveLog Log)> live = new();

    // Epoch logs already read, by trial, with the batch log's modification time: a page reload costs no disk reads.
    // Bounded; dropped whole past it.
    private readonly ConcurrentDictionary<string, (DateTime Stamp, EpochTable Table)> memo = new();
    private long memoCells;
    private const long MemoBudgetCells = 16L << 20;

    /// <summary>The epoch table and where it came from, or null when the trial has no usable log.</summary>
    public async Task<(EpochTable Table, string Source)?> GetAsync(string trialDir, CancellationToken cancel = default)
    {
        var gate = gates.GetOrAdd(trialDir, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancel);
        try
        {
            var batchPath = Path.Combine(trialDir, TrialFiles.BatchLog);
            if (File.Exists(batchPath))
            {
                live.TryRemove(trialDir, out _);
                var stamp = File.GetLastWriteTimeUtc(batchPath);
                if (memo.TryGetValue(trialDir, out var known) && known.Stamp == stamp) return (known.Table, TrialFiles.EpochLog);
                if (EpochLogFile.Load(logRoot, trialDir) is not { } loaded) return null;
                return (Remember(trialDir, stamp, loaded.Table), loaded.Source);
            }
            // Each attempt writes a file of its own: a log kept per file never mixes the rows of two attempts.
            if (Attempt.LivePartialLog(trialDir) is not { } path || SafeFiles.Open(logRoot, path) is not { } partial) return null;
            using (partial)
            {
                if (!live.TryGetValue(trialDir, out var known) || known.Path != path) live[trialDir] = known = (path, new LiveLog());
                var log = known.Log;
                return log.Refresh(partial) is { } t ? (t, TrialFiles.PartialLog) : null;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private EpochTable Remember(string trialDir, DateTime stamp, EpochTable table)
    {
        var cells = (long)table.Rows * (table.Columns.Count + 2);
        if (Interlocked.Add(ref memoCells, cells) > MemoBudgetCells)
        {
            memo.Clear();
            Interlocked.Exchange(ref memoCells, cells);
        }
        memo[trialDir] = (stamp, table);
        return table;
    }

    /// <summary>A growing log, aggregated up to the last complete line read so far.</summary>
    private sealed class LiveLog
    {
        private EpochAggregator? aggregator;
        private long consumed;       // bytes up to the end of the last complete line read
        private byte[] head = [];    // the file's first bytes: a new attempt rewrites them (its times differ)
        private readonly LogFingerprint fingerprint = new(); // the last line read: a log cut back and regrown no longer has it there

        public EpochTable? Refresh(FileStream stream)
        {
            if (stream.Length < consumed || !SameHead(stream) || !fingerprint.Matches(stream))
            {
                aggregator = null; // cut back (a program continuing its checkpoint) or started over: read afresh
                consumed = 0;
                fingerprint.Clear();
            }
            stream.Seek(consumed, SeekOrigin.Begin);
            var fresh = new byte[stream.Length - consumed];
            stream.ReadExactly(fresh);
            if (aggregator is null)
            {
                // The first look at a long-running trial reads its whole log: do that on every core.
                aggregator = EpochAggregator.Aggregate(fresh, out var complete);
                consumed += complete;
                head = fresh[..Math.Min(fresh.Length, 4096)];
                fingerprint.Remember(stream, consumed);
                return aggregator?.ToTable();
            }
            var span = fresh.AsSpan(0, fresh.AsSpan().LastIndexOf((byte)'\n') + 1);
            aggregator.Add(span);
            consumed += span.Length;
            fingerprint.Remember(stream, consumed);
            return aggregator.ToTable();
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
