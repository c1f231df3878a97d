using System.Globalization;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// One colour per group of seeds (or per trial when ungrouped), the same in every figure and on the page
/// (dashboard/palette.js holds the same list): colour i depends on i alone, never on how many things are drawn, so a
/// group keeps its colour whichever figure or view shows it. The first 8 are Okabe and Ito's (2008), told apart with
/// every common colour-vision deficiency (yellow last, as it is faint on white); the next 4 are Paul Tol's wine and
/// indigo and two greys, the four of his that stay furthest from those 8 (CIEDE2000 at least 20 between any two of the
/// 12, and at least 9 under simulated deuteranopia, protanopia and tritanopia: PaletteTests). Past 12, hues around the
/// wheel by the golden angle, so that no two of many share a colour (close ones are unavoidable there).
/// </summary>
public static class Palette
{
    /// <summary>The fixed colours, in the order groups take them.</summary>
    public static readonly IReadOnlyList<string> Colors =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442", "#882255", "#332288", "#777777", "#BBBBBB"];

    /// <summary>Colour i (0-based), as #RRGGBB.</summary>
    public static string Of(int index) =>
        index >= 0 && index < Colors.Count ? Colors[index] : Hsl(Math.Abs((long)index) * 137.508 % 360, 0.7, 0.42);

    /// <summary>
    /// The colour of seed j of a group of k seeds drawn as separate lines (ungrouped): the group's colour for the first,
    /// then each mixed with white by 0.6·j/k more, so a group's trials read as one family and its Results dot (the
    /// group's colour) as theirs. dashboard/palette.js holds the same rule.
    /// </summary>
    public static string Shade(int index, int seed, int seeds)
    {
        var hex = Of(index);
        if (seed <= 0 || seeds <= 1) return hex;
        var t = 0.6 * seed / seeds;
        return "#" + string.Concat(Enumerable.Range(0, 3).Select(i =>
        {
            var c = Convert.ToInt32(hex.Substring(1 + 2 * i, 2), 16);
            return ((int)Math.Round(c + (255 - c) * t, MidpointRounding.AwayFromZero)).ToString("X2", CultureInfo.InvariantCulture);
        }));
    }

    /// <summary>hsl as CSS computes it, as #RRGGBB.</summary>
    public static string Hsl(double h, double s, double l)
    {
        var a = s * Math.Min(l, 1 - l);
        double F(int n)
        {
            var k = (n + h / 30) % 12;
            return l - a * Math.Max(-1, Math.Min(Math.Min(k - 3, 9 - k), 1));
        }
        return "#" + string.Concat(new[] { F(0), F(8), F(4) }.Select(v => ((int)Math.Round(v * 255, MidpointRounding.AwayFromZero)).ToString("X2", CultureInfo.InvariantCulture)));
    }
}
