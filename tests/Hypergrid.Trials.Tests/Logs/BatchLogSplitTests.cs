using System.Text;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

/// <summary>
/// <see cref="BatchLogLine.Split"/>'s vectorised path (a line without quotes: its commas found 32 bytes at a time) cuts
/// every line exactly as the quote-aware walk of <see cref="BatchLogLine.Width"/> and <see cref="BatchLogLine.Cell"/>
/// does: at vector ends, in the overlapping last vector, with a quote past the first vector, with a cell too many or too few.
/// </summary>
public sealed class BatchLogSplitTests
{
    private static readonly string[] CellTexts = ["", "1", "train", "0.123456789", "-1.5E-05", "NaN", "inf", "\"a,b\"", "\"say \"\"hi\"\"\"", "\"\"", "x\"y", "12345678901234567890123456789012345"];

    // The reference: the cell walk every reader used before (quote-aware, one cell at a time).
    private static string[] Walk(byte[] line)
    {
        var rest = (ReadOnlySpan<byte>)line;
        var cells = new string[BatchLogLine.Width(rest)];
        for (var c = 0; c < cells.Length; c++) cells[c] = Encoding.UTF8.GetString(BatchLogLine.Cell(ref rest));
        return cells;
    }

    private static string[]? Split(byte[] line, int width)
    {
        var starts = new int[width];
        var lengths = new int[width];
        if (!BatchLogLine.Split(line, starts, lengths)) return null;
        return Enumerable.Range(0, width).Select(c => Encoding.UTF8.GetString(line, starts[c], lengths[c])).ToArray();
    }

    [Fact]
    public void Split_gives_the_cells_of_the_quote_aware_walk_for_thousands_of_random_lines()
    {
        var rng = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            var quoted = rng.Next(4) == 0;
            var cells = Enumerable.Range(0, rng.Next(1, 40)).Select(_ => CellTexts[rng.Next(quoted ? CellTexts.Length : 7)]);
            var line = Encoding.UTF8.GetBytes(string.Join(',', cells));
            var walked = Walk(line);
            Assert.Equal(walked, Split(line, walked.Length));
            Assert.Null(Split(line, walked.Length + 1));
            if (walked.Length > 1) Assert.Null(Split(line, walked.Length - 1));
        }
    }

    [Theory]
    [InlineData(31)] [InlineData(32)] [InlineData(33)] [InlineData(63)] [InlineData(64)] [InlineData(65)] [InlineData(100)]
    public void A_comma_at_every_vector_edge_ends_a_cell(int length)
    {
        foreach (var at in new[] { 0, 1, 30, 31, 32, 33, length - 33, length - 32, length - 2, length - 1 }.Where(a => a >= 0 && a < length).Distinct())
        {
            var text = new char[length];
            Array.Fill(text, '7');
            text[at] = ',';
            var line = Encoding.UTF8.GetBytes(text);
            Assert.Equal(Walk(line), Split(line, 2));
        }
    }

    [Theory]
    [InlineData(35)] [InlineData(65)] [InlineData(90)] // cell starts (every 5 bytes) past the first 32
    public void A_quote_past_the_first_vector_makes_the_line_quote_aware(int quoteAt)
    {
        var text = string.Join(',', Enumerable.Repeat("0.25", 30));
        var line = Encoding.UTF8.GetBytes(text[..quoteAt] + "\"x,y\"" + text[quoteAt..]);
        var walked = Walk(line);
        Assert.Contains(walked, c => c.Contains(','));
        Assert.Equal(walked, Split(line, walked.Length));
    }
}
