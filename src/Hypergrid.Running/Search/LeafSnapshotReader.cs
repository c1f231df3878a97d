using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Search;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;
using Hypergrid.Trials.Search;

namespace Hypergrid.Running.Search;

/// <summary>
/// Reads a search leaf into a <see cref="LeafSnapshot"/> (the file edge of a decision): each trial folder with a
/// canonical name and a cfg.yaml, its run.json and live checkpoint; its log and config once, when a method asks. A
/// committed log is read as the report and the page read it (<see cref="EpochLogFile.Load"/> with the leaf as root): its
/// epoch_log.csv when not older than its batch_log.csv, else the batch log aggregated; a link is followed while it stays
/// inside the leaf (so it may lead to another trial's file there), one leading out of the leaf or to a FIFO or device
/// reads as no log. A live partial log is read as the trial's own file: a link or a FIFO in its place reads as no log.
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

    /// <summary>
    /// A proposing leaf as planned (<paramref name="leaf"/>, expanded from the tree and the ledger): each trial at its
    /// grid point, complete when its result is committed and current (complete or diverged: a stale or damaged result is
    /// retrained, so it is not yet an observation), its config as planned, its epoch table read once when asked; and the
    /// leaf's ledger.
    /// </summary>
    public static LeafSnapshot ReadPlanned(string leafDir, LeafExpansion leaf, IConfigSchema? schema, DateTimeOffset now)
    {
        var trials = leaf.Trials.Where(t => t.Point is not null).Select(t =>
        {
            var record = TrialRecord.Read(t.Directory, t.Id, ResultHash.Current(t.Config, schema));
            return new TrialSnapshot(t.Number, record.State is TrialState.Complete or TrialState.Diverged, record.Run?.Status, record.Run?.PausedAt, null,
                () => Log(t.Directory), () => t.Config) { Point = t.Point };
        });
        return new LeafSnapshot(trials.OrderBy(t => t.Number).ToList(), [], now) { Ledger = ProposalLedger.Read(leafDir) };
    }

    private static TrialSnapshot Trial(string dir, int number)
    {
        var complete = File.Exists(Path.Combine(dir, TrialFiles.BatchLog));
        var run = RunRecord.TryRead(dir);
        var checkpoint = complete ? null : Attempt.LiveCheckpoint(dir) is { } path ? CheckpointHeader.TryRead(path)?.Epoch : null;
        return new TrialSnapshot(number, complete, run?.Status, run?.PausedAt, checkpoint, () => Log(dir), () => TrialConfig.Load(Path.Combine(dir, TrialFiles.Config), []));
    }

    /// <summary>A trial's committed log through the cached epoch_log.csv, the leaf as root (as report and the page read it); null without one.</summary>
    public static EpochTable? Committed(string trialDir) =>
        EpochLogFile.Load(Path.GetDirectoryName(Path.GetFullPath(trialDir).TrimEnd('/'))!, trialDir)?.Table;

    /// <summary>
    /// A trial's epoch table: its committed log's, through the cached epoch_log.csv as report and the page read it (built
    /// and cached on a first read), else its live partial log's; null when it has none that reads.
    /// </summary>
    public static EpochTable? Log(string trialDir)
    {
        try
        {
            if (File.Exists(Path.Combine(trialDir, TrialFiles.BatchLog))) return Committed(trialDir);
            if (Attempt.LivePartialLog(trialDir) is not { } log || SafeFiles.ReadOwnBytes(log) is not { } bytes) return null;
            return EpochAggregator.FromBytes(bytes);
        }
        catch (IOException) { return null; }
    }
}
