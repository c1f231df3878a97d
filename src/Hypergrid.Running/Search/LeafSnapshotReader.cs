using Hypergrid.Config.Expansion;
using Hypergrid.Config.Search;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;
using Hypergrid.Trials.Search;

namespace Hypergrid.Running.Search;

/// <summary>
/// Reads a search leaf into a <see cref="LeafSnapshot"/> (the file edge of a decision): each trial folder with a
/// canonical name and a cfg.yaml, its run.json and live checkpoint; its log and config once, when a method asks. Logs are read as the trial's own files: a
/// link or a FIFO a lingering process put in their place reads as no log, never a file outside out/log, and never blocks
/// a decider under the leaf's lock.
/// </summary>
public static class LeafSnapshotReader
{
    public static LeafSnapshot Read(string leafDir, IReadOnlyList<SearchDecision> decisions, DateTimeOffset now)
    {
        var trials = new List<TrialSnapshot>();
        foreach (var dir in Directory.EnumerateDirectories(leafDir))
            if (TrialFiles.TryParseFolder(Path.GetFileName(dir), out var number) && File.Exists(Path.Combine(dir, TrialFiles.Config)))
                trials.Add(Trial(dir, number));
        return new LeafSnapshot(trials.OrderBy(t => t.Number).ToList(), decisions, now);
    }

    private static TrialSnapshot Trial(string dir, int number)
    {
        var complete = File.Exists(Path.Combine(dir, TrialFiles.BatchLog));
        var run = RunRecord.TryRead(dir);
        var checkpoint = complete ? null : Attempt.LiveCheckpoint(dir) is { } path ? CheckpointHeader.TryRead(path)?.Epoch : null;
        return new TrialSnapshot(number, complete, run?.Status, run?.PausedAt, checkpoint, () => Log(dir), () => TrialConfig.Load(Path.Combine(dir, TrialFiles.Config), []));
    }

    /// <summary>A trial's epoch table: its committed log, else its live partial log; null when it has none that reads.</summary>
    public static EpochTable? Log(string trialDir)
    {
        var log = File.Exists(Path.Combine(trialDir, TrialFiles.BatchLog)) ? Path.Combine(trialDir, TrialFiles.BatchLog) : Attempt.LivePartialLog(trialDir);
        if (log is null) return null;
        byte[]? bytes;
        try { bytes = SafeFiles.ReadOwnBytes(log); }
        catch (IOException) { return null; }
        return bytes is null ? null : EpochAggregator.FromBytes(bytes);
    }
}
