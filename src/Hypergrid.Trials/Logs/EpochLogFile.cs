namespace Hypergrid.Trials.Logs;

/// <summary>
/// A complete trial's epoch log: epoch_log.csv when it is not older than batch_log.csv, else built from the batch
/// log and written back (temp file + rename; a cache that cannot be written is only skipped). The dashboard and
/// reports both read through here, so they see the same numbers from the same cache.
/// </summary>
public static class EpochLogFile
{
    /// <summary>The table and the file it came from; null when the trial has no usable batch log.</summary>
    public static (EpochTable Table, string Source)? Load(string logRoot, string trialDir)
    {
        var batchPath = Path.Combine(trialDir, TrialFiles.BatchLog);
        var epochPath = Path.Combine(trialDir, TrialFiles.EpochLog);
        // Two looks at the disk when the cache is fresh (the batch log's time; the epoch log's bytes and time), as a report of every trial wants.
        if (SafeFiles.RegularWritten(logRoot, batchPath) is not { } batchWritten) return null;
        if (SafeFiles.ReadAllWritten(logRoot, epochPath) is { } cached && cached.Written >= batchWritten && EpochTable.Parse(cached.Bytes) is { } fromFile)
            return (fromFile, TrialFiles.EpochLog);
        EpochTable? table;
        // Read in blocks, not whole: a million-row log is 140 MB.
        using (var stream = SafeFiles.Open(logRoot, batchPath))
            table = stream is null ? null : EpochAggregator.FromStream(stream);
        if (table is null) return null;
        try { AtomicFile.WriteAllBytes(epochPath, table.ToCsvBytes()); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { /* answered from memory */ }
        return (table, TrialFiles.BatchLog);
    }
}
