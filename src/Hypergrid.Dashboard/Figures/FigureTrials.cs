using Hypergrid.Dashboard.Trials;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// Every trial under out/log in the page's order: those without a batch log draw nothing but keep their place, so
/// group i has the page's colour i.
/// </summary>
public static class FigureTrials
{
    public static List<FigureTrial> Under(TrialScanner scanner) => Of(scanner.Scan());

    /// <summary>The trials of a scan.</summary>
    public static List<FigureTrial> Of(IEnumerable<(Hypergrid.Trials.TrialRecord Record, ShownConfig? Config, string? Log, Dictionary<string, double?> Final)> scanned) =>
        scanned
            .Select(t => new FigureTrial(t.Record.Id.ToString(), t.Record.Directory, new Lazy<System.Text.Json.Nodes.JsonObject?>(() => t.Config?.Node), t.Record.Run?.Code?.Sha256 is null ? null : t.Record.Run.Code.Short)
            {
                TrainSamples = t.Record.Run?.Data?.TrainSamples,
                OtherCode = t.Record.State == Hypergrid.Trials.TrialState.OtherCode,
                State = t.Record.State,
            })
            .ToList();
}
