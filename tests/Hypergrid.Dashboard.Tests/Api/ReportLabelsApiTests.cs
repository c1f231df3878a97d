using System.Text.Json;
using System.Xml.Linq;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// The names the page's Results scatter shows (GET /api/report's section.labels, per x key) are the legend names of the
/// Results figure file of the same selection (GET /api/report-figure): the same texts in the same order, the figure's
/// legend title folded into "key=value" on the page; over several leaves, one leaf, and a key only one leaf has.
/// </summary>
public sealed class ReportLabelsApiTests : IAsyncLifetime
{
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        var n = 0;
        foreach (var lr in new[] { "0.001", "0.01" })
            foreach (var seed in new[] { 0, 1 })
            {
                foreach (var act in new[] { "relu", "gelu" })
                    tree.AddComplete($"experiment/mnist/cnn/adam/trial_{n++:D3}", $"seed: {seed}\nlr: {lr}\nact: {act}\n", epochs: 1, batches: 2, scale: 0.5 + n * 0.01);
                foreach (var width in new[] { 64, 128 })
                    tree.AddComplete($"experiment/mnist/mlp/adam/trial_{n++:D3}", $"seed: {seed}\nlr: {lr}\nwidth: {width}\n", epochs: 1, batches: 2, scale: 0.6 + n * 0.01);
            }
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    [Theory]
    [InlineData("", "lr", null)]
    [InlineData("&leaf=experiment/mnist/cnn/adam", "lr", "act")]
    [InlineData("&leaf=experiment/mnist/mlp/adam", "width", "lr")]
    [InlineData("", "width", "lr")] // cnn has no width: the figure draws mlp's groups alone, the page draws cnn's apart
    public async Task The_pages_point_names_are_the_results_figures_legend_names(string selection, string key, string? title)
    {
        var section = (await server!.GetJson($"/api/report?metric=val_loss{selection}")).GetProperty("sections")[0];
        var groups = section.GetProperty("groups").EnumerateArray().ToList();
        var labels = section.GetProperty("labels").GetProperty(key).EnumerateArray().ToList();
        Assert.Equal(groups.Count, labels.Count);
        // The page's text of a label (point-labels.js labelText): the leaf part, a space, the keys joined by commas.
        var shown = labels.Select(l => string.Join(" ", new[] { l.GetProperty("leaf").GetString()!, string.Join(", ", l.GetProperty("keys").EnumerateArray().Select(k => k.GetString())) }.Where(p => p.Length > 0))).ToList();
        // In the order of the answered series (ResultsSeries' rank), each series named by its first group's label.
        var drawn = section.GetProperty("series").GetProperty(key).EnumerateArray().SelectMany(s => s.GetProperty("groups").EnumerateArray().Select(g => shown[g.GetInt32()]))
            .Distinct().ToList();
        Assert.Equal(drawn.Order(), shown.Where((_, i) => groups[i].GetProperty("values").TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null).Distinct().Order());
        Assert.True(drawn.Count >= 2, string.Join(" | ", shown));
        var expected = title is null ? drawn : [title + ":", .. drawn.Select(t => t.StartsWith(title + "=", StringComparison.Ordinal) ? t[(title.Length + 1)..] : "not under the title: " + t)];

        var response = await server.Http.GetAsync($"/api/report-figure?metric=val_loss{selection}&key={key}&format=svg&width=17cm&height=12cm");
        var svg = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, svg);
        var texts = XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        var legend = texts.Where(expected.Contains).ToList();
        Assert.Equal(expected, legend);
        // Nothing the page shows is a name the figure lacks: every drawn group's label is one of the legend's entries.
        Assert.All(drawn, d => Assert.Contains(title is null ? d : d[(title.Length + 1)..], texts));
    }

    [Fact]
    public async Task Labels_are_answered_for_the_keys_the_scatter_offers_the_numeric_ones()
    {
        var labels = (await server!.GetJson("/api/report?metric=val_loss")).GetProperty("sections")[0].GetProperty("labels");
        Assert.Equal(["lr", "width"], labels.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task The_scatters_keys_are_answered_in_order_and_each_has_its_labels()
    {
        // The page's key choice is this list (results.js scatterKeys reads it): numeric keys here, act is words.
        var section = (await server!.GetJson("/api/report?metric=val_loss")).GetProperty("sections")[0];
        var keys = section.GetProperty("scatter_keys").EnumerateArray().Select(k => k.GetString()!).ToList();
        Assert.Equal(["lr", "width"], keys.Order());
        Assert.Equal(keys, section.GetProperty("labels").EnumerateObject().Select(p => p.Name));
        var words = (await server.GetJson("/api/report?metric=val_loss&leaf=experiment/mnist/cnn/adam")).GetProperty("sections")[0];
        Assert.Equal(["lr"], words.GetProperty("scatter_keys").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task The_series_by_a_key_are_answered_ranked_coloured_joined_and_dodged_as_the_figure_draws_them()
    {
        var section = (await server!.GetJson("/api/report?metric=val_loss&leaf=experiment/mnist/cnn/adam")).GetProperty("sections")[0];
        var groups = section.GetProperty("groups").EnumerateArray().ToList();
        var series = section.GetProperty("series").GetProperty("lr").EnumerateArray().ToList();
        // One series per act, ranked by value (gelu before relu), each its groups by lr, a colour slot each, joined.
        Assert.Equal(["gelu", "relu"], series.Select(s => groups[s.GetProperty("groups")[0].GetInt32()].GetProperty("values").GetProperty("act").GetString()));
        foreach (var s in series)
        {
            var lrs = s.GetProperty("groups").EnumerateArray().Select(g => groups[g.GetInt32()].GetProperty("values").GetProperty("lr").GetDouble()).ToList();
            Assert.Equal([0.001, 0.01], lrs);
            Assert.True(s.GetProperty("line").GetBoolean());
        }
        Assert.Equal([0, 1], series.Select(s => s.GetProperty("color").GetInt32()));
        Assert.Equal([-0.5, 0.5], series.Select(s => s.GetProperty("dodge").GetDouble()));
    }
}
