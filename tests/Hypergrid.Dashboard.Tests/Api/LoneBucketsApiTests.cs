using System.Globalization;
using System.Text;
using System.Text.Json;
using Hypergrid.Dashboard.Series;
using Hypergrid.Dashboard.Tests.Figures;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// GET /api/series and /api/series-group answer, per metric and bucket, whether it stands alone ("lone": a value, none in
/// the buckets beside it): the page draws those spreads as error bars and the rest as bands, deciding nothing itself, and
/// the figure files draw the same answer. An edge bucket is judged by the bucket just outside the range, so a zoom's edge
/// and a live page's tail (fromstep) say what the whole log says.
/// </summary>
public sealed class LoneBucketsApiTests : IAsyncLifetime
{
    private const string Leaf = "experiment/mnist/mlp/adam";
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        // Two seeds: 600 train steps; val passes of 4 rows at steps 100, 200, 400, 500, 600, and a val row after each
        // train step from 300 to 319 (steps 301-320: a dense stretch, buckets next to each other).
        for (var seed = 0; seed < 2; seed++)
        {
            var rng = new Random(seed + 5);
            var sb = new StringBuilder("mode,epoch,batch,loss\n");
            string V() => Math.Round(rng.NextDouble() + seed, 6).ToString("R", CultureInfo.InvariantCulture);
            for (var i = 0; i < 600; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"train,{i / 100 + 1},{i % 100},{V()}\n");
                if (i is >= 300 and < 320) sb.Append(CultureInfo.InvariantCulture, $"val,{i / 100 + 1},{i - 300},{V()}\n");
                if (i % 100 == 99 && i != 299)
                    for (var b = 0; b < 4; b++) sb.Append(CultureInfo.InvariantCulture, $"val,{i / 100 + 1},{b},{V()}\n");
            }
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

    private async Task<JsonElement> Series(string query) => await server!.GetJson($"/api/series/{Leaf}/trial_000?phase=val&metrics=loss&{query}");

    private static bool[] Lone(JsonElement body) => body.GetProperty("loss").GetProperty("lone").EnumerateArray().Select(v => v.GetBoolean()).ToArray();

    private static int[] Steps(JsonElement body) => body.GetProperty("step").EnumerateArray().Select(v => v.GetInt32()).ToArray();

    [Fact]
    public void A_bucket_is_lone_when_it_has_a_value_and_its_neighbours_none_those_outside_included()
    {
        Assert.Equal([false, true, false, false, false, false], LoneBuckets.Of([false, true, false, true, true, true]));
        Assert.Equal([true, false, false, true], LoneBuckets.Of([true, false, false, true]));
        Assert.Equal([false], LoneBuckets.Of([true], before: true));
        Assert.Equal([false], LoneBuckets.Of([true], after: true));
        Assert.Equal([true], LoneBuckets.Of([true]));
        Assert.Empty(LoneBuckets.Of([]));
    }

    [Fact]
    public async Task Each_val_pass_alone_is_lone_and_buckets_next_to_each_other_are_not()
    {
        var body = await Series("width=10");
        var lone = Lone(body);
        var steps = Steps(body);
        // Buckets of 10 steps: the passes at 100, 200, 400, 500 and 600 alone; the stretch 301-320 spans three buckets.
        Assert.Equal([100, 200, 400, 500, 600], steps.Where((_, b) => lone[b]));
        Assert.Equal(5, lone.Count(l => l));
        Assert.All(Lone(await Series("width=100")), l => Assert.False(l)); // every bucket of 100 holds a pass
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public async Task A_tail_asked_from_any_bucket_says_what_the_whole_answer_says_of_its_buckets(int width)
    {
        // A live page holds the whole answer and asks a tail from a bucket (fromstep): the tail's first bucket is judged by
        // the bucket before it (fromstep=600 at width 100: alone in the tail, not alone in the log).
        var whole = await Series($"width={width}");
        var (lone, steps) = (Lone(whole), Steps(whole));
        for (var b = 0; b < steps.Length; b += Math.Max(1, steps.Length / 40))
            Assert.Equal(lone[b..], Lone(await Series($"fromstep={steps[b]}&width={width}")));
        Assert.Equal(lone[^1..], Lone(await Series($"fromstep={steps[^1]}&width={width}")));
    }

    [Theory]
    [InlineData(310, 330)]
    [InlineData(320, 420)]
    [InlineData(301, 302)]
    public async Task A_zooms_edge_buckets_are_judged_by_the_rows_just_outside_it(int from, int to)
    {
        var whole = await Series("width=1");
        var zoom = await Series($"from={from}&to={to}&width=1");
        Assert.Equal(from, Steps(zoom)[0]);
        Assert.Equal(Lone(whole)[from..to], Lone(zoom));
    }

    [Fact]
    public async Task A_groups_bucket_is_lone_when_some_seed_has_a_value_there_and_none_beside_it()
    {
        var trials = $"trial={Leaf}/trial_000&trial={Leaf}/trial_001";
        var body = await server!.GetJson($"/api/series-group?{trials}&phase=val&metrics=loss&from=320&to=420&points=200");
        var n = body.GetProperty("loss").GetProperty("n").EnumerateArray().Select(v => v.GetInt32() > 0).ToArray();
        // The first bucket (step 320) has the stretch's last row and the one before it (319, outside) a value: not lone.
        Assert.Equal(LoneBuckets.Of(n, before: true), Lone(body));
        Assert.False(Lone(body)[0]);
        Assert.True(Lone(body)[80]); // the pass at 400
    }

    [Fact]
    public async Task The_figure_file_draws_error_bars_at_exactly_the_lone_buckets_the_page_is_answered()
    {
        // The zoom 320-420: the page is told bucket 320 is not lone (its neighbour 319 is outside) and 400 is; a figure
        // judging its own points would put a bar at 320 too.
        var trials = $"trial={Leaf}/trial_000&trial={Leaf}/trial_001";
        var tex = await (await server!.Http.GetAsync($"/api/figure?{trials}&metric=loss&phase=val&x=step&group=1&band=range&format=tex&width=17cm&height=10cm&from=320&to=420")).Content.ReadAsStringAsync();
        var points = new Hypergrid.Dashboard.Figures.FigureRequest([], "loss") { Size = new(Hypergrid.Dashboard.Figures.FigureSize.Parse("17cm", "width"), 100, 8) }.Points;
        var body = await server.GetJson($"/api/series-group?{trials}&phase=val&metrics=loss&from=320&to=420&points={points}&x=step");
        var xs = body.GetProperty("x").GetProperty("mean").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();
        var lone = Lone(body);
        var bars = TexTables.Read(tex).Where(p => p.Options.Contains("error bars")).SelectMany(p => p.Rows.Select(r => r[0])).ToList();
        Assert.Equal(xs.Where((_, i) => lone[i]).ToList(), bars);
        Assert.Equal([400.0], bars);
    }
}
