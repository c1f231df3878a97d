using Hypergrid.Dashboard.Trials;

namespace Hypergrid.Dashboard.Figures;

/// <summary>The trials under out/log that a figure can draw (those with a batch log), in the page's order, by path.</summary>
public static class FigureTrials
{
    public static List<FigureTrial> Under(TrialScanner scanner) =>
        scanner.Scan().Where(t => t.Log is not null)
            .Select(t => new FigureTrial(t.Record.Id.ToString(), t.Record.Directory, t.Config, t.Record.Run?.Code?.Sha256 is null ? null : t.Record.Run.Code.Short))
            .ToList();
}
