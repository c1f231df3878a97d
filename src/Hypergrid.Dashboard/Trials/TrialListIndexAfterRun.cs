using Hypergrid.Config.Expansion;

namespace Hypergrid.Dashboard.Trials;

/// <summary>
/// Leaves out/log's trial list index (see <see cref="TrialListIndex"/>) at the end of a run that trained here, so that the
/// first dashboard over the study finds one instead of reading every trial's files (2.3-3.1 s at 100,000 trials, against
/// 1.3-1.5 s with it). The dashboard's own full scan makes it, with every rule of the index: only what that scan kept,
/// the clock check, this user's file, a temp file renamed over the old one, and no entry for a trial changed within the
/// racy window (waited out first: the run's last trials ended a moment ago). Called by the process that saw the run end
/// (a local sweep, experiment or run; a Slurm run followed with --wait), never by workers: see docs/slurm.md.
/// </summary>
public static class TrialListIndexAfterRun
{
    /// <summary>
    /// Scans <paramref name="logRoot"/> as a dashboard's first answer does and writes the index when it would change; any
    /// failure (a read-only out/log, a full disk, a clock that disagrees, a folder that cannot be read) leaves it unwritten,
    /// silently: the index only makes the first answer faster, and a run never fails for it.
    /// <paramref name="endedUtc"/> is when the run's last trial file was written: the scan starts a racy window after it.
    /// <paramref name="stop"/> (Ctrl-C) ends it before the scan or before the write, leaving the index as it was.
    /// </summary>
    public static void Write(string logRoot, IConfigSchema? schema, DateTime endedUtc, CancellationToken stop = default)
    {
        try
        {
            if (!OperatingSystem.IsLinux() || !Directory.Exists(logRoot)) return;
            // A trial written within the window before the scan is left out of the index (two writes in one clock tick look
            // alike): the run's last trials ended just now, so the scan waits until they are older than that.
            var settled = endedUtc + TimeSpan.FromTicks(TrialListIndex.RacyNanoseconds / 100) + TimeSpan.FromMilliseconds(20) - DateTime.UtcNow;
            if (settled > TimeSpan.Zero && stop.WaitHandle.WaitOne(settled)) return;
            var scanner = new TrialScanner(logRoot, schema) { UseIndex = true };
            scanner.Scan();
            if (stop.IsCancellationRequested) return;
            scanner.SaveIndex();
            scanner.Index?.Saving?.Wait();
        }
        // The write itself catches its own failures; this catches the scan's (a folder that vanished, a permission).
        catch (Exception) { }
    }
}
