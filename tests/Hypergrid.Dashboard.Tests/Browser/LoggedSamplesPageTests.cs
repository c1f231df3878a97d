using System.Globalization;
using System.Text;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// In Chromium, on the samples-seen axis: a trial whose log has a samples column is drawn at that count (per trial and
/// per group), one without it at its train steps × batch_size.
/// </summary>
[Collection("browser")]
public sealed class LoggedSamplesPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    private const string Leaf = "sweep/toy/net/sgd";

    protected override void Build(LogTree tree)
    {
        for (var n = 0; n < 3; n++)
        {
            var logs = n < 2;
            var dir = tree.AddTrial($"{Leaf}/trial_{n:D3}", $"seed: {n}\nlr: {(n < 2 ? "0.1" : "0.01")}\nbatch_size: 32\ncommand: python3 train.py\n");
            // An acc column and val rows: the page's Results ask the report for val_acc.
            var sb = new StringBuilder(logs ? "epoch,mode,batch,loss,acc,samples\n" : "epoch,mode,batch,loss,acc\n");
            long samples = 0;
            for (var e = 1; e <= 4; e++)
            {
                for (var b = 0; b < 10; b++)
                {
                    samples += b == 9 ? 8 : 32; // the last batch of each epoch is short
                    sb.Append(CultureInfo.InvariantCulture, $"{e},train,{b},{2.0 / (e + b / 10.0 + n)},0.5").Append(logs ? $",{samples}\n" : "\n");
                }
                sb.Append(CultureInfo.InvariantCulture, $"{e},val,0,{1.0 / e},0.6").Append(logs ? $",{samples}\n" : "\n");
            }
            File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), sb.ToString());
        }
        // A program that says no batch_size and logs no samples: it cannot be placed by samples seen.
        var bare = tree.AddTrial($"{Bare}/trial_000", "seed: 0\ncommand: python3 train.py\n");
        File.WriteAllText(Path.Combine(bare, TrialFiles.BatchLog), "epoch,mode,batch,loss,acc\n1,train,0,2.0,0.1\n1,train,1,1.5,0.2\n1,val,0,1.2,0.3\n2,train,0,1.0,0.4\n2,train,1,0.9,0.5\n2,val,0,0.8,0.6\n");
    }

    private const string Bare = "sweep/toy/net/bare";

    [Fact]
    public async Task A_trial_the_samples_axis_cannot_place_is_named_with_what_it_lacks_and_the_step_axis_draws_it()
    {
        var page = await Open($"#leaves={Bare}&m=loss&ph=train&x=samples");
        var note = page.Locator("#unplaced");
        await page.WaitForFunctionAsync("() => !document.getElementById('unplaced').hidden");
        var said = await note.TextContentAsync() ?? "";
        Assert.StartsWith($"{Bare}/trial_000: not drawn on this x axis (batch_size unknown", said);
        // By epochs as a fraction its log's own rows place it (two train rows per finished epoch): nothing to say.
        var byEpochs = await Open($"#leaves={Bare}&m=loss&ph=train&x=epochf");
        await byEpochs.WaitForFunctionAsync("() => hypergrid.store.plots.length === 1 && hypergrid.store.plots[0].series.length === 1");
        Assert.True(await byEpochs.Locator("#unplaced").IsHiddenAsync());
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
    }

    [Fact]
    public async Task A_trial_that_logs_samples_is_drawn_at_them_and_one_that_does_not_at_steps_times_batch_size()
    {
        var page = await Open($"#leaves={Leaf}&m=loss&ph=train&x=samples");
        await page.WaitForFunctionAsync("() => hypergrid.store.plots.length === 1 && hypergrid.store.plots[0].series.length === 3");
        var logged = await page.EvaluateAsync<double?[]>($"() => hypergrid.store.steps.get('{Leaf}/trial_000').train.samples.last");
        var lastSteps = await page.EvaluateAsync<double?[]>($"() => hypergrid.store.steps.get('{Leaf}/trial_002').train.at");
        var xs = await page.EvaluateAsync<double?[][]>("() => hypergrid.store.plots[0].series.map(s => s.xs)");
        Assert.Equal(logged, xs[0]);
        Assert.Equal(296 * 4, logged.Last(v => v is not null)); // 4 epochs of 296, not 40 steps × 32
        // Computed, samples are counted at the end of each row's batch, as a logged count is: step 0 has seen 32.
        Assert.Equal(lastSteps.Select(s => (s + 1) * 32), xs[2]);
        Assert.Equal(32, xs[2][0]);
        // Lines of both kinds: the axis says samples seen, claiming neither way of counting.
        Assert.Equal("samples seen", await XLabel(page));
        // samples is an axis, not a metric to tick.
        Assert.DoesNotContain("samples", await page.Locator("#metrics input").EvaluateAllAsync<string[]>("bs => bs.map(b => b.value)"));
        Assert.Contains("loss", await page.Locator("#metrics input").EvaluateAllAsync<string[]>("bs => bs.map(b => b.value)"));
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
    }

    [Fact]
    public async Task The_samples_axis_says_whether_its_lines_are_logged_counts_or_steps_times_batch_size()
    {
        var logged = await Open($"#leaves={Leaf}&m=loss&ph=train&x=samples&hide={Leaf}/trial_002");
        await logged.WaitForFunctionAsync("() => hypergrid.store.plots.length === 1 && hypergrid.store.plots[0].series.length === 2");
        Assert.Equal("samples seen (logged)", await XLabel(logged));
        var computed = await Open($"#leaves={Leaf}&m=loss&ph=train,val&x=samples&hide={Leaf}/trial_000,{Leaf}/trial_001");
        await computed.WaitForFunctionAsync("() => hypergrid.store.plots.length === 1 && hypergrid.store.plots[0].series.length === 2");
        Assert.Equal("samples seen (train steps × batch size)", await XLabel(computed));
        // A val row after the first epoch's 10 train rows has seen 10 × 32, the train row before it (step 9) as many.
        var xs = await computed.EvaluateAsync<double?[][]>("() => hypergrid.store.plots[0].series.map(s => s.xs)");
        Assert.Equal(320, xs[0][9]);
        Assert.Equal(320, xs[1].First(v => v is not null));
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
    }

    private static Task<string> XLabel(Microsoft.Playwright.IPage page) =>
        page.EvaluateAsync<string>("() => hypergrid.store.plots[0].plot.axes[0].label");

    [Fact]
    public async Task A_group_that_logs_samples_is_drawn_at_their_mean_count()
    {
        var page = await Open($"#leaves={Leaf}&m=loss&ph=train&x=samples&g=1");
        await page.WaitForFunctionAsync("() => hypergrid.store.plots.length === 1 && hypergrid.store.groupSteps?.size === 2 && hypergrid.store.plots[0].series.length === 2");
        var means = await page.EvaluateAsync<double?[]>("() => [...hypergrid.store.groupSteps.values()][0].train.samples.mean");
        var xs = await page.EvaluateAsync<double?[]>("() => hypergrid.store.plots[0].series[0].xs");
        Assert.Equal(296 * 4, means.Last(v => v is not null));
        Assert.Equal(means, xs);
        Assert.Equal("samples seen", await XLabel(page)); // one group logs samples, the other does not
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
    }
}
