using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// GET /api/series-group: a group of seeds at step resolution, every bucket checked against a direct computation over
/// the trials' rows (mean and sample std of each trial's bucket mean, true min and max, n).
/// </summary>
public sealed class SeriesGroupTests : IAsyncLifetime
{
    private const string Leaf = "experiment/mnist/mlp/adam";
    private readonly LogTree tree = new();
    private TestServer? server;
    // Per seed: train loss by train step (null: empty cell) and, per val row, (step, loss).
    private readonly List<List<double?>> train = [];
    private readonly List<List<(int Step, double Loss)>> val = [];
    private static readonly int[] Lengths = [3000, 2800, 3000]; // one seed stopped early: fewer trials in its last buckets

    public async Task InitializeAsync()
    {
        for (var seed = 0; seed < Lengths.Length; seed++)
        {
            var rng = new Random(seed + 11);
            var sb = new StringBuilder("mode,epoch,batch,loss\n");
            List<double?> t = [];
            List<(int, double)> v = [];
            for (var i = 0; i < Lengths[seed]; i++)
            {
                double? loss = (i + seed) % 9 == 4 ? null : Math.Round(rng.NextDouble() + seed, 6);
                t.Add(loss);
                sb.Append(CultureInfo.InvariantCulture, $"train,{i / 100 + 1},{i % 100},{loss?.ToString("R", CultureInfo.InvariantCulture)}\n");
                if (i % 100 == 99)
                    for (var b = 0; b < 4; b++)
                    {
                        var l = Math.Round(rng.NextDouble() * 2, 6);
                        v.Add((i + 1, l));
                        sb.Append(CultureInfo.InvariantCulture, $"val,{i / 100 + 1},{b},{l.ToString("R", CultureInfo.InvariantCulture)}\n");
                    }
            }
            train.Add(t);
            val.Add(v);
            var dir = tree.AddTrial($"{Leaf}/trial_00{seed}", $"seed: {seed}\n");
            File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), sb.ToString());
        }
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private static string Trials => string.Join('&', Enumerable.Range(0, Lengths.Length).Select(s => $"trial={Leaf}/trial_00{s}"));

    private async Task<JsonElement> Get(string query)
    {
        var response = await server!.Http.GetAsync($"/api/series-group?{Trials}&{query}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static double? At(JsonElement e, int b) => e[b].ValueKind == JsonValueKind.Null ? null : e[b].GetDouble();

    [Theory]
    [InlineData("train", 0, 3000, 100)]
    [InlineData("train", 123, 2950, 41)]
    [InlineData("train", 2790, 2810, 1000)]
    [InlineData("val", 0, 3001, 60)]
    [InlineData("val", 0, 3001, 7)]
    public async Task Every_bucket_is_the_seeds_mean_and_std_and_the_true_min_and_max(string phase, int from, int to, int points)
    {
        var body = await Get($"phase={phase}&metrics=loss&from={from}&to={to}&points={points}");
        Assert.Equal("train_step", body.GetProperty("axis").GetString());
        var w = (to - from + points - 1) / points;
        var steps = body.GetProperty("step").EnumerateArray().Select(s => s.GetInt32()).ToList();
        var loss = body.GetProperty("loss");
        for (var b = 0; b < steps.Count; b++)
        {
            int lo = steps[b], hi = Math.Min(steps[b] + w, to);
            var cells = Enumerable.Range(0, Lengths.Length).Select(s => phase == "train"
                ? train[s].Select((v, i) => (v, i)).Where(x => x.i >= lo && x.i < hi).Select(x => x.v).OfType<double>().ToList()
                : val[s].Where(x => x.Step >= lo && x.Step < hi).Select(x => x.Loss).ToList()).Where(c => c.Count > 0).ToList();
            Assert.Equal(cells.Count, loss.GetProperty("n")[b].GetInt32());
            if (cells.Count == 0) { Assert.Null(At(loss.GetProperty("mean"), b)); continue; }
            var means = cells.Select(c => c.Average()).ToList();
            Assert.Equal(means.Average(), At(loss.GetProperty("mean"), b)!.Value, 9);
            if (means.Count >= 2)
                Assert.Equal(Math.Sqrt(means.Sum(m => (m - means.Average()) * (m - means.Average())) / (means.Count - 1)), At(loss.GetProperty("std"), b)!.Value, 9);
            else Assert.Null(At(loss.GetProperty("std"), b));
            Assert.Equal(cells.Min(c => c.Min()), At(loss.GetProperty("min"), b));
            Assert.Equal(cells.Max(c => c.Max()), At(loss.GetProperty("max"), b));
        }
    }

    [Fact]
    public async Task The_seed_that_stopped_early_leaves_the_last_buckets_to_the_others()
    {
        var body = await Get("phase=train&metrics=loss&from=2900&to=3000&points=10");
        Assert.All(body.GetProperty("loss").GetProperty("n").EnumerateArray(), n => Assert.Equal(2, n.GetInt32()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("trial=experiment/mnist/mlp/adam/trial_009")]
    [InlineData("trial=../../etc")]
    public async Task A_group_without_trials_or_with_an_unknown_one_is_refused(string trials)
    {
        var response = await server!.Http.GetAsync($"/api/series-group?{trials}&metrics=loss");
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
    }
}
