using System.Text;
using Spectre.Console.Rendering;

namespace Hypergrid.Cli;

/// <summary>
/// A boxed table drawn as text in one pass, in the look of Spectre.Console's square table: a centred title, a header row,
/// a rule, the rows. Spectre measures every character of every cell several times and compiles its whole layout
/// engine on first use, half a second of a report of 2,000 rows; this measures each cell once (ASCII by its length).
/// Wider than <c>width</c>, the widest columns give way first and their cells wrap at spaces (a word longer than its
/// column is cut). Control characters from cfg/ or out/log never reach the terminal: each is shown as U+FFFD.
/// </summary>
public sealed class TerminalTable(string? title, IReadOnlyList<string> heads)
{
    /// <summary>How a part of a cell is shown on a terminal that takes ANSI styles.</summary>
    public enum Style { Plain, Best, Mark }

    /// <summary>A part of a cell: its text and its style.</summary>
    public readonly record struct Part(string Text, Style Style = Style.Plain);

    private readonly List<Part[][]> rows = [];

    /// <summary>Adds a row of one cell per head, each cell its parts.</summary>
    public void Add(IReadOnlyList<Part[]> cells)
    {
        if (cells.Count != heads.Count) throw new ArgumentException($"a row of {cells.Count} cells for {heads.Count} columns");
        rows.Add([.. cells.Select(c => c.Select(p => p with { Text = Clean(p.Text) }).ToArray())]);
    }

    /// <summary>The table as lines ending in '\n', at most <paramref name="width"/> columns wide where the columns can give way; styled with ANSI codes when <paramref name="ansi"/> (colour unless <paramref name="colour"/> is false), boxed in ASCII unless <paramref name="unicode"/>.</summary>
    public string Render(int width, bool ansi, bool colour = true, bool unicode = true)
    {
        var columns = heads.Count;
        if (columns == 0) return "";
        var head = heads.Select(h => new[] { new Part(Clean(h)) }).ToArray();
        var widths = new int[columns];
        var least = new int[columns];
        var floor = new int[columns];
        foreach (var row in rows.Prepend(head))
            for (var c = 0; c < columns; c++)
            {
                widths[c] = Math.Max(widths[c], Width(row[c]));
                least[c] = Math.Max(least[c], LongestWord(row[c]));
                floor[c] = Math.Max(floor[c], row[c].Any(p => !Ascii.IsValid(p.Text)) ? 2 : 1); // a wide character takes two
            }
        Fit(widths, least, floor, width - (3 * columns + 1));
        var box = unicode ? "┌─┬┐│├┼┤└┴┘" : "+-+++|+++++";
        var sb = new StringBuilder((rows.Count + 4) * (widths.Sum() + 3 * columns + 2));
        var total = widths.Sum() + 3 * columns + 1;
        if (title is not null)
        {
            var t = Clean(title);
            var pad = Math.Max(0, (total - Width(t)) / 2);
            sb.Append(' ', pad).Append(t).Append(' ', Math.Max(0, total - pad - Width(t))).Append('\n');
        }
        Rule(sb, widths, box[0], box[1], box[2], box[3]);
        Row(sb, head, widths, box[4], ansi, colour);
        if (rows.Count > 0) Rule(sb, widths, box[5], box[1], box[6], box[7]);
        foreach (var row in rows) Row(sb, row, widths, box[4], ansi, colour);
        Rule(sb, widths, box[8], box[1], box[9], box[10]);
        return sb.ToString();
    }

    // Narrows the widest columns that are wider than their longest word, one character at a time, until the table fits;
    // then, if it must, any column down to its floor (two columns where a wide character may fall, else one).
    private static void Fit(int[] widths, int[] least, int[] floor, int room)
    {
        var over = widths.Sum() - room;
        while (over > 0 && Narrow(widths, c => widths[c] > Math.Max(least[c], floor[c]))) over--;
        while (over > 0 && Narrow(widths, c => widths[c] > floor[c])) over--;
    }

    private static bool Narrow(int[] widths, Func<int, bool> may)
    {
        var widest = -1;
        for (var c = 0; c < widths.Length; c++)
            if (may(c) && (widest < 0 || widths[c] > widths[widest])) widest = c;
        if (widest < 0) return false;
        widths[widest]--;
        return true;
    }

