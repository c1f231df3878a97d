using Hypergrid.Trials;
using Hypergrid.Trials.Search;
using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>A halving leaf on the page: paused trials drawn to where they stopped, named so, with rank and cut-off.</summary>
[Collection("browser")]
public sealed class SearchPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    private const string Leaf = "sweep/mnist/mlp/adam";

    protected override void Build(LogTree tree)
    {
        tree.AddComplete($"{Leaf}/trial_000", "seed: 0\nlr: 0.01\nepochs: 6\n", epochs: 6, batches: 2, scale: 0.5);
        tree.AddPaused($"{Leaf}/trial_001", "seed: 0\nlr: 0.1\nepochs: 6\n", pausedAt: 1, epochs: 6, batches: 2, scale: 2);
        tree.AddPaused($"{Leaf}/trial_002", "seed: 0\nlr: 1.0\nepochs: 6\n", pausedAt: 1, epochs: 6, batches: 2, scale: 3);
        var now = DateTimeOffset.UtcNow;
        SearchDecision D(int trial, double value, int rank, string decision) => new("r0-test", 0, 1, trial, value, rank, 3, 0.8, decision, 6, now);
        File.WriteAllText(Path.Combine(tree.Log, Leaf, SearchDecision.File),
            string.Concat(new[] { D(0, 0.8, 1, SearchDecision.Promote), D(1, 0.7, 2, SearchDecision.Pause), D(2, 0.6, 3, SearchDecision.Pause) }.Select(d => d.ToLine() + "\n")));
    }

    [Fact]
    public async Task Paused_trials_show_where_they_stopped_their_rank_and_the_cutoff_and_are_drawn_to_there()
    {
        var page = await Open("#m=loss&ph=train");
        var row = page.Locator("#table tbody tr", new() { HasTextString = "trial_001" });
        Assert.Contains("paused at epoch 1 of 6; rank 2 of 3 at epoch 1 (value 0.7, cut-off 0.8)", await row.InnerTextAsync());
        Assert.Equal("state-paused", await row.Locator("td").Nth(1).GetAttributeAsync("class"));
        await page.WaitForFunctionAsync("() => (window.hypergrid.store.plots.find(p => p.metric === 'loss')?.series.length === 3)");
        var paused = await page.EvaluateAsync<double[]>(
            "() => window.hypergrid.store.plots.find(p => p.metric === 'loss').series.find(s => s.label.includes('trial_001')).xs");
        Assert.Equal([1.0], paused.Distinct());                              // drawn to epoch 1, where it stopped
        var label = await page.EvaluateAsync<string>(
            "() => window.hypergrid.store.plots.find(p => p.metric === 'loss').series.find(s => s.label.includes('trial_001')).label");
        Assert.Contains("paused at a search rung", label);
        Assert.Contains("2 paused", await page.Locator($"details[data-leaf='{Leaf}'] summary").InnerTextAsync());
    }
}
