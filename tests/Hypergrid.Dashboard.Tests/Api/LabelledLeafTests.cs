using System.Net;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// A leaf is named by its cfg file, so a trainer's label (`promote --top` writes adam@hidden=256.yaml) or any other name a
/// file may have reaches every endpoint the page calls for a trial's rows: the curves, the epoch log, a group of seeds.
/// </summary>
public sealed class LabelledLeafTests : IAsyncLifetime
{
    private static readonly string[] Leaves = ["experiment/mnist/mlp/adam@hidden=256", "experiment/mnist/mlp/adam@lr=0.001,hidden=256", "experiment/mnist/mlp/my run+v2", "experiment/mnist/mlp/keep50%", "experiment/mnist/mlp/x%2Fy%2e%2e"];
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        foreach (var leaf in Leaves)
            for (var seed = 0; seed < 2; seed++)
                tree.AddComplete($"{leaf}/trial_00{seed}", $"seed: {seed}\nlr: 0.001\n", epochs: 2, batches: 3);
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    [Fact]
    public async Task Every_endpoint_of_a_trials_rows_answers_for_a_labelled_leaf()
    {
        foreach (var leaf in Leaves)
        {
            var url = Uri.EscapeDataString(leaf).Replace("%2F", "/");
            var series = await server!.Http.GetAsync($"/api/series/{url}/trial_000?phase=train&metrics=loss");
            Assert.True(series.StatusCode == HttpStatusCode.OK, $"{leaf}: /api/series {series.StatusCode} {await series.Content.ReadAsStringAsync()}");
            Assert.Contains("loss", await series.Content.ReadAsStringAsync());
            var log = await server.Http.GetAsync($"/api/logs/{url}/trial_000/epoch_log.csv");
            Assert.True(log.StatusCode == HttpStatusCode.OK, $"{leaf}: /api/logs {log.StatusCode}");
            var group = await server.Http.GetAsync($"/api/series-group?trial={Uri.EscapeDataString(leaf + "/trial_000")}&trial={Uri.EscapeDataString(leaf + "/trial_001")}&metrics=loss");
            Assert.True(group.StatusCode == HttpStatusCode.OK, $"{leaf}: /api/series-group {group.StatusCode} {await group.Content.ReadAsStringAsync()}");
            var epochs = await server.Http.PostAsync("/api/epochs", new StringContent(System.Text.Json.JsonSerializer.Serialize(new { trials = new[] { leaf + "/trial_000" } })));
            var body = await epochs.Content.ReadAsByteArrayAsync();
            Assert.True(epochs.StatusCode == HttpStatusCode.OK, $"{leaf}: /api/epochs {epochs.StatusCode}");
            using var header = System.Text.Json.JsonDocument.Parse(body.AsMemory(4, (int)BitConverter.ToUInt32(body, 0)));
            Assert.Equal([leaf + "/trial_000"], header.RootElement.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("path").GetString()));
        }
    }
}
