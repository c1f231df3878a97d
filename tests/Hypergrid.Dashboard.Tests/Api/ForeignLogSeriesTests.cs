using System.Text.Json;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// Programs' logs with a header over 8 or 64 KiB or a byte-order mark, served by the real server: the trial list, the
/// epoch columns and the step series read them as the worker accepted them.
/// </summary>
public sealed class ForeignLogSeriesTests : IAsyncLifetime
{
    private const string Leaf = "sweep/d/prog/sgd";
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        for (var i = 0; i < SampleLogs.ForeignKinds.Length; i++)
        {
            var dir = tree.AddTrial($"{Leaf}/trial_00{i}", $"seed: {i}\n");
            File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), SampleLogs.Foreign(SampleLogs.ForeignKinds[i]));
        }
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private Task<JsonElement> Get(string url) => server!.GetJson(url);

    // A series' bucket means, where a bucket has a row (steps without one are null).
    private static double[] Numbers(JsonElement body, string metric) =>
        [.. body.GetProperty(metric).GetProperty("mean").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble())];

    public static TheoryData<int> Trials => [.. Enumerable.Range(0, SampleLogs.ForeignKinds.Length)];

    [Theory]
    [MemberData(nameof(Trials))]
    public async Task The_step_series_and_the_trial_list_read_the_log(int trial)
    {
        var body = await Get($"/api/series/{Leaf}/trial_00{trial}?phase=val&metrics=loss");
        Assert.Equal([1.0, 0.5], Numbers(body, "loss"));
        var trials = (await Get("/api/trials")).GetProperty("trials").EnumerateArray();
        var listed = trials.Single(t => t.GetProperty("path").GetString() == $"{Leaf}/trial_00{trial}");
        Assert.Equal("complete", listed.GetProperty("state").GetString());
        Assert.Equal(0.5, listed.GetProperty("final").GetProperty("val_loss").GetDouble());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public async Task A_column_past_a_long_header_start_is_a_metric_of_the_series(int trial)
    {
        var body = await Get($"/api/series/{Leaf}/trial_00{trial}?phase=train&metrics=acc_class_0599");
        Assert.Equal([0.5, 0.5, 0.5, 0.5], Numbers(body, "acc_class_0599"));
    }
}
