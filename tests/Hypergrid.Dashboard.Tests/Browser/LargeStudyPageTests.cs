using Hypergrid.Trials;
using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// A study of 3,000 trials (15 times the rows the table renders): the page holds a bounded number of elements whatever the study's size, scrolling, sorting
/// and filtering show the right rows with the right values, and a hostile string in a config is shown as text.
/// </summary>
[Collection("browser")]
public sealed class LargeStudyPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const int Trials = 3_000;
    private const int Hostile = 2345;
    private const string Tag = "<img/src=x/onerror=window.pwned=1>";
    private const string Leaf = "sweep/mnist/mlp/adam";
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        // cfg.yaml and run.json only (no logs: nothing to plot, so the test measures the table and stays fast).
        Parallel.For(0, Trials, i =>
        {
            var dir = tree.AddTrial($"{Leaf}/{TrialFiles.FolderName(i)}", $"seed: 0\nwidth: {i}\ntag: '{(i == Hostile ? Tag : "plain")}'\n");
            new RunRecord { Status = RunStatus.Complete, Final = new() { ["val_acc"] = i / (double)Trials } }.Write(dir);
        });
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    /// <summary>Every rendered row of the table as its trial's number and its width cell (-1 when no width column is shown).</summary>
    private static Task<int[][]> Rows(IPage page) => page.EvaluateAsync<int[][]>("""
        () => {
          const heads = [...document.querySelectorAll('#table thead th')].map(th => th.textContent);
          const width = heads.indexOf('width');
          return [...document.querySelectorAll('#table tbody tr:not(.spacer)')]
            .map(tr => [Number(tr.cells[0].textContent.replace(/.*trial_/, '')), width < 0 ? -1 : Number(tr.cells[width].textContent)]);
        }
        """);

    private static Task<int> Elements(IPage page) => page.EvaluateAsync<int>("() => document.getElementsByTagName('*').length");

    [Fact]
    public async Task The_page_stays_small_and_scrolling_sorting_and_filtering_show_the_right_rows_as_text()
    {
        var page = await fixture.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(server!.Url + "/#m=loss");
        await page.WaitForSelectorAsync("body[data-ready='1']", new() { Timeout = 120_000 });
        Assert.Equal($"{Trials} of {Trials} trials", await page.InnerTextAsync("#count"));
        var first = await Rows(page);
        Assert.InRange(first.Length, 10, 200);
        Assert.All(first, r => Assert.Equal(r[0], r[1])); // each row's width is its own trial's
        Assert.InRange(await Elements(page), 100, 3000);

        // Scrolled to the middle: the rows there, and only a screenful of them.
        await page.EvaluateAsync("() => { const w = document.getElementById('table-wrap'); w.scrollTop = w.scrollHeight / 2; }");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#table tbody tr:not(.spacer)')]" +
            $".some(tr => Math.abs(Number(tr.cells[0].textContent.replace(/.*trial_/, '')) - {Trials / 2}) < 300)");
        var middle = await Rows(page);
        Assert.InRange(middle.Length, 10, 200);
        Assert.All(middle, r => Assert.Equal(r[0], r[1]));
        Assert.Equal(Enumerable.Range(middle[0][0], middle.Length), middle.Select(r => r[0])); // consecutive, none skipped

        // Sorted by width, largest first (a click sorts ascending, a second descending): the last trial on top.
        await page.EvaluateAsync("() => document.getElementById('table-wrap').scrollTop = 0");
        var widthHead = page.Locator("#table thead th", new() { HasTextString = "width" });
        await widthHead.ClickAsync();
        await page.WaitForSelectorAsync("#table th.sorted-asc");
        await page.Locator("#table thead th", new() { HasTextString = "width" }).ClickAsync();
        await page.WaitForSelectorAsync("#table th.sorted-desc");
        var sorted = await Rows(page);
        Assert.Equal(Enumerable.Range(0, sorted.Length).Select(k => Trials - 1 - k), sorted.Select(r => r[0]));
        Assert.All(sorted, r => Assert.Equal(r[0], r[1]));

        // The hostile tag sorts first by tag: shown as its text, never run or parsed as HTML.
        await page.Locator("#table thead th", new() { HasTextString = "tag" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#table th.sorted-asc')?.textContent === 'tag'");
        Assert.Equal(Hostile, (await Rows(page))[0][0]);
        Assert.Equal(Tag, await page.EvaluateAsync<string>("() => { const heads = [...document.querySelectorAll('#table thead th')].map(th => th.textContent); " +
                                                             "return document.querySelector('#table tbody tr:not(.spacer)').cells[heads.indexOf('tag')].textContent; }"));
        Assert.Equal(0, await page.Locator("#table img, #browser img").CountAsync());
        Assert.False(await page.EvaluateAsync<bool>("() => window.pwned === 1"));

        // Filtered to one value, and to the hostile text: exactly that trial (one row: no column varies, only the trial shows).
        await page.FillAsync("#filter", "width=1234");
        await page.WaitForFunctionAsync($"() => document.getElementById('count').textContent === '1 of {Trials} trials'");
        Assert.Equal([[1234, -1]], await Rows(page));
        await page.FillAsync("#filter", "tag=" + Tag);
        await page.WaitForFunctionAsync($"() => document.querySelector('#table tbody tr:not(.spacer)')?.cells[0].textContent.endsWith('trial_{Hostile}')");
        Assert.Equal($"1 of {Trials} trials", await page.InnerTextAsync("#count"));
        Assert.Equal([[Hostile, -1]], await Rows(page));
        Assert.False(await page.EvaluateAsync<bool>("() => window.pwned === 1"));

        await page.FillAsync("#filter", "");
        await page.WaitForFunctionAsync($"() => document.getElementById('count').textContent === '{Trials} of {Trials} trials'");
        Assert.InRange(await Elements(page), 100, 3000);
        Assert.Empty(errors);
    }
}
