using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Trials;
using Listed = (Hypergrid.Trials.TrialRecord Record, Hypergrid.Dashboard.Trials.ShownConfig? Config, string? Log, System.Collections.Generic.Dictionary<string, double?> Final);

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// The trials under out/log by path, as the scanner lists them (their shown config, run.json's train set, code): kept
/// until the scan's fingerprint changes, and not scanned again within <see cref="Fresh"/>, so the many step-series
/// requests of one page refresh (a trial's batch_size and train set do not change while it runs) cost one scan.
/// </summary>
public sealed class TrialLookup(Func<(IReadOnlyList<Listed> Trials, ulong Fingerprint)> scan)
{
    /// <summary>Looks trials up in this scanner's lists.</summary>
    public TrialLookup(TrialScanner scanner) : this(scanner.ScanWithFingerprint) { }

    private readonly Lock gate = new();
    private volatile Snapshot? last;

    /// <summary>How long a lookup answers from the last scan without scanning again.</summary>
    public TimeSpan Fresh { get; init; } = TimeSpan.FromSeconds(1);

    private sealed record Snapshot(ulong Print, long Ticks, List<FigureTrial> All, Dictionary<string, FigureTrial> ByPath);

    /// <summary>Every trial in the page's order.</summary>
    public List<FigureTrial> All() => Current(force: false).All;

    /// <summary>
    /// The trial at this path under out/log, or null. A path the last scan did not have is looked for in a new scan
    /// before it is called unknown (a trial made within <see cref="Fresh"/> of the last scan is found).
    /// </summary>
    public FigureTrial? Find(string path) => FindAll([path]).FirstOrDefault();

    /// <summary>
    /// The trials at these paths, in their order, those under out/log only: one new scan at most however many paths the
    /// last scan lacked (a page asking names for trials since deleted costs one scan, not one per path).
    /// </summary>
    public List<FigureTrial> FindAll(IReadOnlyList<string> paths)
    {
        var keys = paths.Select(p => p.Trim('/')).ToList();
        var snapshot = Current(force: false);
        if (!keys.All(snapshot.ByPath.ContainsKey)) snapshot = Current(force: true);
        return keys.Select(k => snapshot.ByPath.GetValueOrDefault(k)).OfType<FigureTrial>().ToList();
    }

    // One scan at a time: the requests of one page refresh that find the last scan stale wait for the one that scans
    // and take its answer, instead of each scanning every folder.
    private Snapshot Current(bool force)
    {
        var asked = Environment.TickCount64;
        if (!force && last is { } recent && asked - recent.Ticks < Fresh.TotalMilliseconds) return recent;
        lock (gate)
        {
            // Another request scanned while this one waited: its answer is as new as one this request would make.
            if (last is { } meanwhile && (force ? meanwhile.Ticks > asked : Environment.TickCount64 - meanwhile.Ticks < Fresh.TotalMilliseconds)) return meanwhile;
            var now = Environment.TickCount64;
            var (trials, print) = scan();
            if (last is { } known && known.Print == print) return last = known with { Ticks = now };
            var all = FigureTrials.Of(trials);
            var byPath = new Dictionary<string, FigureTrial>(StringComparer.Ordinal);
            foreach (var t in all) byPath.TryAdd(t.Path, t);
            return last = new Snapshot(print, now, all, byPath);
        }
    }
}
