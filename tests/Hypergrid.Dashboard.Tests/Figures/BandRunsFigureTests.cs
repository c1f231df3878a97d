using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// By step, a band joins only adjacent buckets and a val pass standing alone keeps its spread as an error bar at its step,
/// in the SVG, the PDF's drawing and the pgfplots file alike, as the page draws it (the audit's defect 5: one pass's
/// min–max was interpolated to the next pass's, wedges across whole epochs).
/// </summary>
public sealed class BandRunsFigureTests
{
    private static readonly double N = double.NaN;

    // Train: every bucket has rows, a band over all of them. Val: passes at steps 2 and 5, the buckets between empty.
    private static Figure Steps() => new("train step (batches)", "loss", [
        new FigureLine("a", 0, false, [0, 1, 2, 3, 4, 5], [2.0, 1.8, 1.6, 1.4, 1.2, 1.0]) { Lower = [1.9, 1.7, 1.5, 1.3, 1.1, 0.9], Upper = [2.1, 1.9, 1.7, 1.5, 1.3, 1.1] },
        new FigureLine("a", 0, true, [N, N, 2, N, N, 5], [null, null, 0.8, null, null, 0.5]) { Lower = [null, null, 0.0, null, null, 0.4], Upper = [null, null, 1.6, null, null, 0.6], InLegend = false },
    ]);

    [Fact]
    public void The_svg_fills_the_train_band_and_draws_each_val_pass_as_an_error_bar_not_a_wedge()
    {
        var svg = XDocument.Parse(Encoding.UTF8.GetString(FigureLayout.Draw(Steps(), FigureSize.Column, new SvgCanvas())));
        var shapes = svg.Descendants().Where(e => e.Name.LocalName is "polygon" or "polyline").ToList();
        Assert.Single(shapes, e => e.Name.LocalName == "polygon");
        // Each val pass: a vertical stroke and two caps, all at or around its one x (inside the plot; the ticks are outside its clip).
        var xs = shapes.Where(e => e.Name.LocalName == "polyline" && e.Attribute("clip-path") is not null).Select(e => e.Attribute("points")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => double.Parse(p.Split(',')[0], CultureInfo.InvariantCulture)).ToArray()).ToList();
        var vertical = xs.Where(p => p.Length == 2 && p[0] == p[1]).Select(p => p[0]).Distinct().ToList();
        Assert.Equal(2, vertical.Count);
    }

    [Fact]
    public void The_pgfplots_file_has_the_train_band_and_the_val_passes_as_error_bars_and_compiles()
    {
        var tex = Encoding.UTF8.GetString(PgfplotsWriter.Write(Steps(), FigureSize.Column));
        var spreads = TexTables.Read(tex).Where(p => p.IsBand).ToList();
        Assert.Equal(2, spreads.Count);
        Assert.Contains("fill opacity", spreads[0].Options);
        Assert.Equal(12, spreads[0].Rows.Count); // the train band: six points up, six down
        // The val passes: x, the middle of the spread, how far up and down it reaches.
        Assert.Equal([[2, 0.8, 0.8, 0.8], [5, 0.5, 0.1, 0.1]], spreads[1].Rows.Select(r => r.Select(v => Math.Round(v, 9)).ToArray()).ToList());
        var dir = Directory.CreateTempSubdirectory("hypergrid-bars-").FullName;
        try { Tool.Typeset(dir, tex); }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_lone_point_without_spread_has_no_bar_in_either_file_as_on_the_page()
    {
        var f = new Figure("train step (batches)", "loss", [
            new FigureLine("a", 0, true, [2, N, 5], [0.8, null, 0.5]) { Lower = [0.8, null, 0.4], Upper = [0.8, null, 0.6] }]);
        var svg = Encoding.UTF8.GetString(FigureLayout.Draw(f, FigureSize.Column, new SvgCanvas()));
        var bars = XDocument.Parse(svg).Descendants().Count(e => e.Name.LocalName == "polyline" && e.Attribute("clip-path") is not null && e.Attribute("stroke-dasharray") is null && e.Attribute("points")!.Value.Split(' ').Length == 2);
        Assert.Equal(3, bars); // the pass at 5: a stroke and two caps; none at 2
        var spread = TexTables.Read(Encoding.UTF8.GetString(PgfplotsWriter.Write(f, FigureSize.Column))).Single(p => p.IsBand);
        Assert.Equal([5.0], spread.Rows.Select(r => r[0]));
    }

    [Fact]
    public void An_epoch_line_keeps_one_band_and_a_lone_epoch_is_a_bar()
    {
        var runs = BandRuns.Of(new FigureLine("", 0, false, [1, 2, 3], [1.0, 0.8, 0.7]) { Lower = [0.9, 0.7, 0.6], Upper = [1.1, 0.9, 0.8] });
        Assert.Equal([[0, 1, 2]], runs.Bands);
        Assert.Empty(runs.Bars);
        var passes = BandRuns.Of(new FigureLine("", 0, true, [2, N, 5], [0.8, null, 0.5]) { Lower = [0.0, null, 0.4], Upper = [1.6, null, 0.6] });
        Assert.Empty(passes.Bands);
        Assert.Equal([0, 2], passes.Bars);
    }

    [Fact]
    public void A_step_line_draws_the_loneness_its_buckets_were_answered_with_an_edge_whose_neighbour_is_outside_is_no_bar()
    {
        // The last point's neighbour lies past the range (the server judged it not lone): no bar there, in either file.
        var f = new Figure("train step (batches)", "loss", [
            new FigureLine("a", 0, true, [2, N, 5], [0.8, null, 0.5]) { Lower = [0.0, null, 0.4], Upper = [1.6, null, 0.6], Lone = [true, false, false] }]);
        var (bands, bars) = BandRuns.Of(f.Lines[0]);
        Assert.Equal([[2]], bands);
        Assert.Equal([0], bars);
        // The band of one point has no area: only the bar at 2 is drawn.
        var spread = TexTables.Read(Encoding.UTF8.GetString(PgfplotsWriter.Write(f, FigureSize.Column))).Single(p => p.IsBand);
        Assert.Equal([2.0], spread.Rows.Select(r => r[0]));
    }
}
