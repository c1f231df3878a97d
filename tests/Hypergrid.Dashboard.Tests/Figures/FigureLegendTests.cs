using System.Text.RegularExpressions;
using System.Xml.Linq;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// A figure's legend lists the same things in every format: what the SVG (and PDF) draws under the plot is what the
/// pgfplots file sets as legend nodes, in the same order: a title, one entry per colour, train/val, a note.
/// </summary>
public sealed class FigureLegendTests
{
    private static FigureLine Line(string name, int color, bool dashed = false, bool inLegend = true, double? y = 1) =>
        new(name, color, dashed, [1, 2], [y, y is null ? null : y + 1]) { InLegend = inLegend };

    // What the SVG writes as text that one of the candidates names (the legend's words; ticks and labels are others).
    private static List<string> Svg(Figure f, IEnumerable<string> candidates)
    {
        var texts = XDocument.Parse(System.Text.Encoding.UTF8.GetString(FigureLayout.Draw(f, FigureSize.Column, new SvgCanvas())))
            .Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        return texts.Where(candidates.Contains).ToList();
    }

    // The pgfplots file's legend nodes that one of the candidates names (an unnamed line's entry, a sample without words, is neither's text).
    private static List<string> Pgfplots(Figure f, IEnumerable<string> candidates) =>
        Regex.Matches(System.Text.Encoding.UTF8.GetString(PgfplotsWriter.Write(f, FigureSize.Column)), @"\(hgl\)(?: at \([^)]*\))? \{([^}]*)\};").Select(m => m.Groups[1].Value).Where(candidates.Contains).ToList();

    public static TheoryData<string, Figure> Figures => new()
    {
        { "two groups, both phases", new Figure("epoch", "loss", [Line("lr=0.1", 0), Line("lr=0.1", 0, dashed: true, inLegend: false), Line("lr=0.01", 1), Line("lr=0.01", 1, dashed: true, inLegend: false)]) { LegendTitle = "lr" } },
        { "a group with nothing to draw", new Figure("epoch", "loss", [Line("a", 0), Line("b", 1, y: null), Line("c", 2)]) },
        { "one unnamed line under a title", new Figure("epoch", "loss", [Line("", 0)]) { LegendTitle = "lr" } },
        { "a note and no entries", new Figure("epoch", "loss", [Line("", 0)]) { Note = "3 lines left out" } },
        { "two lines of one colour", new Figure("epoch", "loss", [Line("x", 0), Line("y", 0), Line("z", 1)]) },
    };

    [Theory]
    [MemberData(nameof(Figures))]
    public void The_pgfplots_legend_lists_what_the_svg_legend_shows_in_its_order(string what, Figure f)
    {
        var candidates = f.Lines.Select(l => l.Name).Where(n => n.Length > 0).Concat(["train", "val", f.LegendTitle + ":", f.Note ?? "\u0000"]).ToHashSet();
        var (svg, pgfplots) = (Svg(f, candidates), Pgfplots(f, candidates));
        Assert.True(svg.SequenceEqual(pgfplots), $"{what}: svg [{string.Join(" | ", svg)}], pgfplots [{string.Join(" | ", pgfplots)}]");
    }

    [Fact]
    public void A_legend_with_a_line_that_draws_nothing_and_an_unnamed_entry_compiles_with_pdflatex()
    {
        var dir = Directory.CreateTempSubdirectory("hypergrid-legend-").FullName;
        try
        {
            var f = new Figure("epoch", "loss", [Line("a", 0), Line("b", 1, y: null), Line("", 2), Line("a", 0, dashed: true, inLegend: false)]) { LegendTitle = "lr", Note = "1 line left out" };
            var words = Tool.Typeset(dir, System.Text.Encoding.UTF8.GetString(PgfplotsWriter.Write(f, FigureSize.Column)));
            foreach (var w in new[] { "lr:", "b", "train", "val", "1 line left out" }) Assert.Contains(w, words);
        }
        finally { Directory.Delete(dir, true); }
    }
}
