using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>A searched leaf's progress on the page: the best value so far against trial number, in Chromium.</summary>
[Collection("browser")]
public sealed class SearchProgressPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    // Six proposals of a random search; val_loss (0.5 x scale) falls at trials 0, 2 and 5, rises between.
    private static readonly double[] Scales = [1.6, 1.8, 1.2, 1.4, 1.3, 0.6];

    protected override void Build(LogTree tree)
    {
        for (var i = 0; i < Scales.Length; i++)
            tree.AddComplete($"sweep/mnist/mlp/adam/trial_00{i}", $"seed: 0\nlr: {0.001 * (i + 1) * 1.37:R}\ndropout: {0.05 * i:R}\n", epochs: 2, batches: 2, scale: Scales[i]);
    }

    [Fact]
    public async Task The_best_value_so_far_is_drawn_against_trial_number_as_a_step_that_only_improves()
    {
        var page = await Open("#rm=val_loss&rp=sweep%2Fmnist");
        await page.WaitForFunctionAsync("() => (document.querySelector('#r-best .r-best-line') !== null)");
        var best = await page.EvaluateAsync<double[]>("() => bestSoFar(results.report.sections[0].groups, results.report.goal).map(p => p.best)");
        // The server's group means (ranked best first), put back in trial order: the best so far is their running minimum.
        var means = (await page.EvaluateAsync<string[][]>("() => results.report.sections[0].groups.map(g => [g.trials[0], String(g.mean)])"))
            .OrderBy(g => g[0], StringComparer.Ordinal).Select(g => double.Parse(g[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(6, means.Count);
        var expected = new List<double>();
        foreach (var m in means) expected.Add(Math.Min(expected.Count == 0 ? double.MaxValue : expected[^1], m));
        Assert.Equal(expected, best);
        Assert.Equal(3, best.Distinct().Count()); // improved at trials 0, 2 and 5 only
        Assert.Equal(6, await page.Locator("#r-best .r-best-trial").CountAsync());
        // Each trial's dot in its group's colour (the scatter's and the table's): six groups, six colours.
        var dots = await page.EvaluateAsync<string[][]>(@"() => {
            const groups = results.report.sections[0].groups;
            const byTrial = new Map(groups.map(g => [g.trials[0], resultColor(g)]));
            return [...document.querySelectorAll('#r-best .r-best-trial')].map(d =>
              [d.getAttribute('fill'), byTrial.get(d.querySelector('title').textContent.split(':')[0])]);
        }");
        Assert.All(dots, d => Assert.Equal(d[1], d[0]));
        Assert.Equal(6, dots.Select(d => d[0]).Distinct().Count());
        Assert.Contains("val_loss (best so far, lower is better)", await page.Locator("#r-best").TextContentAsync());
        Assert.Contains("trial number", await page.Locator("#r-best").TextContentAsync());
        Assert.Empty(ConsoleErrors);
    }
}
