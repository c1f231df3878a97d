using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// In Chromium, a trial that completes while the page shows it (the audit's defect 1: its lines disappeared at step
/// resolution): its files change as the worker leaves them (the finished batch_log.csv and run.json written, the claim
/// and the partial log gone) and at the next refreshes its train and val lines hold every row, on each step axis,
/// ungrouped and grouped.
/// </summary>
[Collection("browser")]
public sealed class CompletingTrialPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    private const string Leaf = "sweep/mnist/mlp/adam";
    private const string Trial = Leaf + "/trial_000";
    private const string Config = "seed: 0\nbatch_size: 16\nepochs: 3\n";

    // Two epochs done, the second's val pass written last: the step axis is one longer than the train rows.
    protected override void Build(LogTree tree) =>
        File.WriteAllText(Path.Combine(tree.AddRunning(Trial, Config, epochs: 2, batches: 8), TrialFiles.PartialLog), LogTree.BatchLog(1, 2, 8, 1.0));

    private void Complete()
    {
        var dir = Tree.Trial(Trial);
        Directory.Delete(dir, recursive: true);
        Tree.AddComplete(Trial, Config, epochs: 3, batches: 8);
    }

    /// <summary>How many points the loss plot's train and val lines have (grouped: the group's mean).</summary>
    private const string Points = "() => { const p = hypergrid.store.plots.find(p => p.metric === 'loss'); if (!p) return null; " +
        "const n = s => s.ys.filter(v => v != null).length; return [p.series.filter(s => !s.dash).map(n), p.series.filter(s => s.dash).map(n)]; }";

    [Theory]
    [InlineData("x=step")]
    [InlineData("x=epochf")]
    [InlineData("x=step&g=1")]
    public async Task A_trial_that_completes_while_shown_keeps_every_point_of_its_lines(string axis)
    {
        var page = await Open($"#leaves={Leaf}&m=loss&ph=train,val&{axis}");
        // Running: 16 train rows, a val pass (8 rows at one step) after each epoch; a refresh later, the same.
        await page.WaitForFunctionAsync($"() => JSON.stringify(({Points})()) === '[[16],[2]]'", null, new() { Timeout = 10_000 });
        await page.WaitForTimeoutAsync(2500);
        Assert.Equal("[[16],[2]]", await page.EvaluateAsync<string>($"() => JSON.stringify(({Points})())"));

        Complete();
        await page.WaitForFunctionAsync($"() => hypergrid.store.trials[0]?.state === 'complete' && JSON.stringify(({Points})()) === '[[24],[3]]'",
            null, new() { Timeout = 10_000 });
        await page.WaitForTimeoutAsync(2500); // and still so at the refresh after
        Assert.Equal("[[24],[3]]", await page.EvaluateAsync<string>($"() => JSON.stringify(({Points})())"));
        Assert.Empty(ConsoleErrors);
    }
}
