using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Trials;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// The trials under out/log by path, as the scanner lists them (their shown config, run.json's train set, code): kept
/// until the scan's fingerprint changes, and not scanned again within <see cref="Fresh"/>, so the many step-series
/// requests of one page refresh (a trial's batch_size and train set do not change while it runs) cost one scan.
/// </summary>
public sealed class TrialLookup(TrialScanner scanner)
{
    private volatile Snapshot? last;

    /// <summary>How long a lookup answers from the last scan without scanning again.</summary>
    public TimeSpan Fresh { get; init; } = TimeSpan.FromSeconds(1);

    private sealed record Snapshot(ulong Print, long Ticks, List<FigureTrial> All, Dictionary<string, FigureTrial> ByPath);

    /// <summary>Every trial in the page's order.</summary>
    public List<FigureTrial> All() => Current().All;

    /// <summary>The trial at this path under out/log, or null.</summary>
    public FigureTrial? Find(string path) => Current().ByPath.GetValueOrDefault(path.Trim('/'));

    private Snapshot Current()
    {
        var now = Environment.TickCount64;
        if (last is { } recent && now - recent.Ticks < Fresh.TotalMilliseconds) return recent;
        var (trials, print) = scanner.ScanWithFingerprint();
        if (last is { } known && known.Print == print) return last = known with { Ticks = now };
        var all = FigureTrials.Of(trials);
        var byPath = new Dictionary<string, FigureTrial>(StringComparer.Ordinal);
        foreach (var t in all) byPath.TryAdd(t.Path, t);
        return last = new Snapshot(print, now, all, byPath);
    }
}
