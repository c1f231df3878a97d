using System.Xml.Linq;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// Names from cfg/ and programs' logs reach every format as text: escaped for XML and for TeX, and in PDF as glyph numbers (PdfFontTests), so a
/// value can neither break the file nor run as markup.
/// </summary>
public sealed class FigureTextTests
{
    private static readonly string[] Hostile = ["<script>alert(1)</script>", "a&b \"q\" 'r'", "x\u0001y\u0008z", "]]><!--", "100% {$x^2_i$} #1 ~\\", "(paren) \\back"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Svg_keeps_a_name_as_text(string name)
    {
        var svg = System.Text.Encoding.UTF8.GetString(FigureLayout.Draw(OneLine(name), FigureSize.Column, new SvgCanvas()));
        var doc = XDocument.Parse(svg); // well-formed whatever the name
        var texts = doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Contains(new string(name.Where(c => c >= ' ').ToArray()), texts);
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName is "script" or "foreignObject");
    }

    [Theory]
    [InlineData("lr_max", "lr\\_max")]
    [InlineData("100% {a}", "100\\% \\{a\\}")]
    [InlineData("$x^2$ #1 & ~\\", "\\$x\\textasciicircum{}2\\$ \\#1 \\& \\textasciitilde{}\\textbackslash{}")]
    [InlineData("mean ± std – n", "mean $\\pm$ std -- n")]
    [InlineData("a\nb", "a b")]
    public void A_tex_name_has_no_command_of_its_own(string text, string tex) => Assert.Equal(tex, PgfplotsWriter.Escape(text));

    public static TheoryData<string> Names() => new(Hostile);

    private static Figure OneLine(string name) =>
        new("epoch", "loss", [new FigureLine(name, 0, false, [1, 2, 3], [1.0, 0.5, 0.25])]) { LegendTitle = "key" };
}
