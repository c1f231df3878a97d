using System.Globalization;
using System.Text;
using System.Text.Json;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// What the page is told of values at the edges of double: a trial whose last val loss is not finite is diverged in the
/// trial list and left out of the page's report, and series means of large finite values stay finite.
/// </summary>
public sealed class HonestValueTests : IAsyncLifetime
{
    private const string Big = "sweep/mnist/mlp/adam";
    private const string Div = "sweep/mnist/mlp/sgd";
    // Per trial of the Big leaf: two train rows whose mean overflows a plain sum.
    private static readonly (string A, string B)[] Large = [("1e308", "1e308"), ("-1.7e308", "-1.7e308"), ("1.7976931348623157e308", "1e308")];
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        for (var i = 0; i < Large.Length; i++)
            Complete($"{Big}/trial_00{i}", $"seed: {i}\n", $"epoch,mode,batch,loss\n1,train,0,{Large[i].A}\n1,train,1,{Large[i].B}\n1,val,0,1\n");
        // trial_000 and _001 were the best until their last epoch's val loss became nan or inf; trial_002 never was.
        string[] last = ["nan", "inf", "0.5"];
        for (var i = 0; i < last.Length; i++)
            Complete($"{Div}/trial_00{i}", $"seed: 0\nlr: 0.{i + 1}\n", $"epoch,mode,batch,loss,acc\n1,train,0,1,0.5\n1,val,0,0.01,0.99\n2,train,0,{last[i]},0.1\n2,val,0,{last[i]},0.1\n");
        server = await TestServer.StartAsync(tree);
    }

    // A finished program trial as the worker leaves it: the log, and run.json with the log's final metrics.
    private void Complete(string path, string config, string batchLog)
    {
        var dir = tree.AddTrial(path, config);
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), batchLog);
        var cfg = Hypergrid.Config.Expansion.TrialConfig.FromMap(Hypergrid.Config.Yaml.YamlLoader.LoadMapping(File.ReadAllText(Path.Combine(dir, TrialFiles.Config)), path, [])!, path);
        new RunRecord
        {
            Status = RunStatus.Complete, Config = cfg.ToJson(), ParamsSha256 = cfg.ParamsSha256(),
            Final = EpochAggregator.FromBytes(Encoding.UTF8.GetBytes(batchLog))!.FinalMetrics(),
        }.Write(dir);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private Task<JsonElement> Get(string url) => server!.GetJson(url);

    private static double Mean(int i) => double.Parse(Large[i].A, CultureInfo.InvariantCulture) / 2 + double.Parse(Large[i].B, CultureInfo.InvariantCulture) / 2;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_bucket_mean_of_large_finite_values_is_their_mean_not_null(int trial)
    {
        var body = await Get($"/api/series/{Big}/trial_00{trial}?phase=train&metrics=loss&points=1");
        var mean = body.GetProperty("loss").GetProperty("mean")[0];
        Assert.Equal(JsonValueKind.Number, mean.ValueKind);
        Assert.Equal(Mean(trial), mean.GetDouble(), Math.Abs(Mean(trial)) * 1e-15);
    }

    [Fact]
    public async Task A_group_mean_of_large_finite_values_is_finite()
    {
        var body = await Get($"/api/series-group?trial={Big}/trial_000&trial={Big}/trial_002&phase=train&metrics=loss&points=1");
        var mean = body.GetProperty("loss").GetProperty("mean")[0];
        Assert.Equal(JsonValueKind.Number, mean.ValueKind);
        Assert.Equal(Mean(0) / 2 + Mean(2) / 2, mean.GetDouble(), 1e293);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("loss").GetProperty("std")[0].ValueKind);
    }

    [Theory]
    [InlineData(0, "diverged")]
    [InlineData(1, "diverged")]
    [InlineData(2, "complete")]
    public async Task A_trial_whose_last_val_loss_is_not_finite_is_listed_as_diverged(int trial, string state)
    {
        var trials = (await Get("/api/trials")).GetProperty("trials").EnumerateArray();
        Assert.Equal(state, trials.Single(t => t.GetProperty("path").GetString() == $"{Div}/trial_00{trial}").GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("val_loss", "final")]
    [InlineData("val_loss", "best")]
    [InlineData("val_acc", "best")]
    public async Task The_pages_report_leaves_diverged_trials_out_and_counts_them(string metric, string reduce)
    {
        var report = await Get($"/api/report?metric={metric}&reduce={reduce}&model=mlp&trainer=sgd");
        var groups = report.GetProperty("sections")[0].GetProperty("groups");
        Assert.Equal("trial_002", Assert.Single(groups.EnumerateArray()).GetProperty("trials")[0].GetString());
        Assert.Equal(2, report.GetProperty("excluded").GetProperty("diverged").GetInt32());
    }
}
