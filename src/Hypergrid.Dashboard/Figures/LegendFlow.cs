namespace Hypergrid.Dashboard.Figures;

/// <summary>One legend item placed: its text in lines (one unless it was wrapped), where it starts (points from the legend's left edge) and its first row.</summary>
public sealed record PlacedLegendItem(int Index, IReadOnlyList<string> Lines, double Dx, int Row);

/// <summary>
/// Flows a legend's items (each a text, with or without a line sample before it) into rows of a given width, as words
/// are: an item wider than the width is wrapped at its ", " and spaces onto rows of its own, and a part still wider is
/// shortened with an ellipsis, so no text passes the width. The type size shrinks (to 0.9, 0.8 and at least 0.75 of
/// the text's) while the rows would take more than the height allowed.
/// </summary>
public static class LegendFlow
{
    /// <summary>The width of the line sample and its gap before an item's text, in ems.</summary>
    public const double SampleEms = 2.0;

    /// <summary>Rows are this many ems apart.</summary>
    public const double RowEms = 1.25;

    public static (List<PlacedLegendItem> Placed, int Rows, double Fs) Place(IReadOnlyList<(string Text, bool Sample)> items, double width, double fs, double maxHeight) =>
        Place(items.Select(i => (i.Text, i.Sample ? SampleEms : 0.0)).ToList(), width, fs, maxHeight);

    /// <summary>As above, each item's sample (a line, or a row of dots) and its gap before the text this many ems wide.</summary>
    public static (List<PlacedLegendItem> Placed, int Rows, double Fs) Place(IReadOnlyList<(string Text, double SampleEms)> items, double width, double fs, double maxHeight)
    {
        if (items.Count == 0) return ([], 0, fs);
        List<PlacedLegendItem> placed = [];
        var lfs = fs;
        var rows = 0;
        foreach (var scale in new[] { 1.0, 0.9, 0.8, 0.75 })
        {
            lfs = fs * scale;
            placed = [];
            var (x, row) = (0.0, 0);
            for (var i = 0; i < items.Count; i++)
            {
                var sample = lfs * items[i].SampleEms;
                var lines = Wrap(items[i].Text, Math.Max(lfs, width - sample), lfs);
                var w = sample + lines.Max(l => TextWidth.Of(l, lfs));
                if (x > 0 && (x + w > width || lines.Count > 1)) (x, row) = (0, row + 1);
                placed.Add(new PlacedLegendItem(i, lines, x, row));
                if (lines.Count > 1) (x, row) = (width, row + lines.Count - 1); // nothing after a wrapped item on its last row
                else x += w + lfs;
            }
            rows = row + 1;
            if (rows * lfs * RowEms <= maxHeight) break;
        }
        return (placed, rows, lfs);
    }

    /// <summary>The text in lines no wider than the width: broken after ", " or at a space, a part too wide for a line ending in "…".</summary>
    public static List<string> Wrap(string text, double width, double fs)
    {
        if (TextWidth.Of(text, fs) <= width) return [text];
        var lines = new List<string>();
        var line = "";
        foreach (var word in Words(text))
        {
            if (line.Length > 0 && TextWidth.Of((line + word).TrimEnd(), fs) <= width) { line += word; continue; }
            if (line.Length > 0) lines.Add(line.TrimEnd());
            line = TextWidth.Of(word.TrimEnd(), fs) <= width ? word : Shorten(word.TrimEnd(), width, fs) + " ";
        }
        if (line.Trim().Length > 0) lines.Add(line.TrimEnd());
        return lines;
    }

    /// <summary>The text cut to fit the width with "…" at its end.</summary>
    public static string Shorten(string text, double width, double fs)
    {
        if (TextWidth.Of(text, fs) <= width) return text;
        var n = text.Length;
        while (n > 0 && TextWidth.Of(text[..n] + "…", fs) > width) n--;
        return text[..n] + "…";
    }

    // The text's words, each with the separator after it (", " or " ") kept on it.
    private static IEnumerable<string> Words(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
            if (text[i] == ' ')
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        if (start < text.Length) yield return text[start..];
    }
}
