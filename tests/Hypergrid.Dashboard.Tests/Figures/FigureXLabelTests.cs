using System.Text;
using System.Xml.Linq;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// An x label wider than the plot takes a second line, as the y label does, instead of being cut with "…": the audit's
/// epochf label at an IEEE column (3.5 in, 10 pt) read "epoch (train batches done ÷ batches per e…" in SVG, PDF and TeX.
/// </summary>
public sealed class FigureXLabelTests
{
    private static readonly FigureSize Ieee = new(FigureSize.Parse("3.5in", "width"), FigureSize.Parse("2.2in", "height"), 10);

    private static Figure Curves(string xLabel) =>
        new(xLabel, "train loss", [new FigureLine("a", 0, false, [0, 1.5, 3], [0.0456, 0.031, 0.0123]), new FigureLine("b", 1, false, [0, 1.5, 3], [0.0481, 0.033, 0.0141])]) { LegendTitle = "lr" };

    [Fact]
    public void The_epochf_label_at_an_ieee_column_is_two_whole_lines_within_the_plot_above_the_legend()
    {
        var label = FigureBuilder.XLabel("epochf");
        var plan = FigureLayout.Plan(Curves(label), Ieee);
        Assert.Equal(2, plan.XLabel.Count);
        Assert.Equal(label, string.Join(" ", plan.XLabel.Select(l => l.Text)));
        Assert.All(plan.XLabel, l => Assert.True(TextWidth.Of(l.Text, 10) <= plan.Plot.Width, l.Text));
        Assert.True(plan.XLabel[1].Y < plan.LegendBaseline(plan.Placed[0], 0) - 10 * 0.8, "the legend starts below the label's second line");
        // The SVG and the pgfplots file write both lines.
        var svg = XDocument.Parse(Encoding.UTF8.GetString(FigureFile.Write(Curves(label), Ieee, "svg")));
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.All(plan.XLabel, l => Assert.Contains(l.Text, texts));
        var tex = Encoding.UTF8.GetString(FigureFile.Write(Curves(label), Ieee, "tex"));
        Assert.DoesNotContain("…", tex);
        // The second line's node (it holds no TeX special character), wrapped with TeX's margin (PgfplotsLabelWidthTests).
        var texPlan = FigureLayout.Plan(Curves(label), Ieee, PgfplotsWriter.TexTextScale);
        Assert.Equal(2, texPlan.XLabel.Count);
        Assert.Contains($"{{{texPlan.XLabel[1].Text}}};", tex);
    }

    [Fact]
    public void A_short_x_label_stays_one_line_and_the_plot_keeps_its_height()
    {
        var plan = FigureLayout.Plan(Curves("epoch"), Ieee);
        Assert.Single(plan.XLabel);
        var longer = FigureLayout.Plan(Curves(FigureBuilder.XLabel("epochf")), Ieee);
        Assert.True(plan.Plot.Height > longer.Plot.Height, "the second line takes its height from the plot");
    }
}
