using System.Globalization;
using System.Xml.Linq;
using Hypergrid.Config;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Trials;
using Hypergrid.Findings;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// A selection's groups have the same colours in the Results figure (GET /api/report-figure and `hypergrid plot
/// results`, which share <see cref="ResultsFigure.PageColors"/>) and in the curves (GET /api/figure?group=1, `hypergrid
/// plot --group`): colour i for the selection's group i, however many other groups the study holds beside it (the
/// audit's plot results coloured the 4 groups of --mode experiment by the study's 54).
/// </summary>
public sealed class GroupColoursAgreeTests : IAsyncLifetime
{
    private static readonly string[] Lrs = ["0.001", "0.003", "0.01", "0.1"];
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        // Ten groups beside the selection, scanned before it (fashion < mnist).
        for (var i = 0; i < 10; i++)
            tree.AddComplete($"experiment/fashion/cnn/adam/trial_{i:D3}", $"seed: 0\nlr: {0.001 * (i + 1)}\n", epochs: 2, batches: 2, scale: 1 + 0.1 * i);
        var n = 0;
        for (var l = 0; l < Lrs.Length; l++)
            for (var seed = 0; seed < 2; seed++)
                tree.AddComplete($"experiment/mnist/cnn/adam/trial_{n++:D3}", $"seed: {seed}\nlr: {Lrs[l]}\n", epochs: 2, batches: 2, scale: 0.5 + 0.3 * l + 0.05 * seed);
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private static string Colour(string lr) => Palette.Of(Array.IndexOf(Lrs, lr));

    [Fact]
    public async Task The_results_figure_colours_each_group_of_the_selection_as_the_curves_do()
    {
        var response = await server!.Http.GetAsync("/api/report-figure?metric=val_loss&dataset=mnist&key=lr&logx=true");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var svg = XDocument.Parse(body);
        var clip = svg.Descendants().Single(e => e.Name.LocalName == "rect" && e.Parent?.Name.LocalName == "clipPath");
        var bottom = D(clip, "y") + D(clip, "height");
        // The points in the plot (not the legend's dots), left to right: lr ascending; the black rings left out.
        var points = svg.Descendants().Where(e => e.Name.LocalName == "circle" && D(e, "cy") < bottom && e.Attribute("fill")!.Value != "#000000")
            .OrderBy(e => D(e, "cx")).Select(e => e.Attribute("fill")!.Value).ToList();
        Assert.Equal(Lrs.Select(Colour), points);
    }

    [Fact]
    public async Task The_grouped_curves_of_the_same_selection_take_the_same_colours()
    {
        var paths = Enumerable.Range(0, 8).Select(i => $"experiment/mnist/cnn/adam/trial_{i:D3}");
        var response = await server!.Http.GetAsync($"/api/figure?{string.Join('&', paths.Select(p => "trial=" + Uri.EscapeDataString(p)))}&metric=loss&phase=train&group=1");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var strokes = XDocument.Parse(body).Descendants().Where(e => e.Name.LocalName == "polyline" && e.Attribute("clip-path") is not null)
            .Select(e => e.Attribute("stroke")!.Value).ToList();
        Assert.Equal(Lrs.Select(Colour), strokes);
    }

    [Fact]
    public async Task Ungrouped_each_trials_line_is_a_shade_of_its_groups_colour_the_first_seed_the_colour_itself()
    {
        var paths = Enumerable.Range(0, 8).Select(i => $"experiment/mnist/cnn/adam/trial_{i:D3}");
        var response = await server!.Http.GetAsync($"/api/figure?{string.Join('&', paths.Select(p => "trial=" + Uri.EscapeDataString(p)))}&metric=loss&phase=train");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var strokes = XDocument.Parse(body).Descendants().Where(e => e.Name.LocalName == "polyline" && e.Attribute("clip-path") is not null)
            .Select(e => e.Attribute("stroke")!.Value).ToList();
        // Trials 2l and 2l+1 are seeds 0 and 1 of lr l: the group's colour (its Results dot's), then a lighter shade.
        Assert.Equal(Lrs.SelectMany((_, l) => new[] { Palette.Of(l), Palette.Shade(l, 1, 2) }), strokes);
    }

    private async Task<List<string>> Strokes(string query)
    {
        var response = await server!.Http.GetAsync("/api/figure?" + query + "&metric=loss&phase=train");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return XDocument.Parse(body).Descendants().Where(e => e.Name.LocalName == "polyline" && e.Attribute("clip-path") is not null)
            .Select(e => e.Attribute("stroke")!.Value).ToList();
    }

    private static string Trials(params int[] numbers) => string.Join('&', numbers.Select(i => "trial=" + Uri.EscapeDataString($"experiment/mnist/cnn/adam/trial_{i:D3}")));

    [Fact]
    public async Task The_figure_of_the_part_of_a_selection_the_page_draws_takes_the_pages_colours_sent_as_places()
    {
        // The page draws trials 3 and 6 of its selection of 8 (over its line limit): lr 0.01's second seed and lr 0.1's
        // first, coloured among the whole selection's groups and seeds. Without their places the figure coloured them as
        // groups 0 and 1 of its own two trials.
        Assert.Equal([Palette.Of(0), Palette.Of(1)], await Strokes(Trials(3, 6)));
        Assert.Equal([Palette.Shade(1, 1, 2), Palette.Of(3)], await Strokes(Trials(3, 6) + "&shade=1.1.2&shade=3.0.2"));
        // Grouped: the group's colour is its place among the page's groups.
        Assert.Equal([Palette.Of(3)], await Strokes(Trials(6, 7) + "&group=1&shade=3.0.2&shade=3.1.2"));
    }

    [Theory]
    [InlineData("&shade=1.1.2", "2 trials")]
    [InlineData("&shade=1.1.2&shade=3.2.2", "shade=3.2.2")]
    [InlineData("&shade=1.1&shade=3.0.2", "shade=1.1")]
    [InlineData("&shade=x&shade=3.0.2", "shade=x")]
    [InlineData("&shade=-1.0.2&shade=3.0.2", "shade=-1.0.2")]
    public async Task A_shade_that_is_not_one_place_per_trial_is_refused_naming_it(string shades, string named)
    {
        var response = await server!.Http.GetAsync("/api/figure?" + Trials(3, 6) + shades + "&metric=loss&phase=train");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, body);
    }

    [Fact]
    public void Plot_results_colours_by_the_trials_its_filters_take_as_plot_group_does()
    {
        var all = FigureTrials.Under(new TrialScanner(tree.Log));
        var options = new ReportOptions(new Filters(null, ["mnist"], null, null), "val_loss");
        var colorOf = ResultsFigure.PageColors(all, options);
        var report = Reporter.Build(tree.Log, options);
        var groups = report.Sections.Single().Groups;
        Assert.Equal(Lrs.Length, groups.Count);
        // plot --group: the trials its filters pick, grouped in order; group i is colour i.
        var picked = FigureSelection.Select(all, options.Filters, [], []);
        var byGroup = SeedGroups.Of(picked).Select(g => SeedGroups.Text(g[0].Config!["lr"])).ToList();
        foreach (var g in groups)
        {
            var lr = SeedGroups.Text(g.Values["lr"]);
            Assert.Equal(byGroup.IndexOf(lr), colorOf(g));
            Assert.Equal(Colour(lr), Palette.Of(colorOf(g)!.Value));
        }
    }

    private static double D(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);
}
