using System.Globalization;
using System.Text;
using Hypergrid.Trials;
using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// At x = step in Chromium: val rows drawn at the train step of their pass, and "group by all but seed" drawing the
/// server's mean over seeds with a ±std or min–max band.
/// </summary>
[Collection("browser")]
public sealed class StepAlignPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    private const int Epochs = 2, TrainBatches = 50, ValBatches = 10, Seeds = 3;
    private const string Leaf = "experiment/mnist/mlp/adam";
    private readonly double[,] trainLoss = new double[Seeds, Epochs * TrainBatches];

    protected override void Build(LogTree tree)
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            var sb = new StringBuilder("mode,epoch,batch,loss\n");
            for (var e = 0; e < Epochs; e++)
            {
                for (var b = 0; b < TrainBatches; b++)
                {
                    var loss = 2.0 - 0.01 * (e * TrainBatches + b) + 0.1 * seed + 0.003 * ((b * 7 + seed) % 5);
                    trainLoss[seed, e * TrainBatches + b] = loss;
                    sb.Append(CultureInfo.InvariantCulture, $"train,{e + 1},{b},{loss.ToString("R", CultureInfo.InvariantCulture)}\n");
                }
                for (var b = 0; b < ValBatches; b++) sb.Append(CultureInfo.InvariantCulture, $"val,{e + 1},{b},{1.5 - 0.2 * e + 0.01 * seed}\n");
            }
            var dir = tree.AddTrial($"{Leaf}/trial_00{seed}", $"seed: {seed}\nepochs: {Epochs}\n");
            File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), sb.ToString());
        }
    }

    private const string Series = "window.hypergrid.store.plots.find(p => p.metric === 'loss')?.series ?? []";

    [Fact]
    public async Task Val_rows_are_drawn_at_the_train_step_of_their_pass()
    {
        var page = await Open("#x=step&m=loss&ph=train,val");
        await page.WaitForFunctionAsync($"() => (({Series}).filter(s => s.label.endsWith(' val')).length === {Seeds})");
        var valXs = await page.EvaluateAsync<double[]>($"() => ({Series}).find(s => s.label.endsWith(' val')).xs.filter(x => x != null)");
        Assert.Equal([TrainBatches, 2 * TrainBatches], valXs); // not 0..19, their ordinal among val rows
        var trainXs = await page.EvaluateAsync<double[]>($"() => {{ const s = ({Series}).find(s => s.label.endsWith(' train')); return s.xs.filter((x, i) => s.ys[i] != null); }}");
        Assert.Equal(Enumerable.Range(0, Epochs * TrainBatches).Select(i => (double)i), trainXs);
    }

    [Theory]
    [InlineData("std")]
    [InlineData("range")]
    public async Task Grouping_at_step_resolution_draws_the_mean_over_seeds_with_its_band(string band)
    {
        var page = await Open($"#x=step&m=loss&ph=train&g=1&b={band}");
        await page.WaitForFunctionAsync($"() => (({Series}).length === 1 && ({Series})[0].label.includes('(n={Seeds})'))");
        // The axis runs one past the last val pass (step 100): that bucket has no train row.
        var ys = await page.EvaluateAsync<double[]>($"() => ({Series})[0].ys.filter(y => y != null)");
        var upper = await page.EvaluateAsync<double[]>($"() => ({Series})[0].band.upper.filter(y => y != null)");
        Assert.Equal(Epochs * TrainBatches, ys.Length);
        for (var i = 0; i < ys.Length; i++)
        {
            var seeds = Enumerable.Range(0, Seeds).Select(s => trainLoss[s, i]).ToList();
            var mean = seeds.Average();
            Assert.Equal(mean, ys[i], 9);
            var expected = band == "range" ? seeds.Max() : mean + Math.Sqrt(seeds.Sum(v => (v - mean) * (v - mean)) / (Seeds - 1));
            Assert.Equal(expected, upper[i], 9);
        }
    }
}
