using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// A figure PDF's text is drawn in the font it embeds, each character by its own glyph, advancing exactly as far as
/// the layout measured it (the /W the PDF declares is TextWidth's), and copies back as the text drawn (ToUnicode).
/// </summary>
public sealed partial class PdfFontTests
{
    // Names a researcher's metrics and configs hold: a sign, a dash, Greek, math, accents (é and Å are composite glyphs).
    private static readonly Figure Named = new("train step (batches) × 10^3", "val_loss ± std – Δ≈0.1, μ",
        [new FigureLine("α=0.1 β≤2 é Å −1", 0, false, [1, 2, 3], [1.0, 0.5, 0.25]), new FigureLine("σ ≥ ∞ · … —", 1, true, [1, 2, 3], [0.9, 0.4, 0.2])])
    { LegendTitle = "λ" };

    // Helvetica's widths (Adobe's AFM) of the characters 32 to 126, by which the layout measured before the font was
    // embedded: Arimo keeps them, so every figure of plain names is laid out exactly as before.
    private static readonly short[] HelveticaAscii =
    [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
        556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
        722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
        556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
        260, 334, 584,
    ];

    [Fact]
    public void The_widths_the_pdf_declares_are_those_the_layout_measures_for_every_character_drawn()
    {
        var pdf = Encoding.Latin1.GetString(FigureFile.Write(Named, FigureSize.Column, "pdf"));
        var widths = Widths(pdf);
        var glyphOf = ToUnicode(pdf).GroupBy(e => e.Value).ToDictionary(g => g.Key, g => g.First().Key);
        var drawn = Texts().SelectMany(t => t.EnumerateRunes()).Distinct().ToList();
        Assert.Contains(new Rune('±'), drawn);
        Assert.Contains(new Rune('Δ'), drawn);
        foreach (var r in drawn)
        {
            Assert.True(glyphOf.TryGetValue(r.ToString(), out var g), $"'{r}' is not drawn by a glyph of its own");
            Assert.Equal(TextWidth.Of(r), widths[g]);
            Assert.Equal(FigureFont.Font.Glyph(r.Value), g); // the glyph the font maps the character to
        }
    }

    [Fact]
    public void Arimo_measures_every_ascii_character_as_helvetica()
    {
        for (var c = ' '; c <= '~'; c++) Assert.Equal(HelveticaAscii[c - ' '], TextWidth.Of(c));
    }

    [Theory]
    [InlineData("a", "a")]
    [InlineData("日本", "??")]
    [InlineData("tab\tline\n\u0085", "tabline")]
    [InlineData("(paren) \\back", "(paren) \\back")]
    [InlineData("\U0001F600", "?")]
    public void Text_is_drawn_as_glyph_numbers_and_what_arimo_lacks_as_a_question_mark(string text, string drawn)
    {
        var hex = new PdfFont().Encode(text);
        Assert.Matches("^<([0-9A-F]{4})*>$", hex);
        var expected = string.Concat(drawn.Select(c => FigureFont.Font.Glyph(c).ToString("X4", CultureInfo.InvariantCulture)));
        Assert.Equal($"<{expected}>", hex);
        Assert.Equal(TextWidth.Of(drawn, 10), TextWidth.Of(text, 10), 9);
    }

    [Fact]
    public void A_figure_pdf_stays_small_with_its_font()
    {
        var pdf = FigureFile.Write(Named, FigureSize.Column, "pdf");
        Assert.InRange(pdf.Length, 1_000, 20_000);
    }

    /// <summary>Every text the figure draws: the SVG of the same figure holds them as text (the PDF draws the same).</summary>
    private static IEnumerable<string> Texts()
    {
        var svg = XDocument.Parse(Encoding.UTF8.GetString(FigureFile.Write(Named, FigureSize.Column, "svg")));
        return svg.Descendants().Where(e => e.Name.LocalName is "text" or "tspan").SelectMany(e => e.Nodes().OfType<XText>().Select(t => t.Value));
    }

    private static Dictionary<int, int> Widths(string pdf)
    {
        var w = WidthArray().Match(pdf);
        Assert.True(w.Success, "the PDF declares no /W");
        return GlyphWidth().Matches(w.Groups[1].Value).ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static Dictionary<int, string> ToUnicode(string pdf) =>
        BfChar().Matches(pdf).ToDictionary(m => Convert.ToInt32(m.Groups[1].Value, 16),
            m => new string(m.Groups[2].Value.Chunk(4).Select(u => (char)Convert.ToInt32(new string(u), 16)).ToArray()));

    [GeneratedRegex(@"/W \[([^\]]*(?:\][^\]]*)*?)\] >>")]
    private static partial Regex WidthArray();

    [GeneratedRegex(@"(\d+) \[(\d+)\]")]
    private static partial Regex GlyphWidth();

    [GeneratedRegex(@"<([0-9A-F]{4})> <([0-9A-F]+)>")]
    private static partial Regex BfChar();
}
