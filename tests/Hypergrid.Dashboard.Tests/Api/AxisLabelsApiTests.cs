using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Series;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// The x axes' words come from one table (<see cref="AxisLabels"/>): GET /api/axis-labels answers it for the page, and
/// the figure files label their axes from it (the fourth audit's point 15: figures said "train step (batches)", the
/// page "train step (train batches done)").
/// </summary>
public sealed class AxisLabelsApiTests : IAsyncLifetime
{
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        tree.AddComplete("sweep/mnist/mlp/adam/trial_000", "seed: 0\nbatch_size: 32\n", epochs: 2, batches: 4);
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    [Fact]
    public async Task The_server_answers_every_axis_words_the_page_draws()
    {
        var answer = await server!.GetJson("/api/axis-labels");
        var table = answer.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(AxisLabels.All.OrderBy(kv => kv.Key), table.OrderBy(kv => kv.Key));
        Assert.Equal("train step (train batches done)", table["step"]);
        foreach (var axis in new[] { "epoch", "batch", "time", "step", "samples", "samples_logged", "samples_mixed", "epochf" }) Assert.True(table.ContainsKey(axis), axis);
    }

    [Theory]
    [InlineData("step")]
    [InlineData("samples")]
    [InlineData("epochf")]
    [InlineData("epoch")]
    public async Task A_figures_x_label_is_the_tables(string axis)
    {
        var body = await server!.Http.GetStringAsync($"/api/figure?trial=sweep/mnist/mlp/adam/trial_000&metric=loss&x={axis}&format=svg&width=17cm&height=8cm");
        var texts = System.Xml.Linq.XDocument.Parse(body).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        Assert.Contains(AxisLabels.All[axis], texts); // one line at 17 cm
        Assert.Equal(AxisLabels.All[axis], FigureBuilder.XLabel(axis));
    }
}
