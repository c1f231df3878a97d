namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// The Okabe-Ito colours (Okabe and Ito 2008), told apart with every common colour-vision deficiency and in greyscale
/// by lightness; yellow comes last, as it is faint on white. Group or trial i has colour i mod 8 in every figure and
/// on the page (dashboard/palette.js holds the same list).
/// </summary>
public static class Palette
{
    public static readonly IReadOnlyList<string> Colors =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    public static string Of(int index) => Colors[((index % Colors.Count) + Colors.Count) % Colors.Count];
}
