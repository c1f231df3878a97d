using System.Globalization;
using Hypergrid.Config;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// A figure's size and type size in PostScript points (1/72 in), read from lengths as a paper states them: "8.5cm",
/// "85mm", "3.3in", "241pt". A paper column is about 8.5 cm (3.3 in) wide; the defaults fit one.
/// </summary>
public sealed record FigureSize(double Width, double Height, double FontSize)
{
    private static readonly Dictionary<string, double> PointsPer = new()
    {
        ["cm"] = 72 / 2.54, ["mm"] = 72 / 25.4, ["in"] = 72, ["pt"] = 72 / 72.27, ["bp"] = 1,
    };

    /// <summary>Who asked for this size: "no room" names their options (--width) or parameters (width=).</summary>
    public FigureWords Words { get; init; } = FigureWords.Command;

    // After PointsPer: static fields are set in the order written.
    public static readonly FigureSize Column = new(Parse("8.5cm", "width"), Parse("6cm", "height"), 8);

    /// <summary>A length with its unit in points; a bare number, an unknown unit or a size outside 1 cm to 1 m is a usage error naming the option.</summary>
    public static double Parse(string text, string option, FigureWords? words = null)
    {
        var w = words ?? FigureWords.Command;
        var t = text.Trim().ToLowerInvariant();
        var unit = PointsPer.Keys.FirstOrDefault(u => t.EndsWith(u, StringComparison.Ordinal));
        if (unit is null || !double.TryParse(t[..^unit.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            throw FigureErrors.BadLength(option, text, w);
        var points = v * PointsPer[unit];
        if (!(points >= 72 / 2.54 && points <= 100 * 72 / 2.54)) throw FigureErrors.LengthOutOfRange(option, text, w);
        return points;
    }

    /// <summary>A type size in points (TeX's pt, as a paper's class states it): 5 to 24.</summary>
    public static double ParseFont(string text, FigureWords? words = null)
    {
        if (!double.TryParse(text.Trim().TrimEnd('t').TrimEnd('p'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v is < 5 or > 24)
            throw FigureErrors.BadFontSize(text, words ?? FigureWords.Command);
        return v;
    }
}
