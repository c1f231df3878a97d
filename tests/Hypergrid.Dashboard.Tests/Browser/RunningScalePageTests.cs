using System.Globalization;
using System.Text;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// In Chromium, by epochs as a fraction: a running trial whose loader drops the last short batch (100 samples in
/// batches of 16: 7 reckoned, 6 logged) is drawn by 1/7 per step while its first epoch runs; when that epoch ends the
/// server places it by 1/6, and the page draws the whole line by 1/6 (it asks afresh), with no kink where the rows it
/// had end.
/// </summary>
[Collection("browser")]
public sealed class RunningScalePageTests(BrowserFixture fixture) : PageTests(fixture)
{
    private const string Trial = "sweep/toy/net/sgd/trial_000";

    protected override void Build(LogTree tree)
    {
        var dir = tree.AddTrial(Trial, "seed: 0\nbatch_size: 16\n");
        File.WriteAllText(Path.Combine(dir, TrialFiles.Claim), $"{{\"host\":\"{Environment.MachineName}\",\"pid\":{Environment.ProcessId}}}");
        new RunRecord { Status = RunStatus.Running, Data = new DataRecord("toy", "test data", 100, 20, "x") }.Write(dir);
        File.WriteAllText(Path.Combine(dir, TrialFiles.PartialLog), "epoch,mode,batch,loss,acc\n" + Rows(1, 0, 4));
    }

    /// <summary>An epoch's train rows [from, to), then a val pass of one row when it ends there.</summary>
    private static string Rows(int epoch, int from, int to, bool ends = false)
    {
        var sb = new StringBuilder();
        for (var b = from; b < to; b++) sb.Append(CultureInfo.InvariantCulture, $"{epoch},train,{b},{2.0 / (epoch + b / 10.0)},0.5\n");
        if (ends) sb.Append(CultureInfo.InvariantCulture, $"{epoch},val,0,{1.0 / epoch},0.6\n");
        return sb.ToString();
    }

    private static double?[] Round(double?[] xs) => xs.Select(v => v is { } d ? Math.Round(d, 9) : (double?)null).ToArray();

    [Fact]
    public async Task A_running_trials_line_is_drawn_whole_by_its_new_scale_when_its_first_epoch_ends_shorter_than_reckoned()
    {
        var page = await Open($"#leaves=sweep/toy/net/sgd&m=loss&ph=train&x=epochf");
        await page.WaitForFunctionAsync("() => hypergrid.store.plots.length === 1 && hypergrid.store.plots[0].series.length === 1");
        async Task<double?[]> Xs() => Round(await page.EvaluateAsync<double?[]>("() => hypergrid.store.plots[0].series[0].xs"));
        Assert.Equal(Enumerable.Range(1, 4).Select(s => (double?)Math.Round(s / 7.0, 9)), await Xs());

        File.AppendAllText(Path.Combine(Tree.Trial(Trial), TrialFiles.PartialLog), Rows(1, 4, 6, ends: true) + Rows(2, 0, 3));
        await page.WaitForFunctionAsync($"() => hypergrid.store.steps.get('{Trial}').train.rows === 9", null, new() { Timeout = 15000 });
        await page.WaitForFunctionAsync("() => hypergrid.store.plots[0].series[0].xs.length === 9", null, new() { Timeout = 15000 });
        // Every row by 1/6, the four drawn before included: the line is straight in x where the old rows end.
        Assert.Equal(Enumerable.Range(1, 9).Select(s => (double?)Math.Round(s / 6.0, 9)), await Xs());
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
    }
}
