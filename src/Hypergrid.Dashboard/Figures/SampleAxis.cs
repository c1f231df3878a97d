namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// The samples axis's words: whether its lines are at their logs' own counts or at train steps × batch size. Where a
/// bucket sits on it (a row at the END of its batch) is <see cref="Series.StepX"/>'s rule, the page's too.
/// </summary>
public static class SampleAxis
{
    /// <summary>
    /// The samples axis's label: "(logged)" where every line is at its log's own count, "(train steps × batch size)"
    /// where none is, and bare with a note (<see cref="MixedNote"/>) where some are.
    /// </summary>
    public static string SamplesLabel(int logged, int lines) => Series.AxisLabels.Samples(logged, lines);

    /// <summary>
    /// What a figure says when some of its lines are at logged counts and some at steps × batch size: the table's words
    /// (<see cref="Series.AxisLabels"/>), which the page says above its plots too.
    /// </summary>
    public static readonly string MixedNote = Series.AxisLabels.All["samples_note"];
}
