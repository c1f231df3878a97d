using System.Text;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// How wide text is in the figures' font (<see cref="FigureFont"/>: Arimo, Helvetica's widths), by the advances the PDF
/// declares for the glyphs it draws: the layout leaves room for tick labels and the legend by it, so no label is cut at
/// any font size and the PDF's text ends where the layout measured it to.
/// </summary>
public static class TextWidth
{
    /// <summary>The width of one character in 1/1000 em (0 for a control character, '?''s for one Arimo lacks).</summary>
    public static int Of(Rune c) => FigureFont.Glyph(c) is { } g ? FigureFont.Width(g) : 0;

    /// <summary>The width of one character in 1/1000 em; a lone surrogate as U+FFFD, which the PDF draws for it.</summary>
    public static int Of(char c) => Of(Rune.TryCreate(c, out var r) ? r : Rune.ReplacementChar);

    /// <summary>The width of the text in points at the given size.</summary>
    public static double Of(string text, double size)
    {
        var sum = 0;
        foreach (var r in text.EnumerateRunes()) sum += Of(r);
        return sum * size / 1000.0;
    }
}
