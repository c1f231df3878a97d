using System.Text;
using System.Xml.Linq;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>Two SVG figures inlined in one HTML page keep their own clip paths: ids are global to a page.</summary>
public sealed class SvgClipIdTests
{
    private static XDocument Svg(double shift) =>
        XDocument.Parse(Encoding.UTF8.GetString(FigureFile.Write(
            new Figure("epoch", "loss", [new FigureLine("a", 0, false, [0, 1, 2], [1.0 + shift, 0.5, 0.25])]), new FigureSize(241, 170, 8), "svg")));

    private static string ClipId(XDocument svg) =>
        svg.Descendants().Single(e => e.Name.LocalName == "clipPath").Attribute("id")!.Value;

    [Fact]
    public void Two_figures_have_different_clip_ids_and_each_clips_by_its_own()
    {
        var (a, b) = (Svg(0), Svg(1));
        Assert.NotEqual(ClipId(a), ClipId(b));
        foreach (var svg in new[] { a, b })
        {
            var refs = svg.Descendants().Select(e => e.Attribute("clip-path")?.Value).OfType<string>().Distinct().ToList();
            Assert.Equal([$"url(#{ClipId(svg)})"], refs);
        }
        // The same figure twice is the same file: the id is of its content, not of a counter or the clock.
        Assert.Equal(ClipId(Svg(0)), ClipId(a));
    }
}
