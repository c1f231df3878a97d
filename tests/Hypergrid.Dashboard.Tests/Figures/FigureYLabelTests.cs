using System.Globalization;
using System.Xml.Linq;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>A y label longer than the figure is tall beside the plot takes a second line instead of running off the figure.</summary>
public sealed class FigureYLabelTests
{
    private static List<XElement> Vertical(string label, string height)
    {
        var f = new Figure("epoch", label, [new FigureLine("", 0, false, [1, 2, 3], [1.0, 0.5, 0.25])]);
        var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(FigureLayout.Draw(f, new FigureSize(FigureSize.Parse("8.5cm", "width"), FigureSize.Parse(height, "height"), 8), new SvgCanvas())));
        return svg.Descendants().Where(e => e.Name.LocalName == "text" && e.Attribute("transform") is not null).ToList();
    }

    [Theory]
    [InlineData("validation loss, mean ± std of 5 seeds", "4cm")]
    [InlineData("train accuracy (top-5), mean and min–max of 12 seeds", "4.5cm")]
    public void A_long_y_label_is_two_lines_each_within_the_height(string label, string height)
    {
        var lines = Vertical(label, height);
        Assert.Equal(2, lines.Count);
        Assert.Equal(label, string.Join(" ", lines.Select(l => l.Value)));
        var points = FigureSize.Parse(height, "height");
        Assert.All(lines, l => Assert.True(TextWidth.Of(l.Value, 8) <= points, l.Value));
    }

    [Fact]
    public void One_too_long_for_two_lines_ends_its_second_in_an_ellipsis()
    {
        var lines = Vertical("train accuracy (top-5), mean and min–max of 12 seeds", "2.5cm");
        Assert.Equal(2, lines.Count);
        Assert.EndsWith("…", lines[1].Value);
        Assert.All(lines, l => Assert.True(TextWidth.Of(l.Value, 8) <= FigureSize.Parse("2.5cm", "height"), l.Value));
    }

    [Fact]
    public void A_short_one_stays_one_line() => Assert.Single(Vertical("loss", "6cm"));
}