    private static void Rule(StringBuilder sb, int[] widths, char left, char line, char cross, char right)
    {
        sb.Append(left);
        for (var c = 0; c < widths.Length; c++) sb.Append(line, widths[c] + 2).Append(c == widths.Length - 1 ? right : cross);
        sb.Append('\n');
    }

    private static void Row(StringBuilder sb, Part[][] cells, int[] widths, char bar, bool ansi, bool colour)
    {
        var wrapped = new List<List<Part>>[cells.Length];
        var height = 1;
        for (var c = 0; c < cells.Length; c++)
        {
            wrapped[c] = Wrap(cells[c], widths[c]);
            height = Math.Max(height, wrapped[c].Count);
        }
        for (var line = 0; line < height; line++)
        {
            sb.Append(bar);
            for (var c = 0; c < cells.Length; c++)
            {
                sb.Append(' ');
                var used = 0;
                if (line < wrapped[c].Count)
                    foreach (var part in wrapped[c][line])
                    {
                        Styled(sb, part, ansi, colour);
                        used += Width(part.Text);
                    }
                sb.Append(' ', widths[c] - used + 1).Append(bar);
            }
            sb.Append('\n');
        }
    }

    private static void Styled(StringBuilder sb, Part part, bool ansi, bool colour)
    {
        var code = part.Style switch { Style.Best => colour ? "1;32" : "1", Style.Mark when colour => "33", _ => null };
        if (!ansi || code is null || part.Text.Length == 0) sb.Append(part.Text);
        else sb.Append("\u001b[").Append(code).Append('m').Append(part.Text).Append("\u001b[0m");
    }

    // A cell's parts as lines of at most `width` columns: words (split at spaces) added while they fit, a word wider than
    // the column cut into pieces that fit.
    private static List<List<Part>> Wrap(Part[] cell, int width)
    {
        var lines = new List<List<Part>> { new() };
        if (cell.Sum(p => Width(p.Text)) <= width) { lines[0].AddRange(cell); return lines; }
        var used = 0;
        foreach (var part in cell)
            foreach (var word in part.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var rest = word;
                while (rest.Length > 0)
                {
                    var w = Width(rest);
                    var gap = used > 0 ? 1 : 0;
                    if (used + gap + w <= width)
                    {
                        if (gap > 0) lines[^1].Add(new Part(" "));
                        lines[^1].Add(part with { Text = rest });
                        used += gap + w;
                        break;
                    }
                    if (used > 0) { lines.Add([]); used = 0; continue; }
                    var cut = Cut(rest, width);
                    lines[^1].Add(part with { Text = rest[..cut] });
                    lines.Add([]);
                    rest = rest[cut..];
                }
            }
        if (lines[^1].Count == 0 && lines.Count > 1) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    // How many chars of `text` fill at most `width` columns (at least one rune, so a wide character always moves on).
    private static int Cut(string text, int width)
    {
        var (chars, used) = (0, 0);
        foreach (var rune in text.EnumerateRunes())
        {
            var w = Width(rune.ToString());
            if (chars > 0 && used + w > width) break;
            used += w;
            chars += rune.Utf16SequenceLength;
        }
        return chars;
    }

    private static int Width(Part[] cell)
    {
        var w = 0;
        foreach (var p in cell) w += Width(p.Text);
        return w;
    }

    private static int LongestWord(Part[] cell)
    {
        var longest = 0;
        foreach (var p in cell)
            foreach (var word in p.Text.Split(' ')) longest = Math.Max(longest, Width(word));
        return longest;
    }

    /// <summary>The columns <paramref name="text"/> takes on a terminal: its length when it is ASCII, else as Spectre measures it (wide East Asian characters two, combining marks none).</summary>
    public static int Width(string text) => Ascii.IsValid(text) ? text.Length : new Segment(text).CellCount();

    // Control characters (an escape sequence in a config value) shown as U+FFFD, never sent to the terminal.
    private static string Clean(string text)
    {
        var i = 0;
        while (i < text.Length && !char.IsControl(text[i])) i++;
        if (i == text.Length) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text) sb.Append(char.IsControl(ch) ? '\uFFFD' : ch);
        return sb.ToString();
    }
}
