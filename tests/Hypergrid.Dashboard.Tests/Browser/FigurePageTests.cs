using System.Globalization;
using System.Xml.Linq;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Tests.Figures;
using Hypergrid.Trials;
using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// The page agrees with itself and with its figures, in Chromium: one colour per group in the plots, the table and the
/// downloaded figure; figure buttons that download the view in the page's words when refused; samples seen as an x
/// axis; clamped URL values, said; no column that is empty for every shown trial.
/// </summary>
[Collection("browser")]
public sealed class FigurePageTests(BrowserFixture fixture) : PageTests(fixture)
{
    private static readonly string[] Lrs = ["0.001", "0.01", "0.1"];

    protected override void Build(LogTree tree)
    {
        FigureLogs.Write(tree, Lrs, seeds: 2, steps: 600, extraKey: "epochs: 6\n");
        // A program's trial: no data source, no val_acc.
        var dir = tree.AddTrial("sweep/toy/net/sgd/trial_000", "seed: 0\ncommand: python3 train.py\n");
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), "epoch,mode,batch,loss\n1,train,0,1.0\n1,val,0,0.9\n2,train,0,0.5\n2,val,0,0.6\n");
    }

    private const string Adam = "leaves=sweep/mnist/mlp/adam";

    [Fact]
    public async Task A_group_has_one_colour_in_the_plot_the_table_and_the_downloaded_figure()
    {
        var page = await Open($"#{Adam}&m=loss&ph=train&x=step&g=1");
        await page.WaitForFunctionAsync("() => hypergrid.store.plots.length === 1 && hypergrid.store.groupSteps?.size === 3");
        // The plot's lines (not the transparent band edges), in order, and each group's table swatches.
        var strokes = await page.EvaluateAsync<string[]>("() => { const u = hypergrid.store.plots[0].plot; return u.series.slice(1).map((s, i) => s.stroke(u, i + 1)).filter(c => c !== 'transparent'); }");
        var swatches = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#table tbody tr:not(.spacer)')].map(r => r.querySelector('.swatch').style.background)");
        Assert.Equal(Enumerable.Range(0, 3).Select(i => Palette.Of(i)), strokes);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => Rgb(Palette.Of(i / 2))), swatches); // two seeds per group
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".plot[data-metric='loss'] .figure-row button[data-format='svg']").ClickAsync());
        var svg = XDocument.Load((await download.PathAsync())!);
        var lines = svg.Descendants().Where(e => e.Name.LocalName == "polyline" && e.Attribute("clip-path") is not null).Select(e => e.Attribute("stroke")!.Value).ToList();
        Assert.Equal(strokes, lines);
        Assert.Equal(["lr:", .. Lrs], svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).Where(t => t == "lr:" || Lrs.Contains(t)));
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
    }

    [Fact]
    public async Task By_samples_seen_each_step_is_its_batch_size_of_samples()
    {
        var page = await Open($"#{Adam}&m=loss&ph=train&x=samples");
        await page.WaitForFunctionAsync("() => hypergrid.store.plots.length === 1 && hypergrid.store.steps.size === 6");
        var (lastSteps, xs) = (await page.EvaluateAsync<double?[]>("() => hypergrid.store.steps.get('sweep/mnist/mlp/adam/trial_000').train.at"),
            await page.EvaluateAsync<double?[]>("() => hypergrid.store.plots[0].series[0].xs"));
        // A trial's train line is drawn at each bucket's last row, counted at the end of its batch: (step + 1) × 32.
        Assert.Equal(lastSteps.Select(s => (s + 1) * 32), xs);
        Assert.StartsWith("samples seen", await page.EvaluateAsync<string>("() => hypergrid.store.plots[0].plot.axes[0].label"));
    }

    [Theory]
    [InlineData("sm=5&x=foo&b=wide&rr=zzz&re=1&rs=x", 0.99, "epoch", "smoothing,x,band,epochs,error bars,compare")]
    [InlineData("sm=-3&x=step&ph=", 0, "step", "smoothing")]
    [InlineData("sm=abc&x=samples", 0, "samples", "smoothing")]
    public async Task Values_out_of_range_in_the_URL_are_clamped_and_the_plots_still_draw(string hash, double smooth, string x, string said)
    {
        var page = await Open($"#{Adam}&m=loss&{hash}");
        await page.WaitForFunctionAsync("() => hypergrid.store.plots.length === 1");
        Assert.Equal(smooth, await page.EvaluateAsync<double>("() => hypergrid.view.smooth"));
        Assert.Equal(x, await page.EvaluateAsync<string>("() => hypergrid.view.x"));
        Assert.Equal(x, await page.EvalOnSelectorAsync<string>("#x", "e => e.value"));
        Assert.Equal("std", await page.EvaluateAsync<string>("() => hypergrid.view.band"));
        Assert.Equal(["final", "std", "dataset"], await page.EvaluateAsync<string[]>("() => [hypergrid.view.r.reduce, hypergrid.view.r.err, hypergrid.view.r.scope]"));
        // Each value changed is said above the plots, by the name of the control it sets.
        var notices = await page.Locator("#link-notice li").AllTextContentsAsync();
        Assert.Equal(said.Split(','), notices.Select(n => n[..n.IndexOf(':')]));
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
    }

    [Fact]
    public async Task A_links_leaves_metrics_and_choices_the_study_lacks_are_left_out_said_and_the_link_rewritten()
    {
        var hostile = Uri.EscapeDataString("<img src=x onerror=alert(1)>");
        var page = await Open($"#leaves=nope/x,{hostile}&hide=a/b/c/d/trial_000&m=bogus&rm=bogus&ra=nope&rk=zz&sort=nocol");
        await page.WaitForFunctionAsync("() => hypergrid.store.plots.length >= 1 && hypergrid.results().report !== null");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#link-notice li')].some(li => li.textContent.startsWith('scatter x:'))");
        var notices = await page.Locator("#link-notice li").AllTextContentsAsync();
        foreach (var (control, value) in new[] { ("leaves", "nope/x"), ("leaves", "<img src=x onerror=alert(1)>"), ("hidden trials", "a/b/c/d/trial_000"), ("metrics", "bogus"),
                     ("Results metric", "bogus"), ("at best", "nope"), ("scatter x", "zz"), ("table sort", "nocol") })
            Assert.Contains(notices, n => n.StartsWith(control + ":") && n.Contains($"'{value}'"));
        Assert.Equal(0, await page.Locator("#link-notice img").CountAsync());
        // What the page shows instead: every leaf, the usual metrics, the Results by val_acc, and a link that says so.
        Assert.Null(await page.EvaluateAsync<string[]?>("() => hypergrid.view.leaves && [...hypergrid.view.leaves]"));
        Assert.Equal(["loss", "acc"], await page.EvaluateAsync<string[]>("() => hypergrid.view.metrics"));
        Assert.Equal("val_acc", await page.EvalOnSelectorAsync<string>("#r-metric", "e => e.value"));
        var hash = Uri.UnescapeDataString(new Uri(page.Url).Fragment);
        foreach (var gone in new[] { "nope", "bogus", "zz", "nocol", "img" }) Assert.DoesNotContain(gone, hash);
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
    }

    [Fact]
    public async Task A_figure_the_server_cannot_fit_says_so_naming_the_pages_size_select_not_the_command_lines_options()
    {
        var page = await Open($"#{Adam}&m=loss&ph=train");
        await page.WaitForFunctionAsync("() => hypergrid.store.plots.length === 1");
        // A size the select does not offer, smaller than any figure fits in: the server's own refusal, in the page's words.
        await page.EvalOnSelectorAsync("#fig-size", "s => { s.append(new Option('tiny', '1cm,1cm')); s.value = '1cm,1cm'; }");
        await page.Locator(".plot[data-metric='loss'] .figure-row button[data-format='svg']").ClickAsync();
        var note = page.Locator(".plot[data-metric='loss'] .figure-note");
        await page.WaitForFunctionAsync("() => document.querySelector(\".plot[data-metric='loss'] .figure-note\").textContent.length > 0");
        var said = await note.TextContentAsync() ?? "";
        Assert.Contains("has no room for its plot", said);
        Assert.Contains("the figure size select", said);
        Assert.DoesNotContain("--", said);
        Assert.DoesNotContain("API", said);
    }

    [Fact]
    public async Task A_column_empty_for_every_shown_trial_is_left_out_and_shown_when_one_has_it()
    {
        var page = await Open("#leaves=sweep/toy/net/sgd&m=loss");
        var heads = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#table thead th')].map(t => t.textContent)");
        Assert.DoesNotContain("data", heads);
        Assert.DoesNotContain("val_acc", heads);
        Assert.Contains("trial", heads);
        page = await Open("#m=loss");
        Assert.Contains("lr", await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#table thead th')].map(t => t.textContent)"));
    }

    [Fact]
    public async Task The_page_and_the_figures_give_a_thing_the_same_colour()
    {
        var page = await Open();
        foreach (var i in new[] { 0, 7, 8, 11, 12, 41, 999 }) Assert.Equal(Palette.Of(i), await page.EvaluateAsync<string>($"() => hypergrid.color({i})"));
    }

    private static string Rgb(string hex) =>
        $"rgb({int.Parse(hex[1..3], NumberStyles.HexNumber)}, {int.Parse(hex[3..5], NumberStyles.HexNumber)}, {int.Parse(hex[5..7], NumberStyles.HexNumber)})";
}
