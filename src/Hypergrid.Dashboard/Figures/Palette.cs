using System.Globalization;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// One colour per group of seeds (or per trial when ungrouped), the same in every figure and on the page
/// (dashboard/palette.js holds the same rule): up to 8 things, the Okabe-Ito colours (Okabe and Ito 2008), told apart
/// with every common colour-vision deficiency (yellow last, as it is faint on white); beyond 8, hues around the wheel
/// by the golden angle, so that no two of many share a colour.
/// </summary>
public static class Palette
{
    public static readonly IReadOnlyList<string> Colors =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>Colour i of n things, as #RRGGBB.</summary>
    public static string Of(int index, int count = 8) =>
        count <= Colors.Count ? Colors[((index % Colors.Count) + Colors.Count) % Colors.Count] : Hsl(index * 137.508 % 360, 0.7, 0.42);

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
