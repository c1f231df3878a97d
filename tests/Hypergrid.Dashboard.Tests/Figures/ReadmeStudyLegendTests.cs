using System.Globalization;
using System.Xml.Linq;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// The docs' first example (`hypergrid plot --group --metric loss --x step -o loss.pdf`) on the README's study: 17
/// groups over seven leaves whose keys differ by model. It draws at the default 8.5 x 6 cm with a legend that names
/// each group by what tells it apart, in type of at least 6 pt, and no text past the figure's edge.
/// </summary>
public sealed class ReadmeStudyLegendTests : IAsyncLifetime
{
    private readonly LogTree tree = new();
    private TestServer? server;
    private readonly List<string> paths = [];

    // The README's sweep leaves (their swept keys) and its experiment of five seeds.
    private static readonly (string Leaf, string[] Configs)[] Study =
    [
        ("sweep/mnist/cnn/adam", ["channels: [16, 32]\nfc: 64\nlr: 0.001\nweight_decay: 0.0001", "channels: [16, 32]\nfc: 64\nlr: 0.002\nweight_decay: 0.0001"]),
        ("sweep/mnist/cnn/sgd", ["channels: [16, 32]\nfc: 64\nlr: 0.05\nmomentum: 0.8\nschedule: step", "channels: [16, 32]\nfc: 64\nlr: 0.05\nmomentum: 0.9\nschedule: step"]),
        ("sweep/mnist/deq/adam", ["width: 64\ntol: 0.001\nbackward: implicit\nlr: 0.002", "width: 64\ntol: 0.001\nbackward: unroll\nlr: 0.002"]),
        ("sweep/mnist/deq/sgd", ["width: 64\nbackward: implicit\nlr: 0.05\nmomentum: 0.9\nclip_grad: 1.0", "width: 64\nbackward: implicit\nlr: 0.1\nmomentum: 0.9\nclip_grad: 1.0"]),
        ("sweep/mnist/mlp/adam", [.. from h in new[] { 128, 256 } from lr in new[] { "0.001", "0.003" } select $"hidden: [{h}]\nactivation: relu\nlr: {lr}\nschedule: cosine\nwarmup_steps: 20"]),
        ("sweep/mnist/mlp/sgd", [.. from h in new[] { 128, 256 } from lr in new[] { "0.05", "0.1" } select $"hidden: [{h}]\nlr: {lr}\nmomentum: 0.9\nnesterov: true\nschedule: cosine"]),
    ];

    public async Task InitializeAsync()
    {
        foreach (var (leaf, configs) in Study)
            for (var i = 0; i < configs.Length; i++)
            {
                var path = $"{leaf}/trial_{i:D3}";
                tree.AddComplete(path, $"seed: 0\nbatch_size: 128\n{configs[i]}\n", epochs: 2, batches: 40);
                paths.Add(path);
            }
        for (var seed = 0; seed < 5; seed++)
        {
            var path = $"experiment/mnist/mlp/adam@hidden=256/trial_{seed:D3}";
            tree.AddComplete(path, $"seed: {seed}\nbatch_size: 128\nhidden: [256]\nlr: 0.003\nschedule: cosine\n", epochs: 2, batches: 40);
            paths.Add(path);
        }
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    [Theory]
    [InlineData("8.5cm", "6cm")]
    [InlineData("17cm", "12cm")]
    public async Task The_grouped_step_figure_draws_a_legible_legend_inside_the_figure(string width, string height)
    {
        var query = string.Join('&', paths.Select(p => "trial=" + p)) + $"&metric=loss&phase=train,val&x=step&group=1&format=svg&width={width}&height={height}";
        var response = await server!.Http.GetAsync("/api/figure?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var svg = XDocument.Parse(body).Root!;
        var figureWidth = double.Parse(svg.Attribute("viewBox")!.Value.Split(' ')[2], CultureInfo.InvariantCulture);
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").ToList();
        foreach (var t in texts.Where(t => t.Attribute("text-anchor") is null && t.Attribute("transform") is null))
        {
            var size = double.Parse(t.Attribute("font-size")!.Value, CultureInfo.InvariantCulture);
            Assert.True(size >= 6, $"'{t.Value}' at {size} pt");
            Assert.True(double.Parse(t.Attribute("x")!.Value, CultureInfo.InvariantCulture) + TextWidth.Of(t.Value, size) <= figureWidth + 0.01, $"'{t.Value}' passes the edge");
        }
        var names = texts.Select(t => t.Value).ToList();
        Assert.Contains("cnn/adam lr=0.001", names);
        Assert.Contains("mlp/adam hidden=[128], lr=0.003", names);
        Assert.Contains("mlp/adam@hidden=256", names);
        Assert.DoesNotContain(names, n => n.Contains('—') || n.Contains("model=") || n.Contains("trainer=") || n.Contains("channels="));
    }
}
