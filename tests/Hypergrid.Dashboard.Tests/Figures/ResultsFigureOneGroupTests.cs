using System.Text.Json.Nodes;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Findings;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// The Results figure of one group, or of groups of one seed each (the audit's defect 11): the plot takes the figure's
/// width, nothing is "ringed: the best" among one, and the y label says n=1 rather than promising bars not drawn.
/// </summary>
public sealed class ResultsFigureOneGroupTests
{
    private static Report ReportOf(string leaf, params (string Values, double[] Samples)[] groups)
    {
        var rows = groups.Select((g, i) => GroupRow.Of(leaf, g.Samples) with { Values = JsonNode.Parse(g.Values)!.AsObject(), Trials = [$"trial_{i:D3}"], Best = i == 0 }).ToList();
        return new Report("val_acc", "max", "last", null, "all", [], [new ReportSection("experiment/clusters", "experiment", "clusters", null, rows)], []);
    }

    [Fact]
    public void One_group_drawn_by_its_leaf_fills_the_width_without_a_ring_or_a_best_note()
    {
        var f = ResultsFigure.Build(ReportOf("experiment/clusters/softmax/sgd", ("{}", [0.9, 0.91, 0.905])), null, null, "std");
        Assert.Null(f.Note);
        Assert.DoesNotContain(f.Lines, l => l.Ringed);
        var size = new FigureSize(FigureSize.Parse("8.5cm", "width"), FigureSize.Parse("6cm", "height"), 8);
        var plan = FigureLayout.Plan(f, size);
        var (left, _, width, _) = plan.Plot;
        // Before: the category's long name kept a fifth of the width empty right of the frame.
        Assert.True(size.Width - (left + width) <= 8 * 0.6 + 1e-9, $"{size.Width - (left + width):0.0} pt right of the frame");
        // Its name still fits: centred on the plot, within the figure.
        var half = TextRuns.Width(plan.XTickLabels[0], plan.TickFontSize) / 2;
        Assert.True(plan.X(0) + half <= size.Width && plan.X(0) - half >= 0);
    }

    [Fact]
    public void A_long_last_category_still_ends_inside_the_figure()
    {
        var f = ResultsFigure.Build(ReportOf("experiment/clusters/softmax/sgd",
            ("{\"opt\":\"a\"}", [0.9, 0.91]), ("{\"opt\":\"an optimiser with a very long name indeed, longer than half the plot\"}", [0.8, 0.82])), null, "opt", "std");
        var size = new FigureSize(FigureSize.Parse("8.5cm", "width"), FigureSize.Parse("6cm", "height"), 8);
        var plan = FigureLayout.Plan(f, size);
        var last = plan.XTicks.Count - 1;
        Assert.True(plan.X(plan.XTicks[last]) + TextRuns.Width(plan.XTickLabels[last], plan.TickFontSize) / 2 <= size.Width + 1e-6);
    }

    [Fact]
    public void Groups_of_one_seed_each_are_labelled_n_1_not_mean_plus_minus_std()
    {
        var f = ResultsFigure.Build(ReportOf("sweep/mnist/mlp/sgd", ("{\"lr\":0.1}", [0.9]), ("{\"lr\":0.01}", [0.8])), null, "lr", "std");
        Assert.Equal("val_acc (one seed each, n=1: no error bars)", f.YLabel);
        Assert.NotNull(f.Note); // two groups: the best is ringed and named
        var seeds = ResultsFigure.Build(ReportOf("sweep/mnist/mlp/sgd", ("{\"lr\":0.1}", [0.9, 0.92]), ("{\"lr\":0.01}", [0.8])), null, "lr", "std");
        Assert.Equal("val_acc (mean ± std over seeds)", seeds.YLabel);
    }
}
