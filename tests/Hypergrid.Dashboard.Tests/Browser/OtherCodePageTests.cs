using Hypergrid.Trials;
using Hypergrid.Trials.Code;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>A program result whose code file changed since it ran is shown as trained by other code, on the next refresh.</summary>
[Collection("browser")]
public sealed class OtherCodePageTests(BrowserFixture fixture) : PageTests(fixture)
{
    private const string Leaf = "sweep/clusters/softmax/sgd";

    protected override void Build(LogTree tree)
    {
        File.WriteAllText(Path.Combine(tree.Root, "train.py"), "print('v1')\n");
        File.WriteAllText(Path.Combine(tree.Root, "notes.py"), "# notes\n");
        foreach (var n in new[] { 0, 1 })
        {
            var dir = tree.AddComplete($"{Leaf}/trial_00{n}", $"command: python3 train.py\nseed: 0\nlr: 0.{n + 1}\n", epochs: 2, batches: 2);
            var code = CodeIdentity.Of(tree.Root, ["python3", n == 0 ? "train.py" : "notes.py"], null, [tree.Out]);
            (RunRecord.TryRead(dir)! with { Code = code }).Write(dir);
        }
    }

    [Fact]
    public async Task An_edit_of_the_code_file_shows_its_results_as_trained_by_other_code_and_no_other()
    {
        var page = await Open("#m=loss&ph=train");
        var row = page.Locator("#table tbody tr", new() { HasTextString = "trial_000" });
        Assert.Contains("complete", await row.InnerTextAsync());

        var path = Path.Combine(Tree.Root, "train.py");
        File.WriteAllText(path, "print('v1')  # edited\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        // The trial folders did not change: the server judges its cached results by today's code on every scan.
        page = await Open("#m=loss&ph=train");
        row = page.Locator("#table tbody tr", new() { HasTextString = "trial_000" });
        Assert.Contains("trained by other code", await row.InnerTextAsync());
        var state = row.Locator("td").Nth(1);
        Assert.Equal("state-other-code", await state.GetAttributeAsync("class"));
        Assert.Equal("trained by other code: train.py changed since it ran (--retrain-other-code retrains it)", await state.GetAttributeAsync("title"));
        Assert.DoesNotContain("other code", await page.Locator("#table tbody tr", new() { HasTextString = "trial_001" }).InnerTextAsync());
        await page.WaitForFunctionAsync("() => (window.hypergrid.store.plots.find(p => p.metric === 'loss')?.series.length === 2)");
        var label = await page.EvaluateAsync<string>(
            "() => window.hypergrid.store.plots.find(p => p.metric === 'loss').series.find(s => s.label.includes('trial_000')).label");
        Assert.Contains("(trained by other code)", label);
        Assert.Empty(ConsoleErrors);
    }
}
