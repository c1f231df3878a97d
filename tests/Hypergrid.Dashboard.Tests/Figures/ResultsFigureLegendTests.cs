using System.Text.Json.Nodes;
using System.Xml.Linq;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Findings;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// The Results chart as a figure is mostly plot: its legend names groups as the curves' legend does (the leaf's parts
/// and keys that differ, never the x key the axis shows nor a key the leaf implies), one entry per name with a dot of
/// its series' colour (ResultsSeries), and the y label is whole.
/// </summary>
public sealed class ResultsFigureLegendTests
{
    // The README's sweep of 16 groups (the audit's): model and trainer as leaves, lr on the x axis.
    private static readonly (string Leaf, string Values)[] Sweep =
    [
        ("sweep/mnist/cnn/adam", "\"lr\":0.002"), ("sweep/mnist/cnn/sgd", "\"lr\":0.05,\"momentum\":0.8"), ("sweep/mnist/cnn/sgd", "\"lr\":0.05,\"momentum\":0.9"),
        ("sweep/mnist/cnn/adam", "\"lr\":0.001"), ("sweep/mnist/mlp/sgd", "\"lr\":0.1,\"momentum\":0.9,\"hidden\":[256]"),
        ("sweep/mnist/mlp/sgd", "\"lr\":0.1,\"momentum\":0.9,\"hidden\":[128]"), ("sweep/mnist/mlp/sgd", "\"lr\":0.05,\"momentum\":0.9,\"hidden\":[256]"),
        ("sweep/mnist/mlp/sgd", "\"lr\":0.05,\"momentum\":0.9,\"hidden\":[128]"), ("sweep/mnist/mlp/adam", "\"lr\":0.003,\"hidden\":[256]"),
        ("sweep/mnist/mlp/adam", "\"lr\":0.003,\"hidden\":[128]"), ("sweep/mnist/deq/sgd", "\"lr\":0.1,\"momentum\":0.9,\"backward\":\"implicit\""),
        ("sweep/mnist/mlp/adam", "\"lr\":0.001,\"hidden\":[256]"), ("sweep/mnist/deq/sgd", "\"lr\":0.05,\"momentum\":0.9,\"backward\":\"implicit\""),
        ("sweep/mnist/deq/adam", "\"lr\":0.002,\"backward\":\"implicit\""), ("sweep/mnist/deq/adam", "\"lr\":0.002,\"backward\":\"unroll\""),
        ("sweep/mnist/mlp/adam", "\"lr\":0.001,\"hidden\":[128]"),
    ];

    private static Report ReportOf(IEnumerable<(string Leaf, string Values)> groups)
    {
        var rows = groups.Select((g, i) =>
        {
            var values = JsonNode.Parse($"{{\"model\":\"{g.Leaf.Split('/')[2]}\",\"trainer\":\"{g.Leaf.Split('/')[3]}\",{g.Values}}}")!.AsObject();
            return GroupRow.Of(g.Leaf, [0.93 + i * 0.002, 0.94 + i * 0.002, 0.95 + i * 0.002]) with { Values = values, Trials = [$"trial_{i:D3}"], Best = i == 0 };
        }).ToList();
        // Every group has every key the section's groups differ in, as the report writes them (null where it has none).
        var keys = rows.SelectMany(r => r.Values.Select(kv => kv.Key)).Distinct().ToList();
        rows = rows.Select(r => r with { Values = new JsonObject(keys.Select(k => KeyValuePair.Create(k, r.Values[k]?.DeepClone()))) }).ToList();
        return new Report("val_acc", "max", "last", null, "all", [], [new ReportSection("sweep/mnist", "sweep", "mnist", null, rows)], []);
    }

    private static XDocument Svg(Figure f, string width = "8.5cm", string height = "6cm") =>
        XDocument.Parse(System.Text.Encoding.UTF8.GetString(FigureLayout.Draw(f, new FigureSize(FigureSize.Parse(width, "width"), FigureSize.Parse(height, "height"), 8), new SvgCanvas())));

    private static List<string> Texts(XDocument svg) => svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();

    [Theory]
    [InlineData("8.5cm", "6cm")]
    [InlineData("3.3in", "2.5in")]
    public void The_plot_keeps_most_of_the_height_and_the_y_label_is_whole(string width, string height)
    {
        var svg = Svg(ResultsFigure.Build(ReportOf(Sweep), null, "lr", "std"), width, height);
        var clip = svg.Descendants().Single(e => e.Name.LocalName == "rect" && e.Parent?.Name.LocalName == "clipPath");
        var total = double.Parse(svg.Root!.Attribute("viewBox")!.Value.Split(' ')[3], System.Globalization.CultureInfo.InvariantCulture);
        var plot = double.Parse(clip.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(plot >= 0.55 * total, $"the plot is {plot:0.#} of {total:0.#} pt");
        Assert.DoesNotContain(Texts(svg), t => t.Contains('…'));
        Assert.Contains("val_acc (mean ± std over seeds)", string.Join(" ", Texts(svg).Where(t => t.StartsWith("val_acc", StringComparison.Ordinal) || t.StartsWith("seeds", StringComparison.Ordinal) || t.StartsWith("over", StringComparison.Ordinal))));
    }

    [Fact]
    public void Names_leave_out_the_x_key_and_the_keys_a_leaf_implies()
    {
        var f = ResultsFigure.Build(ReportOf(Sweep), null, "lr", "std");
        var names = f.Lines.Select(l => l.Name).Distinct().ToList();
        Assert.DoesNotContain(names, n => n.Contains("lr=") || n.Contains("model=") || n.Contains("trainer="));
        Assert.Contains("cnn/sgd momentum=0.8", names);
        Assert.Contains("mlp/sgd hidden=[256]", names); // momentum is 0.9 in every mlp/sgd group: not named
        Assert.Equal(10, names.Count);
        var items = FigureLegend.Items(f);
        // lr 0.1 and 0.05: one name, one series, one colour (ResultsSeries; two dots of two colours before).
        Assert.Single(items.Single(i => i.Text == "mlp/sgd hidden=[256]").Dots);
        Assert.Equal(2, f.Lines.Single(l => l.Name == "mlp/sgd hidden=[256]" && l.InLegend).X.Length);
        Assert.Single(items.Single(i => i.Text == "cnn/sgd momentum=0.8").Dots);
        Assert.Equal("ringed: the best (cnn/adam, lr=0.002)", f.Note);
    }

    [Fact]
    public void Groups_of_one_leaf_that_differ_only_by_the_x_key_have_no_legend_but_the_best()
    {
        var f = ResultsFigure.Build(ReportOf([("sweep/mnist/cnn/sgd", "\"lr\":0.1"), ("sweep/mnist/cnn/sgd", "\"lr\":0.01")]), null, "lr", "std");
        Assert.All(f.Lines, l => Assert.Equal("", l.Name));
        Assert.Equal(["ringed: the best (lr=0.1)"], FigureLegend.Items(f).Select(i => i.Text));
    }
}
