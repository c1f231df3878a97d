using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// A point no line reaches is drawn as a marker, by one rule in the SVG, PDF and pgfplots file (and on the page,
/// plots.js markPoints): each bucket the server answers lone (a val pass by step) and a line's only point. The fourth
/// audit's defect 2: a val pass of one row (1 epoch, n_val = batch size) was invisible, its legend entry and nothing.
/// </summary>
public sealed class OnePointMarksTests : IAsyncLifetime
{
    private const string Leaf = "experiment/clusters/softmax/sgd";
    private readonly LogTree tree = new();
    private TestServer? server;

    // The audit's study: 1 epoch of 16 train batches, then one val row (n_val = batch size).
    private static string Log(int seed)
    {
        var sb = new StringBuilder("epoch,mode,batch,loss,acc\n");
        for (var b = 0; b < 16; b++) sb.Append(CultureInfo.InvariantCulture, $"1,train,{b},{1.4 - b * 0.07 + seed * 0.01},{0.2 + b * 0.05}\n");
        sb.Append(CultureInfo.InvariantCulture, $"1,val,0,{0.44 + seed * 0.02},{0.9 + seed * 0.03}\n");
        return sb.ToString();
    }

    public async Task InitializeAsync()
    {
        for (var n = 0; n < 2; n++)
            File.WriteAllText(Path.Combine(tree.AddTrial($"{Leaf}/trial_{n:D3}", $"seed: {n}\nbatch_size: 32\ncommand: python3 train.py\n"), TrialFiles.BatchLog), Log(n));
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private const string Both = $"trial={Leaf}/trial_000&trial={Leaf}/trial_001";

    private async Task<string> Get(string query)
    {
        var response = await server!.Http.GetAsync($"/api/figure?{Both}&metric=acc&phase=train,val&x=step&{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    [Fact]
    public async Task A_grouped_val_pass_of_one_row_is_a_marker_with_its_error_bar_where_the_group_series_puts_it_inside_the_axis()
    {
        var group = await server!.GetJson($"/api/series-group?{Both}&phase=val&metrics=acc&x=step");
        var x = group.GetProperty("x").GetProperty("mean").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).Single();
        Assert.Equal(16, x); // after 16 train batches
        var tex = await Get("group=1&format=tex");
        var val = TexTables.Read(tex).Single(p => !p.IsBand && p.Options.Contains("dashed"));
        Assert.Contains("mark indices={1}", val.Options);
        Assert.Equal(x, val.Rows.Single()[0]);
        Assert.Contains(TexTables.Read(tex), p => p.IsBand && p.Options.Contains("error bars") && p.Rows.Single()[0] == x);
        var xmax = double.Parse(System.Text.RegularExpressions.Regex.Match(tex, @"xmax=([^,]+),").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(xmax > x, $"the axis ends at {xmax}, the pass is at {x}: its marker and caps must be inside");
        // The train line (every bucket next to another) has no marks.
        Assert.DoesNotContain("mark indices", TexTables.Read(tex).Single(p => !p.IsBand && !p.Options.Contains("dashed")).Options);
        var dir = Directory.CreateTempSubdirectory("hypergrid-marks-").FullName;
        try { Tool.Typeset(dir, tex); }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task Ungrouped_each_trials_val_pass_is_a_circle_in_the_svg_at_its_x()
    {
        var svg = XDocument.Parse(await Get("format=svg"));
        var all = svg.Descendants().Where(e => e.Name.LocalName == "circle").ToList();
        // The val lines are only marks: the legend's val sample is their hollow mark, in black (PhaseMarksTests).
        Assert.Single(all, c => PhaseMarksTests.Paint(c, "stroke") == "#000000");
        var circles = all.Where(c => PhaseMarksTests.Paint(c, "stroke") != "#000000").ToList();
        Assert.Equal(2, circles.Count); // one per trial, hollow as val
        Assert.All(circles, c => Assert.Equal("none", PhaseMarksTests.Paint(c, "fill")));
        Assert.Single(circles.Select(c => c.Attribute("cx")!.Value).Distinct()); // both at step 16
    }

    [Fact]
    public void The_rule_marks_lone_buckets_and_a_lines_only_point_and_nothing_else()
    {
        var n = double.NaN;
        Assert.Equal([1, 4], PointMarks.Of(new FigureLine("v", 0, true, [n, 2, n, n, 5], [null, 0.8, null, null, 0.5]) { Lone = [false, true, false, false, true] }, (_, _) => true));
        // Not lone by the answer (a zoom's edge whose neighbour is outside): one point is still the line's only one.
        Assert.Equal([2], PointMarks.Of(new FigureLine("v", 0, true, [n, n, 7], [null, null, 0.5]) { Lone = [false, false, false] }, (_, _) => true));
        // By epoch (no answer): a line of one epoch is a mark, a line of three is not.
        Assert.Equal([0], PointMarks.Of(new FigureLine("t", 0, false, [1], [0.5]), (_, _) => true));
        Assert.Empty(PointMarks.Of(new FigureLine("t", 0, false, [1, 2, 3], [0.5, 0.4, 0.3]), (_, _) => true));
        // A point not shown (a log y axis' 0) is neither a mark nor counted.
        Assert.Equal([1], PointMarks.Of(new FigureLine("t", 0, false, [1, 2], [0, 0.4]), (x, y) => y > 0));
    }
}
