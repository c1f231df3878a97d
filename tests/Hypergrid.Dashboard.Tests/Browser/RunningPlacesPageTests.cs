using System.Globalization;
using System.Text;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Tests.Figures;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// In Chromium, running trials by epochs as a fraction: a trial in its second epoch is placed by its first epoch's rows
/// (not the epoch it is in), and keeps those places as its log grows (the page extends what it has); a program's trial in
/// its first epoch (no batch_size, no train set) is not drawn until that epoch ends, then is; the page's points are the
/// figure file's throughout.
/// </summary>
[Collection("browser")]
public sealed class RunningPlacesPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    private const string Leaf = "sweep/toy/net/sgd";

    protected override void Build(LogTree tree)
    {
        Running(tree, "trial_000", "seed: 0\nbatch_size: 16\n", Rows(1, 0, 10, ends: true) + Rows(2, 0, 5));
        Running(tree, "trial_001", "seed: 1\ncommand: python3 train.py\n", Rows(1, 0, 7));
    }

    private static void Running(LogTree tree, string trial, string config, string rows)
    {
        var dir = tree.AddTrial($"{Leaf}/{trial}", config);
        File.WriteAllText(Path.Combine(dir, TrialFiles.Claim), $"{{\"host\":\"{Environment.MachineName}\",\"pid\":{Environment.ProcessId}}}");
        File.WriteAllText(Path.Combine(dir, TrialFiles.PartialLog), "epoch,mode,batch,loss,acc\n" + rows);
    }

    /// <summary>An epoch's train rows [from, to), then a val pass of one row when it ends there.</summary>
    private static string Rows(int epoch, int from, int to, bool ends = false)
    {
        var sb = new StringBuilder();
        for (var b = from; b < to; b++) sb.Append(CultureInfo.InvariantCulture, $"{epoch},train,{b},{2.0 / (epoch + b / 10.0)},0.5\n");
        if (ends) sb.Append(CultureInfo.InvariantCulture, $"{epoch},val,0,{1.0 / epoch},0.6\n");
        return sb.ToString();
    }

    private static double Tex(double v) => double.Parse(PgfplotsWriter.R(v), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Running_trials_are_placed_by_their_finished_epochs_as_they_grow_and_as_in_their_figure()
    {
        var page = await Open($"#leaves={Leaf}&m=loss&ph=train&x=epochf");
        await page.WaitForFunctionAsync("() => hypergrid.store.plots.length === 1 && hypergrid.store.steps.size === 2");
        async Task<double?[][]> Xs() => await page.EvaluateAsync<double?[][]>("() => hypergrid.store.plots[0].series.map(s => s.xs)");
        // The program's trial is in its first epoch: not placed yet, so one line; trial_000's 15 rows at (s + 1) / 10.
        var first = await Xs();
        Assert.Single(first);
        Assert.Equal(Enumerable.Range(1, 15).Select(s => (double?)Math.Round(s / 10.0, 9)), first[0].Select(v => v is { } d ? Math.Round(d, 9) : (double?)null));

        // Epoch 2 ends and epoch 3 begins for trial_000; the program's first epoch ends after 7 rows.
        File.AppendAllText(Path.Combine(Tree.Trial($"{Leaf}/trial_000"), TrialFiles.PartialLog), Rows(2, 5, 10, ends: true) + Rows(3, 0, 3));
        File.AppendAllText(Path.Combine(Tree.Trial($"{Leaf}/trial_001"), TrialFiles.PartialLog), "1,val,0,0.9,0.6\n" + Rows(2, 0, 2));
        await page.WaitForFunctionAsync("() => hypergrid.store.plots.length === 1 && hypergrid.store.plots[0].series.length === 2", null, new() { Timeout = 15000 });
        await page.WaitForFunctionAsync($"() => hypergrid.store.steps.get('{Leaf}/trial_000').train.rows === 23", null, new() { Timeout = 15000 });
        var grown = await Xs();
        Assert.Equal(Enumerable.Range(1, 23).Select(s => (double?)Math.Round(s / 10.0, 9)), grown[0].Select(v => v is { } d ? Math.Round(d, 9) : (double?)null));
        Assert.Equal(Enumerable.Range(1, 9).Select(s => (double?)Math.Round(s / 7.0, 9)), grown[1].Select(v => v is { } d ? Math.Round(d, 9) : (double?)null));

        var tex = await page.EvaluateAsync<string>("async () => await (await fetch(hypergrid.figureUrl('loss', 'tex'))).text()");
        var figure = TexTables.Read(tex).Where(p => !p.IsBand).ToList();
        Assert.Equal(grown.Select(xs => xs.Select(x => Tex(x!.Value)).ToList()), figure.Select(p => p.Rows.Select(r => r[0]).ToList()));
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
    }
}
