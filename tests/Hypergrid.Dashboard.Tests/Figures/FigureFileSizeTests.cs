using System.Text.RegularExpressions;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>A figure of 50 groups of seeds at step resolution stays small enough for Overleaf and a journal's upload, in every format.</summary>
public sealed class FigureFileSizeTests : IAsyncLifetime
{
    private readonly LogTree tree = new();
    private TestServer? server;
    private List<string> paths = [];

    public async Task InitializeAsync()
    {
        var lrs = Enumerable.Range(1, 50).Select(i => (i * 0.001).ToString("R", CultureInfo.InvariantCulture)).ToArray();
        paths = FigureLogs.Write(tree, lrs, seeds: 2, steps: 1000); // more steps than the 241 buckets of 17 cm
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    [Theory]
    [InlineData("svg", 500_000)]
    [InlineData("pdf", 250_000)]
    [InlineData("tex", 1_500_000)]
    public async Task Fifty_grouped_curves_with_bands_at_step_resolution_stay_small(string format, int limit)
    {
        var query = string.Join('&', paths.Select(p => "trial=" + p)) + $"&metric=loss&phase=train,val&x=step&group=1&band=std&format={format}&width=17cm&height=9cm";
        var response = await server!.Http.GetAsync("/api/figure?" + query);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, System.Text.Encoding.UTF8.GetString(bytes));
        Assert.InRange(bytes.Length, 1000, limit);
        if (format == "svg")
        {
            var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes));
            // 50 groups x 2 phases (a val pass's error bar: strokes of two points).
            Assert.Equal(100, svg.Descendants().Count(e => e.Name.LocalName == "polyline" && e.Attribute("clip-path") is not null && e.Attribute("points")!.Value.Split(' ').Length > 2));
        }
    }

    private static double?[] Numbers(JsonElement a) => a.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();

    /// <summary>A value as the pgfplots file holds it (6 significant digits).</summary>
    private static double Tex(double v) => double.Parse(Hypergrid.Dashboard.Figures.PgfplotsWriter.R(v), CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_pgfplots_file_of_fifty_grouped_curves_has_coarser_buckets_whose_values_are_series_group_at_that_level()
    {
        var query = string.Join('&', paths.Select(p => "trial=" + p)) + "&metric=loss&phase=train,val&x=step&group=1&band=std&format=tex&width=17cm&height=10cm";
        var response = await server!.Http.GetAsync("/api/figure?" + query);
        var tex = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, tex);
        var plots = TexTables.Read(tex);
        var lines = plots.Where(p => !p.IsBand).ToList();
        var bands = plots.Where(p => p.IsBand).ToList();
        Assert.Equal(100, lines.Count); // 50 groups x train, val
        // The SVG's 160 buckets of 17 cm (one per 3 pt) would be 23,000 coordinates; the file keeps to its budget.
        var points = Hypergrid.Dashboard.Figures.FigureRequest.TexMinPoints;
        Assert.All(lines, l => Assert.InRange(l.Rows.Count, 1, points));
        Assert.All(bands, b => Assert.InRange(b.Rows.Count, 2, 2 * points));
        Assert.InRange(plots.Sum(p => p.Rows.Count), 1000, 1.1 * Hypergrid.Dashboard.Figures.FigureRequest.TexCoordinates);
        // Each group's train and val line and spread: /api/series-group's buckets at points=50, as the page would get them.
        // A line's spread may be several plots (a filled band per run of adjacent buckets, the lone buckets' error bars:
        // BandRuns), all of the group's colour, which its train and val share: compared as one set per group.
        static string Colour(string options) => Regex.Match(options, @"\bhg\d+\b").Value;
        for (var g = 0; g < 50; g++)
        {
            var want = new List<(double X, double Upper, double Lower)>();
            foreach (var (phase, k) in new[] { ("train", 0), ("val", 1) })
            {
                var body = await server.GetJson($"/api/series-group?{string.Join('&', paths.Skip(2 * g).Take(2).Select(p => "trial=" + p))}&phase={phase}&metrics=loss&points={points}&x=step");
                var (xs, loss) = (Numbers(body.GetProperty("x").GetProperty("mean")), body.GetProperty("loss"));
                var (mean, std) = (Numbers(loss.GetProperty("mean")), Numbers(loss.GetProperty("std")));
                var kept = Enumerable.Range(0, xs.Length).Where(i => xs[i] is not null && mean[i] is not null).ToList();
                Assert.True(kept.Count > 1);
                Assert.Equal(kept.Select(i => (Tex(xs[i]!.Value), Tex(mean[i]!.Value))), lines[2 * g + k].Rows.Select(r => (r[0], r[1])));
                want.AddRange(kept.Select(i => (xs[i]!.Value, mean[i]!.Value + (std[i] ?? 0), mean[i]!.Value - (std[i] ?? 0))));
            }
            var colour = Colour(lines[2 * g].Options);
            var got = bands.Where(b => Colour(b.Options) == colour).SelectMany(TexTables.Spread).ToList();
            // A lone bucket without spread (std 0) gets no bar, as the page draws none: spreads of no width are left out of both.
            static IEnumerable<(double X, double Upper, double Lower)> Wide(IEnumerable<(double X, double Upper, double Lower)> ps) =>
                ps.Where(p => Math.Abs(p.Upper - p.Lower) > 2e-5 * Math.Max(1, Math.Abs(p.Upper))).OrderBy(p => p.X).ThenBy(p => p.Upper);
            TexTables.AssertPoints(Wide(want), Wide(got));
        }
    }

    [Fact]
    public async Task A_pgfplots_file_of_few_curves_keeps_the_svgs_buckets()
    {
        var query = string.Join('&', paths.Take(6).Select(p => "trial=" + p)) + "&metric=loss&phase=train,val&x=step&group=1&band=std&format=tex&width=17cm&height=10cm";
        var tex = await (await server!.Http.GetAsync("/api/figure?" + query)).Content.ReadAsStringAsync();
        var train = TexTables.Read(tex).Where(p => !p.IsBand).First();
        var svgPoints = new Hypergrid.Dashboard.Figures.FigureRequest([], "loss") { Size = new(Hypergrid.Dashboard.Figures.FigureSize.Parse("17cm", "width"), 100, 8) }.Points;
        // 1,000 steps in buckets of ceil(1000 / 160) = 7 steps: 143 buckets.
        Assert.Equal((int)Math.Ceiling(1000.0 / Math.Ceiling(1000.0 / svgPoints)), train.Rows.Count);
    }

    [Fact]
    public async Task The_pgfplots_file_of_fifty_grouped_curves_at_step_resolution_compiles_with_pdflatex_in_its_memory()
    {
        var query = string.Join('&', paths.Select(p => "trial=" + p)) + "&metric=loss&phase=train,val&x=step&group=1&band=std&format=tex&width=17cm&height=10cm";
        var response = await server!.Http.GetAsync("/api/figure?" + query);
        var tex = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, tex);
        var dir = Directory.CreateTempSubdirectory("hypergrid-tex-").FullName;
        try
        {
            var words = Tool.Typeset(dir, tex);
            Assert.Contains("train step (train batches done)", words);
            // TeX Live's main memory is 5,000,000 words; 50 groups must leave room (17-digit coordinates passed it).
            var used = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(dir, "paper.log")), @"(\d+) words of memory out of (\d+)");
            Assert.True(used.Success);
            Assert.True(double.Parse(used.Groups[1].Value, CultureInfo.InvariantCulture) < 0.75 * double.Parse(used.Groups[2].Value, CultureInfo.InvariantCulture), used.Value);
        }
        finally { Directory.Delete(dir, true); }
    }
}
