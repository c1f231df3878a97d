using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// A figure reaches past an end of x where a mark sits (a point of the Results chart, a val pass's error bar at the very
/// last step), as the page's scatter and plots do, so the mark is whole; a curve's end without a mark runs to the frame.
/// </summary>
public sealed class PointsPaddingTests
{
    private static Figure Points(bool markers, bool logX, params double[] xs) =>
        new("batch_size", "val_acc", xs.Select((x, i) => new FigureLine($"g{i}", i, false, [x], [0.9 + 0.01 * i]) { Markers = markers, Lower = [0.88], Upper = [0.95] }).ToList()) { LogX = logX };

    [Fact]
    public void The_first_and_last_points_sit_a_twentysecond_of_the_frame_inside_it_on_a_linear_or_log_axis()
    {
        foreach (var (logX, xs) in new[] { (false, new[] { 16.0, 32, 64 }), (true, new[] { 0.01, 0.1, 2 }) })
        {
            var plan = FigureLayout.Plan(Points(true, logX, xs), new FigureSize(241, 170, 8));
            var (left, _, width, _) = plan.Plot;
            var first = (plan.X(xs.Min()) - left) / width;
            var last = (left + width - plan.X(xs.Max())) / width;
            var share = FigureLayout.PointsXPad / (1 + 2 * FigureLayout.PointsXPad); // as results.js's scatterAt
            Assert.Equal(share, first, 6);
            Assert.Equal(share, last, 6);
        }
    }

    [Fact]
    public void Curves_still_run_from_frame_to_frame()
    {
        // (Lines of one point with a spread are lone buckets, drawn as error bars, and padded: see below.)
        var curves = new Figure("step", "loss", [new FigureLine("a", 0, false, [0, 10, 20], [1.0, 0.9, 0.8]) { Lower = [0.9, 0.8, 0.7], Upper = [1.1, 1.0, 0.9] }]);
        var (xLo, xHi, _, _) = FigureLayout.Extent(curves);
        Assert.Equal((0.0, 20.0), (xLo, xHi));
    }

    private static readonly double N = double.NaN;

    // Train over steps 0-100 with its band; val passes at 50 and 100 (the last step), alone: error bars.
    private static Figure Steps(double? lastSpread = 0.1, (double?, double?) range = default) => new("train step (batches)", "loss", [
        new FigureLine("a", 0, false, [0, 25, 50, 75, 100], [2.0, 1.8, 1.6, 1.4, 1.2]) { Lower = [1.9, 1.7, 1.5, 1.3, 1.1], Upper = [2.1, 1.9, 1.7, 1.5, 1.3] },
        new FigureLine("a", 0, true, [N, N, 50, N, 100], [null, null, 0.8, null, 0.5]) { Lower = [null, null, 0.7, null, 0.5 - lastSpread], Upper = [null, null, 0.9, null, 0.5 + lastSpread], InLegend = false },
    ]) { XRange = range };

    [Fact]
    public void A_val_bar_at_the_last_step_pads_that_end_alone_by_the_same_share_as_points()
    {
        var (xLo, xHi, _, _) = FigureLayout.Extent(Steps());
        Assert.Equal(0, xLo); // the train line's first point: no mark there, to the frame
        Assert.Equal(100 + 100 * FigureLayout.PointsXPad, xHi, 9);
        // The whole bar and its caps inside the frame, in the SVG's plan and the pgfplots file alike.
        var plan = FigureLayout.Plan(Steps(), FigureSize.Column);
        var (left, _, width, _) = plan.Plot;
        Assert.True(plan.X(100) + FigureSize.Column.FontSize * 0.25 + 0.3 < left + width);
        var tex = System.Text.Encoding.UTF8.GetString(PgfplotsWriter.Write(Steps(), FigureSize.Column));
        Assert.Contains($"xmin=0, xmax={PgfplotsWriter.R(xHi)},", tex);
    }

    [Fact]
    public void No_bar_at_an_end_no_spread_or_a_range_asked_leave_the_end_at_the_frame()
    {
        Assert.Equal(100, FigureLayout.Extent(Steps(lastSpread: 0)).XHi); // a bar of no length is not drawn
        Assert.Equal(100, FigureLayout.Extent(Steps(range: (null, 100))).XHi); // a zoom is kept exactly
        var noBands = Steps().Lines.Select(l => l with { Lower = null, Upper = null }).ToList();
        Assert.Equal(100, FigureLayout.Extent(new Figure("x", "y", noBands)).XHi);
    }
}
