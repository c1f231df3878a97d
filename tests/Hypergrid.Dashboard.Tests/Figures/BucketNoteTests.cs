using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Series;
using Hypergrid.Dashboard.Trials;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// A figure by step whose points stand for several train steps says so under its legend (audit 5's defect 4: a 17 cm
/// PDF topped out at 1.3 where the page, finer, showed a spike to 2.4, with no word that points were averaged).
/// </summary>
public sealed class BucketNoteTests
{
    private static async Task<Figure> Build(int steps, bool group, string x = "step", string band = "std")
    {
        using var tree = new LogTree();
        FigureLogs.Write(tree, ["0.1"], seeds: 2, steps: steps);
        var trials = FigureTrials.Under(new TrialScanner(tree.Log));
        var request = new FigureRequest([], "loss") { X = x, Group = group, Band = band };
        return await new FigureBuilder(new SeriesStore(tree.Log), new EpochLogStore(tree.Log)).BuildAsync(trials, request);
    }

    [Fact]
    public async Task A_figure_whose_points_stand_for_many_steps_notes_how_many_and_what_each_is()
    {
        var grouped = await Build(2000, group: true);
        Assert.Matches(@"^a point per \d+ train steps \(their mean\); --band range draws their min–max$", grouped.Note);
        var width = int.Parse(System.Text.RegularExpressions.Regex.Match(grouped.Note!, @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(width, 2000 / (FigureSize.Column.Width / 3) , 2000 / 40); // about steps / Points
        var ungrouped = await Build(2000, group: false);
        Assert.EndsWith("train steps (their mean; a trial's train line: the last); --band range draws their min–max", ungrouped.Note);
        // With the min-max band asked, the spikes are drawn: the note only says what a point is.
        Assert.EndsWith("train steps (their mean)", (await Build(2000, group: true, band: "range")).Note);
        // The note is drawn: in the SVG's text and the pgfplots file's legend.
        Assert.Contains("a point per", System.Text.Encoding.UTF8.GetString(FigureFile.Write(grouped, FigureSize.Column, "svg")));
        Assert.Contains("a point per", System.Text.Encoding.UTF8.GetString(FigureFile.Write(grouped, FigureSize.Column, "tex")));
    }

    [Fact]
    public async Task A_figure_of_one_point_per_step_or_by_epoch_has_no_such_note()
    {
        Assert.Null((await Build(60, group: true)).Note);   // fewer steps than points: each point one step
        Assert.Null((await Build(2000, group: true, x: "epoch")).Note);
    }
}
