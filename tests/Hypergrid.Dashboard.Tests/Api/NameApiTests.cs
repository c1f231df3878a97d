using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// POST /api/names: the page's legend names are the figure files' (LegendNames): groups of two leaves named by the
/// leaf's parts that differ and the keys that differ within their leaf; one leaf by its one differing key as a title;
/// trials by seed too; paths that are no trial left out; a body that is not the request a 400 saying what to send.
/// </summary>
public sealed class NameApiTests : IAsyncLifetime
{
    private const string Mlp = "sweep/toy/mlp/adam", Cnn = "sweep/toy/cnn/sgd";
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        var n = 0;
        foreach (var lr in new[] { "0.1", "0.01" })
            for (var seed = 0; seed < 2; seed++)
                tree.AddComplete($"{Mlp}/trial_{n++:D3}", $"seed: {seed}\nlr: {lr}\nbatch_size: 32\n", epochs: 1, batches: 2);
        // cnn/sgd: a key of its own (act) that differs within the leaf, and one (momentum) that the leaf fixes.
        n = 0;
        foreach (var act in new[] { "relu", "tanh" })
            tree.AddComplete($"{Cnn}/trial_{n++:D3}", $"seed: 0\nlr: 0.1\nbatch_size: 64\nact: {act}\nmomentum: 0.9\n", epochs: 1, batches: 2);
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private async Task<(string? Title, List<(string Name, string[] Trials)> Lines)> Names(object body)
    {
        var response = await server!.Http.PostAsJsonAsync("/api/names", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var json = JsonDocument.Parse(text).RootElement;
        var title = json.GetProperty("title").ValueKind == JsonValueKind.Null ? null : json.GetProperty("title").GetString();
        return (title, json.GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("name").GetString()!, l.GetProperty("trials").EnumerateArray().Select(t => t.GetString()!).ToArray())).ToList());
    }

    private static string[] All => [.. Enumerable.Range(0, 4).Select(i => $"{Mlp}/trial_{i:D3}"), $"{Cnn}/trial_000", $"{Cnn}/trial_001"];

    [Fact]
    public async Task Groups_of_two_leaves_are_named_by_the_leaf_and_what_differs_within_it()
    {
        var (title, lines) = await Names(new { trials = All, group = true });
        Assert.Null(title);
        Assert.Equal(["mlp/adam lr=0.1", "mlp/adam lr=0.01", "cnn/sgd act=relu", "cnn/sgd act=tanh"], lines.Select(l => l.Name));
        Assert.Equal([$"{Mlp}/trial_000", $"{Mlp}/trial_001"], lines[0].Trials);
    }

    [Fact]
    public async Task Groups_of_one_leaf_are_named_by_their_one_differing_key_as_a_title()
    {
        var (title, lines) = await Names(new { trials = All.Take(4), group = true });
        Assert.Equal("lr", title);
        Assert.Equal(["0.1", "0.01"], lines.Select(l => l.Name));
    }

    [Fact]
    public async Task Trials_are_told_apart_by_seed_too_and_paths_that_are_no_trial_are_left_out()
    {
        var (title, lines) = await Names(new { trials = All.Take(2).Append("sweep/toy/mlp/adam/trial_999").Append("../etc"), group = false });
        Assert.Equal("seed", title);
        Assert.Equal(["0", "1"], lines.Select(l => l.Name));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"trials\": \"sweep/toy/mlp/adam/trial_000\"}")]
    [InlineData("{\"trials\": [1]}")]
    [InlineData("not json")]
    public async Task A_body_that_is_not_the_request_is_a_400_saying_what_to_send(string body)
    {
        var response = await server!.Http.PostAsync("/api/names", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("send {\\\"trials\\\": [", await response.Content.ReadAsStringAsync()); // a JSON string, as /api/epochs answers
    }
}
