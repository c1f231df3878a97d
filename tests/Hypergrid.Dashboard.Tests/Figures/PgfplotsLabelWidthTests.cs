using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// The pgfplots file's axis labels are set by TeX in the paper's fonts, wider than Helvetica (Computer Modern at 6 pt
/// about a sixth, at 8 pt a little): an x label that Helvetica fits on one line of the plot's width must not run past the plot and the
/// figure there. Typeset with pdflatex at a paper column (8.5 cm) and read back with pdftotext -bbox.
/// </summary>
public sealed partial class PgfplotsLabelWidthTests
{
    // A paper column at the figures' default type (8 pt: Computer Modern about 1.5% wider than Helvetica there) and at 6 pt
    // (about 17% wider).
    private static FigureSize Column(double font) => new(FigureSize.Parse("8.5cm", "width"), FigureSize.Parse("6cm", "height"), font);

    private static Figure Curves(string xLabel) =>
        new(xLabel, "val loss", [new FigureLine("a", 0, false, [0, 1.5, 3], [0.0456, 0.031, 0.0123])]);

    /// <summary>A label that Helvetica sets on one line filling the plot's width to a letter (the worst case for TeX).</summary>
    private static string FullLine(FigureSize size)
    {
        var words = "samples seen by every seed of the group over all epochs and every batch of the training set in order of arrival".Split(' ');
        var plotW = FigureLayout.Plan(Curves("x"), size).Plot.Width;
        bool Fits(string text) => TextWidth.Of(text, size.FontSize) <= plotW;
        var label = words[0];
        foreach (var w in words.Skip(1))
            if (Fits(label + " " + w)) label += " " + w; else break;
        var last = " ";
        foreach (var c in "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz")
            if (Fits(label + last + c)) last += c; else break;
        label += last.Length > 1 ? last : "";
        Assert.True(TextWidth.Of(label, size.FontSize) > 0.98 * plotW, label);
        return label;
    }

    [Theory]
    [InlineData(8)]
    [InlineData(6)]
    public void A_long_x_label_at_a_paper_column_stays_within_the_plots_width_as_tex_sets_it(double font)
    {
        var size = Column(font);
        var label = FullLine(size);
        var tex = Encoding.UTF8.GetString(PgfplotsWriter.Write(Curves(label), size));
        var plan = FigureLayout.Plan(Curves(label), size, PgfplotsWriter.TexTextScale);
        var dir = Directory.CreateTempSubdirectory("hypergrid-xlabel-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "figure.tex"), tex);
            // A page the figure's size, no margin: the page's x is the figure's.
            File.WriteAllText(Path.Combine(dir, "paper.tex"), string.Create(CultureInfo.InvariantCulture,
                $"\\documentclass{{article}}\n\\usepackage[paperwidth={size.Width}bp,paperheight={size.Height + 30}bp,margin=0pt]{{geometry}}\n\\usepackage{{pgfplots}}\n\\pgfplotsset{{compat=1.16}}\n\\pagestyle{{empty}}\n\\begin{{document}}\n\\noindent\\input{{figure.tex}}\n\\end{{document}}\n"));
            var (code, log) = Tool.Run("pdflatex", dir, "-interaction=nonstopmode", "-halt-on-error", "paper.tex");
            Assert.True(code == 0, log);
            var (_, html) = Tool.Run("pdftotext", dir, "-bbox", "paper.pdf", "-");
            var words = Word().Matches(html).Select(m => (Text: m.Groups[3].Value, XMin: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), XMax: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
            var labelWords = label.Split(' ').ToHashSet();
            var set = words.Where(w => labelWords.Contains(w.Text)).ToList();
            Assert.True(set.Count >= label.Split(' ').Length, string.Join(" ", words.Select(w => w.Text)));
            var (left, _, width, _) = plan.Plot;
            // Each word inside the plot's width (so inside the figure), with a hair for rounding.
            Assert.All(set, w => Assert.True(w.XMin >= left - 0.5 && w.XMax <= left + width + 0.5, $"{w.Text}: {w.XMin}-{w.XMax} outside {left}-{left + width}"));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void The_svg_and_pdf_keep_such_a_label_on_one_line_only_the_tex_file_measures_with_its_margin()
    {
        var label = FullLine(Column(8));
        Assert.Single(FigureLayout.Plan(Curves(label), Column(8)).XLabel);
        Assert.Equal(2, FigureLayout.Plan(Curves(label), Column(8), PgfplotsWriter.TexTextScale).XLabel.Count);
    }

    [GeneratedRegex("<word xMin=\"([0-9.]+)\" yMin=\"[0-9.]+\" xMax=\"([0-9.]+)\" yMax=\"[0-9.]+\">([^<]*)</word>")]
    private static partial Regex Word();
}
