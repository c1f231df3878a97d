namespace Hypergrid.Dashboard.Series;

/// <summary>
/// The x axes' words, with their units, written once: the figure files label their axes from this table and GET
/// /api/axis-labels answers it to the page, so a figure and the page that made it say the same words. The samples axis
/// has three: at every line's logged count, at none (train steps × batch size), or a mix (<see cref="Samples"/>).
/// </summary>
public static class AxisLabels
{
    /// <summary>Each axis's words by its name as the page's x= and `hypergrid plot --x` write it.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["epoch"] = "epoch",
        ["batch"] = "batch (train batches done)",
        ["time"] = "time (s)",
        ["step"] = "train step (train batches done)",
        ["samples"] = "samples seen (train steps × batch size)",
        ["samples_logged"] = "samples seen (logged)",
        ["samples_mixed"] = "samples seen",
        // Not an axis: what a plot labelled samples_mixed says of its lines, under the legend of a figure, above the page's plots.
        ["samples_note"] = "samples seen: logged by the program where its log has a samples column, else train steps × batch size",
        ["epochf"] = "epoch (train batches done ÷ batches per epoch)",
    };

    /// <summary>An axis's words (an unknown name as it is).</summary>
    public static string Of(string axis) => All.GetValueOrDefault(axis, axis);

    /// <summary>The samples axis's words for lines of which <paramref name="logged"/> are at their logs' own counts.</summary>
    public static string Samples(int logged, int lines) =>
        All[logged == lines ? "samples_logged" : logged == 0 ? "samples" : "samples_mixed"];
}
