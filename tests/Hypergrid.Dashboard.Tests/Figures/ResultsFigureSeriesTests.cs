using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Findings;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// The Results chart by an x key (lr) of a sweep over more keys (batch_size): the other keys form the series (the fourth
/// audit's 50-group figure merged them into one legend entry of 50 dots, no point's batch size readable). One colour
/// per series, ranked by value (numbers numerically), its points joined across x, a legend naming each once; series at
/// one x dodged apart; every mark whole inside the frame.
/// </summary>
public sealed class ResultsFigureSeriesTests
{
    private static readonly double[] Lrs = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 1.5, 2];

    // The cfg's order of batch sizes (the audit's legend read 32, 8, 16, 64, 128).
    private static readonly int[] Sizes = [32, 8, 16, 64, 128];

    /// <summary>10 lr x 5 batch sizes, one seed each, in the sweep's order (lr outer), the best at lr 1.5 bs 32.</summary>
    private static Report Sweep(int seeds = 1)
    {
        var rows = new List<GroupRow>();
        foreach (var lr in Lrs)
            foreach (var bs in Sizes)
            {
                // The best is the highest point, its ring at the top of the data.
                var mean = 0.8 + 0.01 * Array.IndexOf(Lrs, lr) - 0.0005 * bs + (lr == 1.5 && bs == 32 ? 0.05 : 0);
                var samples = Enumerable.Range(0, seeds).Select(s => mean + 0.002 * s).ToArray();
                var values = new JsonObject { ["batch_size"] = bs, ["lr"] = lr };
                rows.Add(GroupRow.Of("sweep/mnist/mlp/sgd", samples) with { Values = values, Trials = [$"trial_{rows.Count:D3}"], Best = lr == 1.5 && bs == 32 });
            }
        return new Report("val_acc", "max", "last", null, "all", [], [new ReportSection("sweep/mnist", "sweep", "mnist", null, rows)], []);
    }

    [Fact]
    public void The_other_keys_form_the_series_ranked_by_value_one_colour_and_one_legend_entry_each()
    {
        var f = ResultsFigure.Build(Sweep(), null, "lr", "std");
        var series = f.Lines.Where(l => l.InLegend).ToList();
        Assert.Equal(["8", "16", "32", "64", "128"], series.Select(l => l.Name));
        Assert.Equal([0, 1, 2, 3, 4], series.Select(l => l.Color));
        Assert.All(series, l => Assert.Equal(Lrs, l.X));
        Assert.All(series, l => Assert.True(l.Joined));
        var items = FigureLegend.Items(f);
        Assert.Equal(["batch_size:", "8", "16", "32", "64", "128", "ringed: the best (32, lr=1.5)"], items.Select(i => i.Text));
        Assert.All(items.Where(i => i.Sample), i => Assert.Single(i.Dots));
        // The best is ringed once, in its series' colour.
        var ring = Assert.Single(f.Lines, l => l.Ringed);
        Assert.Equal(2, ring.Color);
        Assert.Equal([1.5], ring.X);
    }

    [Fact]
    public void Series_that_share_an_x_are_dodged_apart_symmetrically_and_groups_alone_at_their_x_are_not()
    {
        var f = ResultsFigure.Build(Sweep(), null, "lr", "std");
        Assert.Equal([-2, -1, 0, 1, 2], f.Lines.Where(l => l.InLegend).Select(l => l.Dodge));
        // One group per lr: nothing shares an x, nothing moves.
        var lone = ResultsFigure.Build(Sweep(), null, "batch_size", "std");
        var byLr = Sweep().Sections[0].Groups.Where(g => (int)g.Values["batch_size"]! == 32).ToList();
        var one = ResultsFigure.Build(Sweep() with { Sections = [Sweep().Sections[0] with { Groups = byLr }] }, null, "lr", "std");
        Assert.All(one.Lines, l => Assert.Equal(0, l.Dodge));
        Assert.Equal(10, lone.Lines.Count(l => l.InLegend)); // by batch size, the lrs are the series
    }

    [Fact]
    public void Groups_that_differ_by_the_x_key_alone_keep_their_own_colours_and_are_not_joined()
    {
        var byLr = Sweep().Sections[0].Groups.Where(g => (int)g.Values["batch_size"]! == 32).Select(g => g with { Values = new JsonObject { ["lr"] = g.Values["lr"]!.DeepClone() } }).ToList();
        var f = ResultsFigure.Build(Sweep() with { Sections = [Sweep().Sections[0] with { Groups = byLr }] }, null, "lr", "std", colorOf: g => 10 + byLr.IndexOf(g));
        Assert.Equal(Enumerable.Range(10, 10), f.Lines.Where(l => !l.Ringed || l.InLegend).Select(l => l.Color));
        Assert.DoesNotContain(f.Lines, l => l.Joined);
    }

    [Fact]
    public void A_key_the_x_value_decides_does_not_split_a_series_nor_name_it()
    {
        // act is relu at wd 0.1 and gelu above: by wd, one series per lr (3 points each), named by lr alone.
        var rows = new List<GroupRow>();
        foreach (var lr in new[] { 0.0001, 0.001, 0.01 })
            foreach (var wd in new[] { 0.1, 0.2, 0.4 })
                rows.Add(GroupRow.Of("sweep/mnist/mlp/adam", [0.5 + lr * 10 + wd]) with
                {
                    Values = new JsonObject { ["lr"] = lr, ["wd"] = wd, ["act"] = wd == 0.1 ? "relu" : "gelu" }, Trials = [$"trial_{rows.Count:D3}"], Best = rows.Count == 0,
                });
        var report = Sweep() with { Sections = [Sweep().Sections[0] with { Groups = rows }] };
        var f = ResultsFigure.Build(report, null, "wd", "std");
        var series = f.Lines.Where(l => l.InLegend).ToList();
        Assert.Equal(["0.0001", "0.001", "0.01"], series.Select(l => l.Name));
        Assert.All(series, l => Assert.Equal([0.1, 0.2, 0.4], l.X));
        Assert.Equal("lr", f.LegendTitle);
        // By lr, act varies within each lr: it is not left out of the names (the series are wd's three).
        var byLr = ResultsFigure.Build(report, null, "lr", "std").Lines.Where(l => l.InLegend).ToList();
        Assert.Equal(3, byLr.Count);
        Assert.Contains(byLr, l => l.Name.Contains("relu", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("8.5cm", "6cm", 1)]
    [InlineData("8.5cm", "6cm", 3)]
    [InlineData("17cm", "8cm", 3)]
    [InlineData("3.5in", "2.5in", 1)]
    public void Every_mark_and_error_bar_is_whole_inside_the_frame_and_dodged_bars_do_not_touch(string width, string height, int seeds)
    {
        var f = ResultsFigure.Build(Sweep(seeds), null, "lr", "std");
        var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(FigureLayout.Draw(f, new FigureSize(FigureSize.Parse(width, "width"), FigureSize.Parse(height, "height"), 8), new SvgCanvas())));
        var clip = svg.Descendants().Single(e => e.Name.LocalName == "rect" && e.Parent?.Name.LocalName == "clipPath");
        var (top, bottom, left, right) = (D(clip, "y"), D(clip, "y") + D(clip, "height"), D(clip, "x"), D(clip, "x") + D(clip, "width"));
        var marks = svg.Descendants().Where(e => e.Name.LocalName == "circle" && D(e, "cy") < bottom + 5).ToList();
        Assert.Equal(52, marks.Count); // 50 points, the best's ring and its point again on it
        foreach (var c in marks)
        {
            var (x, y, r) = (D(c, "cx"), D(c, "cy"), D(c, "r"));
            // A clear gap (a quarter em) to the frame above and below: before, the ring of the best and the lowest point
            // touched it (the audit's defect 10).
            Assert.True(y - r >= top + 2 && y + r <= bottom - 2 && x - r >= left && x + r <= right, $"a mark at ({x:0.0}, {y:0.0}) r {r:0.0} in [{left:0.0}, {right:0.0}] x [{top:0.0}, {bottom:0.0}]");
        }
        // The points at one lr: five distinct x, each at least a marker's diameter minus a little apart, in rank order.
        var atFirst = marks.Where(c => c.Attribute("fill")!.Value != "#000000").OrderBy(c => D(c, "cx")).Take(5).Select(c => D(c, "cx")).ToList();
        for (var i = 1; i < 5; i++) Assert.True(atFirst[i] - atFirst[i - 1] >= 8 * 0.28 * 1.2, $"points {atFirst[i] - atFirst[i - 1]:0.00} pt apart");
        if (seeds > 1)
        {
            // Error bars' caps (short horizontal strokes) of neighbours at one x do not overlap.
            var caps = svg.Descendants().Where(e => e.Name.LocalName == "polyline" && Points(e) is [var a, var b] && a.Y == b.Y && Math.Abs(a.X - b.X) < 8)
                .Select(e => Points(e)).Select(p => (Lo: Math.Min(p[0].X, p[1].X), Hi: Math.Max(p[0].X, p[1].X), p[0].Y)).ToList();
            Assert.NotEmpty(caps);
            foreach (var a in caps)
                foreach (var b in caps.Where(b => b != a && Math.Abs(b.Y - a.Y) < 0.5))
                    Assert.False(a.Lo < b.Hi - 0.11 && b.Lo < a.Hi - 0.11, $"caps [{a.Lo:0.0}, {a.Hi:0.0}] and [{b.Lo:0.0}, {b.Hi:0.0}] overlap at y {a.Y:0.0}");
        }
    }

    [Fact]
    public void The_pgfplots_file_joins_each_series_and_shifts_it_as_the_svg_does()
    {
        var f = ResultsFigure.Build(Sweep(), null, "lr", "std");
        var size = new FigureSize(FigureSize.Parse("8.5cm", "width"), FigureSize.Parse("6cm", "height"), 8);
        var tex = System.Text.Encoding.UTF8.GetString(PgfplotsWriter.Write(f, size));
        var plots = tex.Split("\\addplot[").Skip(1).Select(p => p.Split("]", 2)[0]).ToList();
        Assert.Equal(6, plots.Count); // five series and the ring
        Assert.Equal(5, plots.Count(p => !p.Contains("only marks")));
        var step = FigureLayout.DodgeStep(f, size.FontSize);
        Assert.True(step > 0);
        Assert.Contains(plots, p => p.Contains($"xshift={(-2 * step).ToString("0.##", CultureInfo.InvariantCulture)}bp"));
    }

    private static double D(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    private static (double X, double Y)[] Points(XElement e) => e.Attribute("points")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split(',')).Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture))).ToArray();
}
