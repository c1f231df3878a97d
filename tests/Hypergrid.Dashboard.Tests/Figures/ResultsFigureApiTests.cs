using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// GET /api/report-figure draws the Results chart from the numbers GET /api/report answers: each group's point is its
/// mean at its key's value in its series (the groups of one value of the other key), its error bar its std or CI, the best ringed and named in a note; the .tex compiles with pdflatex,
/// the PDF opens in poppler with its words, and a bad choice is a 400 naming it.
/// </summary>
public sealed partial class ResultsFigureApiTests : IAsyncLifetime
{
    private static readonly string[] Lrs = ["0.001", "0.01", "0.1"];
    private static readonly string[] Acts = ["relu", "gelu"];
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        var n = 0;
        for (var a = 0; a < Acts.Length; a++)
            for (var l = 0; l < Lrs.Length; l++)
                for (var seed = 0; seed < 3; seed++)
                    tree.AddComplete($"experiment/mnist/cnn/adam/trial_{n++:D3}", $"seed: {seed}\nlr: {Lrs[l]}\nact: {Acts[a]}\n", epochs: 2, batches: 2,
                        scale: 0.5 + 0.3 * l + 0.2 * a + 0.05 * seed * (l + 1));
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private const string Report = "metric=val_loss";

    private async Task<string> Figure(string query)
    {
        var response = await server!.Http.GetAsync($"/api/report-figure?{Report}&{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    private static double? Num(JsonElement g, string name) => g.GetProperty(name).ValueKind == JsonValueKind.Number ? g.GetProperty(name).GetDouble() : null;

    [Theory]
    [InlineData("lr", "std")]
    [InlineData("lr", "ci")]
    [InlineData("act", "std")]
    [InlineData("act", "ci")]
    public async Task Each_groups_point_and_error_bar_are_its_numbers_in_the_report(string key, string err)
    {
        var groups = (await server!.GetJson($"/api/report?{Report}")).GetProperty("sections")[0].GetProperty("groups").EnumerateArray().ToList();
        var tex = await Figure($"key={key}&err={err}&format=tex");
        var all = TexTables.Read(tex);
        // A series per value of the other key (its groups joined across a numeric x), and the best's ring on its own.
        var plots = all.Where(p => !p.Options.Contains("draw=black")).ToList();
        var ring = Assert.Single(all, p => p.Options.Contains("draw=black"));
        Assert.Equal(Lrs.Length * Acts.Length, groups.Count);
        Assert.Equal(key == "lr" ? Acts.Length : Lrs.Length, plots.Count);
        Assert.Equal(groups.Count, plots.Sum(p => p.Rows.Count));
        Assert.All(plots, p => Assert.Equal(key == "lr", !p.Options.Contains("only marks")));
        var categories = tex.Contains("xmin=-0.5,", StringComparison.Ordinal) && XTickLabels().Match(tex) is { Success: true } m ? m.Groups[1].Value.Split(',').Select(c => c.Trim('{', '}')).ToList() : null;
        Assert.Equal(key == "act", categories is not null);
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var mean = g.GetProperty("mean").GetDouble();
            var (lo, hi) = err == "ci" ? (Num(g, "ci_low")!.Value, Num(g, "ci_high")!.Value) : (mean - Num(g, "std")!.Value, mean + Num(g, "std")!.Value);
            var value = g.GetProperty("values").GetProperty(key);
            var x = categories is null ? value.GetDouble() : categories.IndexOf(value.GetString()!);
            var row = Assert.Single(plots.SelectMany(p => p.Rows), r => r[0] == x && Math.Abs(r[1] - mean) < 1e-5 * Math.Abs(mean));
            Assert.Equal(hi - mean, row[2], 5);
            Assert.Equal(mean - lo, row[3], 5);
            Assert.True(hi > lo, "a group of three seeds has an error bar");
            // The best group is ringed and named so; no other is.
            Assert.Equal(g.GetProperty("best").GetBoolean(), ring.Rows[0][0] == x && Math.Abs(ring.Rows[0][1] - mean) < 1e-5 * Math.Abs(mean));
        }
        // Named by the other key (the axis shows this one), the best in the note under the legend.
        var best = groups.Single(g => g.GetProperty("best").GetBoolean()).GetProperty("values");
        var (other, otherValue) = key == "lr" ? ("act", best.GetProperty("act").GetString()!) : ("lr", best.GetProperty("lr").GetDouble().ToString(CultureInfo.InvariantCulture));
        Assert.Contains($"(hgl) {{{other}:}};", tex);
        var bestX = key == "lr" ? best.GetProperty("lr").GetDouble().ToString(CultureInfo.InvariantCulture) : best.GetProperty("act").GetString();
        Assert.Contains($"(hgl) {{ringed: the best ({otherValue}, {(key == "lr" ? "lr" : "act")}={bestX})}};", tex);
        // One colour per series (ResultsSeries ranks them; one per group before, no series readable).
        Assert.Equal(plots.Count, plots.Select(p => ColorOf().Match(p.Options).Value).Distinct().Count());
    }

    [Fact]
    public async Task The_svg_has_one_point_per_group_and_a_ring_for_the_best()
    {
        var svg = await Figure("key=lr&format=svg");
        var circles = Circle().Matches(svg).Select(c => c.Groups[1].Value).ToList();
        // A point per group, the best's ring and its point again on it, and a legend dot per series (one per act).
        Assert.Equal(Lrs.Length * Acts.Length + 2 + Acts.Length, circles.Count);
        Assert.Equal(2, svg.Split(">relu<").Length + svg.Split(">gelu<").Length - 2); // one legend entry per act
        Assert.Single(circles, c => c == "#000000");
        Assert.Contains("val_loss (mean ± std over seeds)", svg);
    }

    [Fact]
    public async Task The_tex_compiles_with_pdflatex_and_the_pdf_names_the_groups()
    {
        var tex = await Figure("key=act&err=ci&format=tex&font=9");
        var dir = Directory.CreateDirectory(Path.Combine(tree.Root, "tex")).FullName;
        var text = Tool.Typeset(dir, tex);
        foreach (var word in new[] { "lr:", "0.001", "ringed: the best", "95% CI" }) Assert.Contains(word, text);

        var pdf = await server!.Http.GetByteArrayAsync($"/api/report-figure?{Report}&key=lr&format=pdf");
        await File.WriteAllBytesAsync(Path.Combine(dir, "results.pdf"), pdf);
        var (_, words) = Tool.Run("pdftotext", dir, "results.pdf", "-");
        foreach (var word in new[] { "lr", "val_loss", "relu", "gelu", "ringed: the best" }) Assert.Contains(word, words);
    }

    [Theory]
    [InlineData("err=sem", "err=sem is not a kind of error bar")]
    [InlineData("section=nowhere", "section=nowhere is not a section")]
    [InlineData("key=depth", "key=depth: 'depth' does not differ")]
    [InlineData("format=png", "'png' is not a figure format")]
    public async Task A_bad_choice_is_a_400_naming_it(string query, string named)
    {
        var response = await server!.Http.GetAsync($"/api/report-figure?{Report}&{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"xticklabels=\{(.*?)\},\n")]
    private static partial Regex XTickLabels();

    [GeneratedRegex(@"color=hg\d+")]
    private static partial Regex ColorOf();

    [GeneratedRegex("<circle [^>]*fill=\"(#[0-9a-fA-F]{6})\"")]
    private static partial Regex Circle();
}
