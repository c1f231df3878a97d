using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// GET /api/figure draws what GET /api/series-group answers: the pgfplots data of every group is its mean and band
/// there, the SVG's lines are those numbers mapped onto the frame, the PDF opens in poppler and the .tex compiles
/// with pdflatex.
/// </summary>
public sealed class FigureApiTests : IAsyncLifetime
{
    private static readonly string[] Lrs = ["0.001", "0.01", "0.1"];
    private readonly LogTree tree = new();
    private TestServer? server;
    private List<string> paths = [];

    public async Task InitializeAsync()
    {
        paths = FigureLogs.Write(tree, Lrs, seeds: 3, steps: 1200);
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private string Trials(IEnumerable<string> which) => string.Join('&', which.Select(p => "trial=" + Uri.EscapeDataString(p)));

    private async Task<string> Figure(string query)
    {
        var response = await server!.Http.GetAsync($"/api/figure?{Trials(paths)}&{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    private Task<JsonElement> Group(int g, string phase, string x = "step") =>
        server!.GetJson($"/api/series-group?{Trials(paths.Skip(3 * g).Take(3))}&phase={phase}&metrics=loss&points={new FigureRequest([], "loss").Points}&x={x}");

    /// <summary>A value as the pgfplots file holds it (6 significant digits).</summary>
    private static double Tex(double v) => double.Parse(PgfplotsWriter.R(v), CultureInfo.InvariantCulture);

    private static double?[] Numbers(JsonElement a) => a.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();

    /// <summary>
    /// The group's line as the page draws it: each bucket's mean at the x the answer places it (x.mean); empty buckets
    /// left out. A train bucket's place is checked here too: the middle of its rows, each at the end of its batch.
    /// </summary>
    private static List<(double X, double Y, double Std, double Min, double Max)> Expected(JsonElement body, string phase, double scale = 1, bool even = true)
    {
        var xs = Numbers(body.GetProperty("x").GetProperty("mean"));
        var loss = body.GetProperty("loss");
        var (mean, std, min, max) = (Numbers(loss.GetProperty("mean")), Numbers(loss.GetProperty("std")), Numbers(loss.GetProperty("min")), Numbers(loss.GetProperty("max")));
        if (phase == "train" && even)
        {
            var (first, last) = (Numbers(body.GetProperty("step")), Numbers(body.GetProperty("at")));
            var done = scale == 1 ? 0 : 1; // the step axis numbers rows; samples count the row's own batch
            for (var i = 0; i < xs.Length; i++)
                if (last[i] is { } at) Assert.Equal(((first[i]!.Value + at) / 2 + done) * scale, xs[i]!.Value, 9);
        }
        return Enumerable.Range(0, xs.Length).Where(i => xs[i] is not null && mean[i] is not null)
            .Select(i => (xs[i]!.Value, mean[i]!.Value, std[i] ?? 0, min[i]!.Value, max[i]!.Value)).ToList();
    }

    [Theory]
    [InlineData("train", "std", "step")]
    [InlineData("val", "std", "step")]
    [InlineData("train", "range", "samples")]
    [InlineData("val", "range", "step")]
    public async Task Each_groups_pgfplots_data_is_its_series_group_mean_and_band(string phase, string band, string x)
    {
        var plots = TexTables.Read(await Figure($"metric=loss&phase={phase}&x={x}&group=1&band={band}&format=tex"));
        var lines = plots.Where(p => !p.IsBand).ToList();
        var bands = plots.Where(p => p.IsBand).ToList();
        Assert.Equal(Lrs.Length, lines.Count);
        Assert.Equal(Lrs.Length, bands.Count);
        for (var g = 0; g < Lrs.Length; g++)
        {
            // (The last group's seeds end at different steps: there a bucket sits at the mean of each seed's place.)
            var expected = Expected(await Group(g, phase, x), phase, x == "samples" ? 32 : 1, even: g < Lrs.Length - 1);
            Assert.Contains($"color=hg{g}", lines[g].Options);
            Assert.Equal(expected.Select(e => (Tex(e.X), Tex(e.Y))), lines[g].Rows.Select(r => (r[0], r[1])));
            // The band (upper forward, lower back); by step, a val pass's spread is an error bar at its step.
            Assert.Equal(phase == "val" && x == "step", bands[g].Options.Contains("error bars"));
            TexTables.AssertSpread(expected.Select(e => band == "std" ? (e.X, e.Y + e.Std, e.Y - e.Std) : (e.X, e.Max, e.Min)), bands[g]);
        }
    }

    [Fact]
    public async Task The_svg_draws_each_groups_numbers_onto_the_frame_with_a_legend_of_what_differs()
    {
        var svg = XDocument.Parse(await Figure("metric=loss&phase=train,val&x=step&group=1&band=std&format=svg"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("train step (train batches done)", texts);
        Assert.Contains("loss, mean ± std of 3 seeds", texts);
        Assert.Equal(["lr:", .. Lrs, "train", "val"], texts.Where(t => t is "lr:" or "train" or "val" || Lrs.Contains(t)).ToList());
        // Lines have many points; a val pass's error bar is a stroke and two caps of two points each.
        var clipped = svg.Descendants(ns + "polyline").Where(p => p.Attribute("clip-path") is not null && p.Attribute("points")!.Value.Split(' ').Length > 2).ToList();
        Assert.Equal(Lrs.Length * 2, clipped.Count);
        Assert.Equal(Lrs.Length, svg.Descendants(ns + "polygon").Count()); // a band per train line; the val passes have bars
        Assert.Contains(svg.Descendants(ns + "polyline"), p => p.Attribute("points")!.Value.Split(' ').Length == 2 && p.Attribute("clip-path") is not null);
        // Group 0's train line: its points are the API's (step, mean) under one affine map per axis.
        var line = clipped.Single(p => p.Attribute("stroke")!.Value == Palette.Of(0) && p.Attribute("stroke-dasharray") is null);
        var points = line.Attribute("points")!.Value.Split(' ').Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        var expected = Expected(await Group(0, "train"), "train");
        Assert.Equal(expected.Count, points.Count);
        AssertAffine(expected.Select(e => e.X).ToList(), points.Select(p => p[0]).ToList(), increasing: true);
        AssertAffine(expected.Select(e => e.Y).ToList(), points.Select(p => p[1]).ToList(), increasing: false);
    }

    /// <summary>Positions are a + b·value to the 0.1 pt they are written with; b's sign says which way the axis runs.</summary>
    private static void AssertAffine(List<double> values, List<double> positions, bool increasing)
    {
        var (i, j) = (values.IndexOf(values.Min()), values.IndexOf(values.Max()));
        var b = (positions[j] - positions[i]) / (values[j] - values[i]);
        Assert.Equal(increasing, b > 0);
        for (var k = 0; k < values.Count; k++) Assert.Equal(positions[i] + b * (values[k] - values[i]), positions[k], 0.11);
    }

    [Fact]
    public async Task The_pdf_opens_in_poppler_at_the_size_asked_with_its_words_as_text_in_an_embedded_font()
    {
        var response = await server!.Http.GetAsync($"/api/figure?{Trials(paths)}&metric=loss&x=step&group=1&format=pdf&width=3.3in&height=2.5in&font=9");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition?.ToString());
        var file = Path.Combine(tree.Root, "figure.pdf");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        var (code, info) = Tool.Run("pdfinfo", tree.Root, file);
        Assert.True(code == 0, info);
        Assert.Matches(@"Pages:\s+1\n", info);
        Assert.Matches(@"Page size:\s+237.6 x 180 pts", info);
        Assert.DoesNotContain("Syntax Error", info);
        var (textCode, text) = Tool.Run("pdftotext", tree.Root, "-layout", file, "-");
        Assert.Equal(0, textCode);
        foreach (var word in new[] { "lr:", "0.001", "0.01", "0.1", "train step (train batches done)", "train", "val" }) Assert.Contains(word, text);
        Assert.Contains("mean ± std of 3 seeds", text);
        var (_, fonts) = Tool.Run("pdffonts", tree.Root, file);
        Assert.Matches(@"\+Arimo\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", fonts); // embedded, a subset, copyable
        Assert.DoesNotMatch(@"\s(no)\s+(yes|no)\s+(yes|no)\s+\d+\s+0", fonts);
    }

    [Fact]
    public async Task The_tex_compiles_with_pdflatex_and_the_result_names_the_groups()
    {
        var tex = await Figure("metric=loss&phase=train,val&x=epoch&group=1&band=std&format=tex&font=9");
        var text = Tool.Typeset(Directory.CreateDirectory(Path.Combine(tree.Root, "tex")).FullName, tex);
        foreach (var word in new[] { "0.001", "0.01", "0.1", "epoch", "train", "val" }) Assert.Contains(word, text);
    }

    [Fact]
    public async Task By_epoch_each_group_is_the_mean_over_seeds_of_their_epoch_means()
    {
        var lines = TexTables.Read(await Figure("metric=loss&phase=train&x=epoch&group=1&band=none&format=tex"));
        Assert.Equal(Lrs.Length, lines.Count);
        // Seed by seed, the mean of its train rows per epoch, straight from the logs.
        var perTrial = paths.Select(p => File.ReadLines(Path.Combine(tree.Trial(p), "batch_log.csv")).Skip(1).Select(l => l.Split(','))
            .Where(c => c[1] == "train").GroupBy(c => int.Parse(c[0], CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Average(c => double.Parse(c[3], CultureInfo.InvariantCulture)))).ToList();
        for (var g = 0; g < Lrs.Length; g++)
        {
            var seeds = perTrial.Skip(3 * g).Take(3).ToList();
            var epochs = seeds.SelectMany(s => s.Keys).Distinct().Order().ToList();
            Assert.Equal(epochs.Select(e => (double)e), lines[g].Rows.Select(r => r[0]));
            for (var k = 0; k < epochs.Count; k++)
                Assert.Equal(Tex(seeds.Where(s => s.ContainsKey(epochs[k])).Average(s => s[epochs[k]])), lines[g].Rows[k][1]);
        }
    }

    [Fact]
    public async Task Ungrouped_each_trial_is_a_line_named_by_what_differs_including_its_seed()
    {
        var tex = await Figure("metric=loss&phase=train&x=step&format=tex");
        var lines = TexTables.Read(tex);
        Assert.Equal(paths.Count, lines.Count);
        Assert.Contains("(hgl) {lr=0.001, seed=0};", tex); // a legend node
        Assert.Contains("(hgl) {lr=0.1, seed=2};", tex);
    }

    [Theory]
    [InlineData("width=3", "width=3 is not a length")]
    [InlineData("height=200cm", "outside 1 cm to 1 m")]
    [InlineData("font=40", "font=40 is not a type size")]
    [InlineData("format=png", "'png' is not a figure format")]
    [InlineData("x=time", "x=time is not an axis")]
    [InlineData("band=wide", "band=wide is not a band")]
    [InlineData("smooth=2", "smooth=2 is not from 0")]
    [InlineData("phase=test", "phase=test is not train, val or both")]
    [InlineData("from=500&to=100", "from=500 is not before to=100")]
    [InlineData("metric=bleu", "metric 'bleu' is in no selected trial's log")]
    public async Task A_bad_choice_is_a_400_that_says_what_to_write(string query, string words)
    {
        var response = await server!.Http.GetAsync($"/api/figure?{Trials(paths)}&{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(words, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("trial=sweep/mnist/mlp/adam/trial_099")]
    [InlineData("trial=../../etc/passwd")]
    [InlineData("")]
    public async Task Only_trials_under_out_log_are_drawn(string trials)
    {
        var response = await server!.Http.GetAsync($"/api/figure?{trials}&metric=loss");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
