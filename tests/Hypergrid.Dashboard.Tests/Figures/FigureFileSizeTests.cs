using System.Globalization;
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
            Assert.Equal(100, svg.Descendants().Count(e => e.Name.LocalName == "polyline" && e.Attribute("clip-path") is not null)); // 50 groups x 2 phases
        }
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
            Assert.Contains("train step (batches)", words);
            // TeX Live's main memory is 5,000,000 words; 50 groups must leave room (17-digit coordinates passed it).
            var used = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(dir, "paper.log")), @"(\d+) words of memory out of (\d+)");
            Assert.True(used.Success);
            Assert.True(double.Parse(used.Groups[1].Value, CultureInfo.InvariantCulture) < 0.75 * double.Parse(used.Groups[2].Value, CultureInfo.InvariantCulture), used.Value);
        }
        finally { Directory.Delete(dir, true); }
    }
}
