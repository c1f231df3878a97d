namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// How wide text is in Helvetica (Adobe's metrics, phvr8a.afm), which the PDF names and the SVG asks for first: the
/// layout leaves room for tick labels and the legend by it, so no label is cut at any font size.
/// </summary>
public static class TextWidth
{
    // Widths in 1/1000 em of the characters 32 to 126.
    private static readonly short[] Ascii =
    [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
        556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
        722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
        556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
        260, 334, 584,
    ];

    /// <summary>The width of one character in 1/1000 em (the PDF's WinAnsi characters; others as a digit's width).</summary>
    public static int Of(char c) => c is >= ' ' and <= '~' ? Ascii[c - ' '] : c switch { '±' or '×' or '÷' => 584, '–' => 556, '—' or '…' => 1000, '·' => 278, _ => 556 };

    /// <summary>The width of the text in points at the given size.</summary>
    public static double Of(string text, double size) => text.Sum(c => Of(c)) * size / 1000.0;
}
