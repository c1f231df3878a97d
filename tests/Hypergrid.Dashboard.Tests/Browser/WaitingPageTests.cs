using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>A running trial that has written no row yet: the page says it waits for them and draws no made-up axes.</summary>
[Collection("browser")]
public sealed class WaitingPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    private const string Trial = "sweep/mnist/mlp/adam/trial_000";

    protected override void Build(LogTree tree)
    {
        var dir = tree.AddRunning(Trial, "seed: 0\nlr: 0.1\n", epochs: 1, batches: 1);
        File.WriteAllText(Path.Combine(dir, TrialFiles.PartialLog), LogTree.BatchLog(1, 0, 1, 1.0)); // the header, no row yet
    }

    [Theory]
    [InlineData("#m=loss&leaves=sweep/mnist/mlp/adam")]
    [InlineData("#m=loss&x=step&leaves=sweep/mnist/mlp/adam")]
    public async Task A_running_trial_without_rows_is_said_to_wait_and_is_drawn_once_its_rows_come(string view)
    {
        var page = await Open(view);
        var waiting = page.Locator("#waiting");
        await waiting.WaitForAsync();
        Assert.Contains($"{Trial} is running: waiting for the first rows of the batch log", await waiting.TextContentAsync());
        Assert.Equal(0, await page.Locator(".plot").CountAsync());

        File.AppendAllText(Path.Combine(Tree.Trial(Trial), TrialFiles.PartialLog), LogTree.BatchLog(1, 1, 2, 1.0, header: false));
        await page.Locator(".plot[data-metric='loss'] canvas").WaitForAsync(new() { Timeout = 15_000 }); // the next refresh
        Assert.True(await waiting.IsHiddenAsync());
        Assert.Empty(ConsoleErrors);
    }

    [Fact]
    public async Task Results_without_a_complete_trial_draw_no_empty_charts_and_their_figure_buttons_say_why_they_are_off()
    {
        var page = await Open("#m=loss&leaves=sweep/mnist/mlp/adam");
        var empty = page.Locator("#r-empty");
        await empty.WaitForAsync();
        Assert.Contains("no complete trial yet", await empty.TextContentAsync());
        foreach (var chart in new[] { "#r-parallel", "#r-scatter", "#r-best", "#r-single" })
            Assert.False(await page.Locator(chart).IsVisibleAsync(), chart + " is shown");
        var buttons = page.Locator("#r-figure button");
        Assert.Equal(3, await buttons.CountAsync());
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await buttons.Nth(i).IsDisabledAsync());
            Assert.Contains("no complete trial yet", await buttons.Nth(i).GetAttributeAsync("title"));
        }
        Assert.Empty(ConsoleErrors);
    }
}
