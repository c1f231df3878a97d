namespace Hypergrid.Dashboard.Figures;

/// <summary>A label's base and superscript ("10^-4" is 10 with -4 raised), and its width so drawn.</summary>
public static class TextRuns
{
    public const double SupScale = 0.7;

    public static (string Base, string? Sup) Split(string text)
    {
        var at = text.IndexOf('^');
        return at < 0 ? (text, null) : (text[..at], text[(at + 1)..]);
    }

    public static double Width(string text, double size)
    {
        var (b, sup) = Split(text);
        return TextWidth.Of(b, size) + (sup is null ? 0 : TextWidth.Of(sup, size * SupScale));
    }
}
