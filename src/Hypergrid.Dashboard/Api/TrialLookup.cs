using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Trials;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// The trials under out/log by path, as the scanner lists them (their shown config, run.json's train set, code): kept
/// until the scan's fingerprint changes, so the many step-series requests of one page refresh do not each rebuild it.
/// </summary>
public sealed class TrialLookup(TrialScanner scanner)
{
    private volatile Snapshot? last;

    private sealed record Snapshot(ulong Print, List<FigureTrial> All, Dictionary<string, FigureTrial> ByPath);

    /// <summary>Every trial in the page's order.</summary>
    public List<FigureTrial> All() => Current().All;

    /// <summary>The trial at this path under out/log, or null.</summary>
    public FigureTrial? Find(string path) => Current().ByPath.GetValueOrDefault(path.Trim('/'));

    private Snapshot Current()
    {
        var (trials, print) = scanner.ScanWithFingerprint();
        if (last is { } known && known.Print == print) return known;
        var all = FigureTrials.Of(trials);
        var byPath = new Dictionary<string, FigureTrial>(StringComparer.Ordinal);
        foreach (var t in all) byPath.TryAdd(t.Path, t);
        return last = new Snapshot(print, all, byPath);
    }
}
