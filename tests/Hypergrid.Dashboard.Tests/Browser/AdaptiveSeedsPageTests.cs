using Hypergrid.Config;
using Hypergrid.Findings;
using Hypergrid.Trials.Search;
using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// The Results view shows a section's adaptive-seed rounds as report says them (seeds spent against the fixed design,
/// why each group stopped), as text: a leaf named with markup stays text; each row carries its group's standing.
/// </summary>
[Collection("browser")]
public sealed class AdaptiveSeedsPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    private const string Best = "experiment/mnist/cnn/adam", Worse = "experiment/mnist/mlp/sg<b>d";

    protected override void Build(LogTree tree)
    {
        for (var s = 0; s < 4; s++) tree.AddComplete($"{Best}/trial_00{s}", $"seed: {s}\nlr: 0.001\n", epochs: 2, batches: 2, scale: 1 + 0.02 * s);
        for (var s = 0; s < 3; s++) tree.AddComplete($"{Worse}/trial_00{s}", $"seed: {s}\nlr: 0.1\n", epochs: 2, batches: 2, scale: 1.6 + 0.02 * s);
        var section = Path.Combine(tree.Log, "experiment", "mnist");
        SeedDecisions.Append(section, SeedDecisions.Format(new SeedRound(1, 3, Best, new Dictionary<string, string> { [Worse] = "different" }, [Best]) { Max = 6 }, "s", "t", DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task The_results_say_the_rounds_as_report_does_as_text_and_mark_each_groups_standing()
    {
        var report = Reporter.Build(Tree.Log, new ReportOptions(new Filters(null)));
        var expected = report.Sections.Single(s => s.Name == "experiment/mnist").AdaptiveSeeds!;
        Assert.Contains("7 seeds spent against a fixed 6 for each of 2 groups (12)", expected);
        Assert.Contains($"{Worse}: stopped at 3 seeds: different (round 1)", expected);

        var page = await Open("#x=epoch");
        var line = page.Locator(".r-section[data-section='experiment/mnist'] .r-adaptive");
        await line.WaitForAsync();
        Assert.Equal(expected, await line.TextContentAsync());
        Assert.Equal(0, await line.Locator("b").CountAsync()); // the leaf's markup is text
        var rows = page.Locator(".r-section[data-section='experiment/mnist'] tbody tr");
        Assert.Equal("stopped", await rows.Filter(new() { HasTextString = "sg<b>d" }).GetAttributeAsync("data-adaptive"));
        Assert.Equal("waiting", await rows.Filter(new() { HasTextString = "cnn" }).GetAttributeAsync("data-adaptive"));
        Assert.Empty(ConsoleErrors);
    }
}
