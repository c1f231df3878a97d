using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>A figure of points (the Results chart) reaches past its first and last point, as the page's scatter does; curves run to the frame.</summary>
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
        var (xLo, xHi, _, _) = FigureLayout.Extent(Points(false, false, 0, 10, 20));
        Assert.Equal((0.0, 20.0), (xLo, xHi));
    }
}
