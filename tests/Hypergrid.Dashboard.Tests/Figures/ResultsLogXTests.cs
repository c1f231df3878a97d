using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// The Results figure's log x axis: by itself for a key whose values are above 0 and span two decades or more (lr from
/// 0.0001 to 0.01), never for one spanning less (wd from 0.1 to 0.4) or for categories; logx=true and logx=false say
/// so outright; the x label says "(log scale)". In SVG the lr points are equally spaced (a decade each), in PDF the
/// ticks are at the decades, in pgfplots the axis is xmode=log and compiles with pdflatex.
/// </summary>
public sealed partial class ResultsLogXTests : IAsyncLifetime
{
    private static readonly string[] Lrs = ["0.0001", "0.001", "0.01"];
    private static readonly string[] Wds = ["0.1", "0.2", "0.4"];
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        var n = 0;
        for (var l = 0; l < Lrs.Length; l++)
            for (var w = 0; w < Wds.Length; w++)
                for (var seed = 0; seed < 2; seed++)
                    tree.AddComplete($"sweep/mnist/mlp/adam/trial_{n++:D3}", $"seed: {seed}\nlr: {Lrs[l]}\nwd: {Wds[w]}\nact: {(w == 0 ? "relu" : "gelu")}\n",
                        epochs: 1, batches: 2, scale: 0.5 + 0.2 * l + 0.1 * w + 0.03 * seed);
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private async Task<HttpResponseMessage> Get(string query) => await server!.Http.GetAsync($"/api/report-figure?metric=val_loss&{query}");

    private async Task<string> Text(string query)
    {
        var response = await Get(query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    // The distinct x positions of one series' points (the first drawn colour's; series are dodged apart by a constant,
    // so their spacing is the axis's), the best's black ring left out, left to right.
    private static List<double> PointXs(string svg)
    {
        var points = Circle().Matches(svg).Where(m => m.Groups[3].Value != "#000000" && Num(m.Groups[2].Value) <= PlotBottom(svg)).ToList();
        return points.Where(m => m.Groups[3].Value == points[0].Groups[3].Value).Select(m => Num(m.Groups[1].Value))
            .Select(x => Math.Round(x, 1)).Distinct().Order().ToList();
    }

    [Theory]
    [InlineData("key=lr", true)]
    [InlineData("key=lr&logx=true", true)]
    [InlineData("key=lr&logx=false", false)]
    [InlineData("key=wd", false)]
    [InlineData("key=wd&logx=true", true)]
    public async Task The_svg_spaces_a_key_spanning_decades_by_decades(string query, bool log)
    {
        var svg = await Text(query + "&format=svg");
        var xs = PointXs(svg);
        Assert.Equal(3, xs.Count);
        var (first, second) = (xs[1] - xs[0], xs[2] - xs[1]);
        var values = (query.StartsWith("key=lr", StringComparison.Ordinal) ? Lrs : Wds).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // Log: each gap is its ratio's share of the decades; linear: its difference's share of the range.
        var expected = log ? Math.Log10(values[1] / values[0]) / Math.Log10(values[2] / values[1]) : (values[1] - values[0]) / (values[2] - values[1]);
        Assert.Equal(expected, first / second, 2);
        Assert.Equal(log, svg.Contains("(log scale)", StringComparison.Ordinal));
        Assert.Equal(log && query.StartsWith("key=lr", StringComparison.Ordinal), svg.Contains(">10<tspan", StringComparison.Ordinal)); // ticks 10^-4 ... 10^-2
    }

    [Fact]
    public async Task The_pgfplots_axis_is_xmode_log_and_compiles()
    {
        var tex = await Text("key=lr&format=tex");
        Assert.Contains("xmode=log", tex);
        Assert.Contains("lr (log scale)", tex);
        var xs = TexTables.Read(tex).SelectMany(p => p.Rows.Select(r => r[0])).Distinct().Order().ToList();
        Assert.Equal(Lrs.Select(v => double.Parse(v, CultureInfo.InvariantCulture)), xs); // the values themselves: pgfplots takes their logarithm
        Assert.DoesNotContain("xmode=log", await Text("key=lr&logx=false&format=tex"));
        Assert.DoesNotContain("xmode=log", await Text("key=wd&format=tex"));
        var words = Tool.Typeset(Directory.CreateDirectory(Path.Combine(tree.Root, "tex")).FullName, tex);
        Assert.Contains("log scale", words);
    }

    [Fact]
    public async Task The_pdf_has_ticks_at_the_decades_and_says_log_scale()
    {
        var dir = Directory.CreateDirectory(Path.Combine(tree.Root, "pdf")).FullName;
        async Task<string> Words(string query)
        {
            var response = await Get(query + "&format=pdf");
            Assert.True(response.IsSuccessStatusCode);
            await File.WriteAllBytesAsync(Path.Combine(dir, "results.pdf"), await response.Content.ReadAsByteArrayAsync());
            return Tool.Run("pdftotext", dir, "results.pdf", "-").Output;
        }
        var log = await Words("key=lr");
        Assert.Contains("lr (log scale)", log);
        // Ticks at the decades: 10^-4 (10 with -4 raised), 0.001, 0.01; a linear axis has 0.002, 0.004, ... instead.
        foreach (var tick in new[] { "10-4", "0.001", "0.01" }) Assert.True(log.Contains(tick, StringComparison.Ordinal), log);
        Assert.DoesNotContain("0.002", log);
        var linear = await Words("key=lr&logx=false");
        Assert.DoesNotContain("log scale", linear);
        Assert.Contains("0.002", linear);
        Assert.DoesNotContain("10-4", linear);
    }

    [Theory]
    [InlineData("key=act&logx=true", "needs a key with numbers")]
    [InlineData("key=lr&logx=yes", "logx=yes is not true or false")]
    public async Task A_log_axis_that_cannot_be_is_a_400_naming_it(string query, string named)
    {
        var response = await Get(query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
    }

    private static double Num(string v) => double.Parse(v, CultureInfo.InvariantCulture);

    // The points are in the plot's frame (the clip rectangle); the legend's dots are below it.
    private static double PlotBottom(string svg)
    {
        var m = ClipRect().Match(svg);
        return Num(m.Groups[1].Value) + Num(m.Groups[2].Value);
    }

    [GeneratedRegex("<circle cx=\"([-0-9.]+)\" cy=\"([-0-9.]+)\" [^>]*fill=\"(#[0-9a-fA-F]{6})\"")]
    private static partial Regex Circle();

    [GeneratedRegex("<clipPath id=\"plot-[0-9a-f]+\"><rect x=\"[-0-9.]+\" y=\"([-0-9.]+)\" width=\"[-0-9.]+\" height=\"([-0-9.]+)\"")]
    private static partial Regex ClipRect();
}
