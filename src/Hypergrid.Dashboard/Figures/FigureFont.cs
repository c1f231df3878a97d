using System.Text;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// The one font of every figure: Arimo Regular (SIL Open Font License 1.1, npm @expo-google-fonts/arimo, built into
/// this assembly). Arimo has Helvetica's and Arial's widths for every ASCII character, so a figure set with it reads as
/// Helvetica; the PDF embeds the glyphs it draws, and the layout measures text by the same glyphs' advances
/// (<see cref="TextWidth"/>), so what is measured is what is drawn. A character Arimo has no glyph for is drawn, and
/// measured, as '?'; control characters are neither.
/// </summary>
public static class FigureFont
{
    /// <summary>The PDF's name of the font (after its subset tag).</summary>
    public const string Name = "Arimo";

    private static readonly Lazy<TrueTypeFont> Loaded = new(() =>
    {
        using var stream = typeof(FigureFont).Assembly.GetManifestResourceStream("Hypergrid.Dashboard.Figures.Arimo-Regular.ttf")
            ?? throw new InvalidOperationException("Arimo-Regular.ttf is not built into Hypergrid.Dashboard: rebuild after 'npm ci'");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        var font = new TrueTypeFont(bytes.ToArray());
        return font.Glyph('?') != 0 ? font : throw new InvalidDataException("Arimo-Regular.ttf maps no '?': not the font this was built for");
    });

    private static readonly Lazy<int> Question = new(() => Font.Glyph('?'));

    public static TrueTypeFont Font => Loaded.Value;

    /// <summary>The glyph that draws a character: its own, '?' when Arimo has none, or null for a control character.</summary>
    public static int? Glyph(Rune c)
    {
        if (c.Value < ' ' || c.Value is 0x7F or (>= 0x80 and < 0xA0)) return null;
        var g = Font.Glyph(c.Value);
        return g != 0 ? g : Question.Value;
    }

    /// <summary>A glyph's advance in 1/1000 em, rounded as the PDF declares it (its /W array).</summary>
    public static int Width(int glyph) => (int)Math.Round(Font.Advance(glyph) * 1000.0 / Font.UnitsPerEm, MidpointRounding.AwayFromZero);
}
