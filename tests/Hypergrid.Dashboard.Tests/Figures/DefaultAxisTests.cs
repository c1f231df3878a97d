using System.Text.RegularExpressions;
using Hypergrid.Config;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Trials;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// `hypergrid plot` without --x draws the axis the page opens on (audit 5's defect 3: a 2-epoch study's figure was two
/// points per line by epoch while the page opened it by step). One C# rule, DefaultAxis, with the page's constants.
/// </summary>
public sealed class DefaultAxisTests
{
    private static (long, long?, bool, bool) Done(long last) => (last, last, true, false);

    [Fact]
    public void A_complete_study_of_three_epochs_or_fewer_opens_by_step_and_of_four_by_epoch()
    {
        foreach (var last in new long[] { 1, 2, 3 }) Assert.Equal("step", DefaultAxis.Judge([Done(last), Done(last)]));
        Assert.Equal("epoch", DefaultAxis.Judge([Done(2), Done(4)]));
        Assert.Equal("epoch", DefaultAxis.Judge([Done(50)]));
    }

    [Fact]
    public void A_trial_not_yet_complete_counts_its_planned_epochs_and_a_complete_ones_log_is_the_truth()
    {
        Assert.Equal("epoch", DefaultAxis.Judge([(2, 20, false, true)]));   // running, plans 20
        Assert.Equal("epoch", DefaultAxis.Judge([(0, 20, false, true)]));   // pending before its first row
        Assert.Equal("step", DefaultAxis.Judge([(2, 20, true, false)]));    // complete at 2 whatever the config said
        Assert.Equal("step", DefaultAxis.Judge([(0, 2, false, true)]));     // running, plans 2, no row yet
        Assert.Equal("epoch", DefaultAxis.Judge([(2, 9, false, false)]));   // failed at 2 of 9: the plan counts too, as on the page
    }

    [Fact]
    public void Unknown_is_null_and_more_trials_than_the_page_draws_lines_for_is_epoch()
    {
        Assert.Null(DefaultAxis.Judge([]));
        Assert.Null(DefaultAxis.Judge([(2, null, false, true)]));           // running without a plan: may grow
        Assert.Null(DefaultAxis.Judge([(0, null, true, false)]));           // no row at all
        Assert.Equal("epoch", DefaultAxis.Judge([(5, null, false, true)])); // past three settles it
        Assert.Equal("step", DefaultAxis.Judge(Enumerable.Repeat(Done(2), DefaultAxis.ManyLines).ToList()));
        Assert.Equal("epoch", DefaultAxis.Judge(Enumerable.Repeat(Done(2), DefaultAxis.ManyLines + 1).ToList()));
    }

    [Fact]
    public void The_rule_gives_the_page_s_answer_on_every_case_its_js_test_runs()
    {
        // default-axis-cases.json: one table, run here by DefaultAxis and by axisJudgement in default-axis-cases.test.mjs.
        var file = Path.Combine(RepoFiles.FindFolder("tests/Hypergrid.Dashboard.Tests/Js", "default-axis-cases.json")!, "default-axis-cases.json");
        var cases = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!.AsArray();
        Assert.True(cases.Count >= 10);
        foreach (var c in cases)
        {
            var one = c!["trials"]!.AsArray().Select(t => (
                Last: t!["last"]!.GetValue<long>(), Plan: t["plan"]?.GetValue<long>(), State: t["state"]!.GetValue<string>())).ToList();
            var trials = Enumerable.Repeat(one, c["repeat"]?.GetValue<int>() ?? 1).SelectMany(x => x)
                .Select(t => (t.Last, t.Plan, t.State == "complete", t.State is "running" or "pending" or "paused")).ToList();
            Assert.True(c["axis"]?.GetValue<string>() == DefaultAxis.Judge(trials), c["why"]!.GetValue<string>());
        }
    }

    [Fact]
    public void The_page_judges_with_the_same_constants()
    {
        var app = File.ReadAllText(Path.Combine(RepoFiles.FindFolder("dashboard", "index.html")!, "app.js"));
        Assert.Equal(DefaultAxis.ShortEpochs.ToString(System.Globalization.CultureInfo.InvariantCulture), Regex.Match(app, @"const SHORT_EPOCHS = (\d+);").Groups[1].Value);
        Assert.Equal(DefaultAxis.ManyLines.ToString(System.Globalization.CultureInfo.InvariantCulture), Regex.Match(app, @"const MANY_LINES = (\d+);").Groups[1].Value);
        // The page's rule compares with these names, as Judge does: a renamed or inlined constant fails here.
        Assert.Contains("> SHORT_EPOCHS", app);
        Assert.Contains("<= MANY_LINES", app);
    }

    [Fact]
    public async Task The_figure_of_a_complete_two_epoch_study_is_by_step_and_of_a_five_epoch_one_by_epoch()
    {
        using var tree = new LogTree();
        tree.AddComplete("sweep/mnist/mlp/adam/trial_000", "seed: 0\nepochs: 2\n", epochs: 2, batches: 4);
        tree.AddComplete("sweep/mnist/mlp/sgd/trial_000", "seed: 0\nepochs: 5\n", epochs: 5, batches: 4);
        var all = FigureTrials.Under(new TrialScanner(tree.Log));
        var store = new EpochLogStore(tree.Log);
        Assert.Equal("step", await DefaultAxis.ForAsync(all.Where(t => t.Path.Contains("adam", StringComparison.Ordinal)).ToList(), store));
        Assert.Equal("epoch", await DefaultAxis.ForAsync(all, store));
    }
}
