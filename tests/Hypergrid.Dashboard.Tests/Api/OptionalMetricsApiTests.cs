using System.Text.Json;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// The page's ticked metrics over trials of different programs: a built-in trial logs acc but no bleu, a program's
/// logs bleu but no acc. Asked with metrics= (strict) a trial lacking one is a 400 and the page drew none of its lines
/// at step resolution; asked with an empty metrics= and optional= each answers the columns it has.
/// </summary>
public sealed class OptionalMetricsApiTests : IAsyncLifetime
{
    private const string Builtin = "sweep/d/mlp/sgd/trial_000";
    private const string Program = "sweep/d/prog/sgd/trial_000";
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(tree.AddTrial(Builtin, "seed: 0\n"), TrialFiles.BatchLog), SampleLogs.BatchLog(1, 2, 3, 1.0));
        File.WriteAllText(Path.Combine(tree.AddTrial(Program, "seed: 0\n"), TrialFiles.BatchLog),
            "epoch,mode,batch,loss,bleu\n1,train,0,2,10\n1,train,1,1.5,11\n1,val,0,1,12\n2,train,0,1,13\n2,train,1,0.5,14\n2,val,0,0.5,15\n");
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    [Theory]
    [InlineData(Builtin, "acc", "bleu")]
    [InlineData(Program, "bleu", "acc")]
    public async Task Each_trial_answers_the_ticked_metrics_it_has_and_leaves_out_the_others(string trial, string has, string lacks)
    {
        var strict = await server!.Http.GetAsync($"/api/series/{trial}?phase=train&metrics=loss,acc,bleu&x=step");
        Assert.Equal(400, (int)strict.StatusCode);
        var body = await server.GetJson($"/api/series/{trial}?phase=train&metrics=&optional=loss,acc,bleu&x=step");
        Assert.True(body.TryGetProperty("loss", out _));
        Assert.True(body.TryGetProperty(has, out var values));
        Assert.Contains(values.GetProperty("mean").EnumerateArray(), v => v.ValueKind == JsonValueKind.Number);
        Assert.False(body.TryGetProperty(lacks, out _));
        Assert.True(body.GetProperty("x").TryGetProperty("mean", out _));
    }

    [Fact]
    public async Task No_metric_at_all_is_still_refused()
    {
        var none = await server!.Http.GetAsync($"/api/series/{Builtin}?phase=train&metrics=");
        Assert.Equal(400, (int)none.StatusCode);
    }
}
