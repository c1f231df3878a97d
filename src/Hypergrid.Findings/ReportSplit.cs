using System.Diagnostics;

namespace Hypergrid.Findings;

/// <summary>
/// Where a report's time went, stage by stage (wall time): listing the trial folders, reading each trial's files
/// (run.json, cfg.yaml, the epoch log) to one number, and grouping, describing, testing and ranking the groups. The bench
/// prints it beside the total, so a change that slows one stage shows which. The statistics stage is itself split:
/// grouping the trials and describing each group, the sections' comparisons, and the leaves' importance.
/// </summary>
public sealed class ReportSplit
{
    public TimeSpan Listing { get; private set; }
    public TimeSpan Reading { get; private set; }

    /// <summary>Grouping, comparing and importance together.</summary>
    public TimeSpan Statistics => Grouping + Comparing + Importance;

    /// <summary>Trials grouped by leaf, config, data and code; each group described (mean, std, t interval).</summary>
    public TimeSpan Grouping { get; private set; }

    /// <summary>Each section ranked and compared with its reference (bootstraps, tests, Holm, TOST, seeds needed).</summary>
    public TimeSpan Comparing { get; private set; }

    /// <summary>Each leaf's key importance.</summary>
    public TimeSpan Importance { get; private set; }

    /// <summary>Trials answered from out/log/.report-cache (their files unchanged) instead of read.</summary>
    public int CacheHits { get; internal set; }

    internal void Listed(Stopwatch clock) => Listing += Lap(clock);
    internal void Read(Stopwatch clock) => Reading += Lap(clock);
    internal void Grouped(Stopwatch clock) => Grouping += Lap(clock);
    internal void Compared(Stopwatch clock) => Comparing += Lap(clock);
    internal void Weighed(Stopwatch clock) => Importance += Lap(clock);

    private static TimeSpan Lap(Stopwatch clock)
    {
        var lap = clock.Elapsed;
        clock.Restart();
        return lap;
    }
}
