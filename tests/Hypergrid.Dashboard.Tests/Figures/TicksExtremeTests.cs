using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// Ranges whose values are too large (or too close) for a round step to be added to them: a tick loop that stepped by
/// adding never ended there and filled the server's memory (/api/report-figure of a metric near 1e16). Every such range
/// gets a few distinct, finite ticks inside it, at once.
/// </summary>
public sealed class TicksExtremeTests
{
    public static TheoryData<double, double> Ranges => new()
    {
        { 1e16, 1e16 + 4 },                      // the step (0.5) is below the values' spacing (2)
        { -1e17 - 16, -1e17 },
        { 9007199254740992, 9007199254740994 },  // 2^53 and the next double
        { 1e300, 1e300 * (1 + 1e-15) },
        { 123456789.0, 123456789.00000003 },
        { 5e-324, 1.5e-323 },                    // denormals
        { double.MaxValue / 2, double.MaxValue },
        { -double.MaxValue, double.MaxValue },    // a width beyond the largest double
        { -1e308, 1e308 },
        { 1e16 + 2, 1e16 + 6 },                  // twelve digits of every round value fall below the range
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Linear_ticks_of_any_finite_range_are_few_distinct_finite_and_inside(double lo, double hi)
    {
        var ticks = Ticks.Linear(lo, hi);
        Assert.InRange(ticks.Count, 1, 12);
        var slack = (hi / 2 - lo / 2) * 2e-6; // a round tick may sit a hair past an end, as the page's ticks do
        Assert.All(ticks, t => Assert.True(double.IsFinite(t) && t >= lo - slack && t <= hi + slack, $"{t:R} outside [{lo:R}, {hi:R}]"));
        Assert.All(ticks.Zip(ticks.Skip(1)), p => Assert.True(p.Second > p.First, $"{p.First:R} then {p.Second:R}"));
    }

    [Theory]
    [InlineData(5e-324, 1.7e308)]
    [InlineData(1e-300, 1e300)]
    [InlineData(1e16, 1e16 + 4)]
    public void Log_ticks_of_any_positive_range_are_few_and_inside(double lo, double hi)
    {
        var ticks = Ticks.Log(lo, hi);
        Assert.InRange(ticks.Count, 1, 12);
        Assert.All(ticks, t => Assert.True(double.IsFinite(t) && t > 0));
    }

    [Theory]
    [InlineData("svg")]
    [InlineData("pdf")]
    [InlineData("tex")]
    public void A_figure_of_extreme_values_is_drawn_in_every_format(string format)
    {
        foreach (var (lo, hi) in Ranges.Select(r => ((double)r[0], (double)r[1])))
        {
            var line = new FigureLine("a", 0, false, [lo, hi], [lo, hi]) { Lower = [lo, lo], Upper = [hi, hi] };
            var bytes = FigureFile.Write(new Figure("x", "y", [line]), FigureSize.Column, format);
            Assert.True(bytes.Length is > 100 and < 200_000, $"{format} of [{lo:R}, {hi:R}]: {bytes.Length} bytes");
            if (format == "svg") Assert.DoesNotContain("NaN", System.Text.Encoding.UTF8.GetString(bytes));
        }
    }

    [Theory]
    [InlineData(5e-324, 1.7e308)]
    [InlineData(1e-300, 1e300)]
    [InlineData(1e16, 1e16 + 4)]
    [InlineData(1.7e308, 1.7976931348623157e308)]
    public void A_log_figure_of_extreme_positive_values_is_drawn(double lo, double hi)
    {
        var line = new FigureLine("a", 0, false, [lo, hi], [lo, hi]) { Lower = [lo, lo], Upper = [hi, hi] };
        foreach (var figure in new[] { new Figure("x", "y", [line]) { LogX = true }, new Figure("x", "y", [line]) { LogY = true } })
        {
            var svg = System.Text.Encoding.UTF8.GetString(FigureFile.Write(figure, FigureSize.Column, "svg"));
            Assert.DoesNotContain("NaN", svg);
            Assert.DoesNotContain("Infinity", svg);
            Assert.True(FigureFile.Write(figure, FigureSize.Column, "pdf").Length > 100);
        }
    }
}
