using System.Diagnostics;

namespace Hypergrid.Findings;

/// <summary>
/// Where a report's time went, stage by stage (wall time): listing the trial folders, reading each trial's files
/// (run.json, cfg.yaml, the epoch log) to one number, and grouping, describing, testing and ranking the groups. The bench
/// prints it beside the total, so a change that slows one stage shows which.
/// </summary>
public sealed class ReportSplit
{
    public TimeSpan Listing { get; private set; }
    public TimeSpan Reading { get; private set; }
    public TimeSpan Statistics { get; private set; }

    internal void Listed(Stopwatch clock) => Listing += Lap(clock);
    internal void Read(Stopwatch clock) => Reading += Lap(clock);
    internal void Described(Stopwatch clock) => Statistics += Lap(clock);

    private static TimeSpan Lap(Stopwatch clock)
    {
        var lap = clock.Elapsed;
        clock.Restart();
        return lap;
    }
}
