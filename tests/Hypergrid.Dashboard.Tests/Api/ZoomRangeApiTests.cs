using System.Net;
using System.Text.Json;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// from= and to= of GET /api/series and /api/series-group are in the asked axis's units (samples seen, epochs, steps):
/// groups of different batch sizes asked one range of samples each answer only buckets placed inside it (each by its
/// own steps of the range), and a group whose members differ in batch size adds each member's own rows only. Before,
/// from and to were steps for every axis: a drag over 570-870 samples asked steps 570-870 of logs 128 steps long.
/// </summary>
public sealed class ZoomRangeApiTests : IAsyncLifetime
{
    // The audit's study: one train set of 1,024 samples in batches of 16, 32 and 64 (64, 32 and 16 batches an epoch), 2 epochs, 2 seeds.
    private static readonly int[] BatchSizes = [16, 32, 64];
    private readonly LogTree tree = new();
    private TestServer? server;

    private static string Leaf(int bs) => $"experiment/mnist/mlp/sgd-bs{bs}";

    public async Task InitializeAsync()
    {
        foreach (var bs in BatchSizes)
            for (var seed = 0; seed < 2; seed++)
                tree.AddComplete($"{Leaf(bs)}/trial_00{seed}", $"seed: {seed}\nbatch_size: {bs}\n", epochs: 2, batches: 1024 / bs);
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private static List<double> Placed(JsonElement x, string pick) =>
        x.GetProperty(pick).EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).Select(v => v.GetDouble()).ToList();

    private static string Group(params string[] trials) => "/api/series-group?" + string.Join("&", trials.Select(t => "trial=" + t));

    [Theory]
    [InlineData("samples", 570, 870, "train")]
    [InlineData("samples", 570, 870, "val")]
    [InlineData("samples", 100, 1100, "val")]
    [InlineData("epochf", 0.25, 0.55, "train")]
    [InlineData("epochf", 0.5, 1.5, "val")]
    [InlineData("step", 7, 55, "train")]
    public async Task Groups_of_different_batch_sizes_answer_only_buckets_inside_the_range_asked_in_the_axis_units(string axis, double from, double to, string phase)
    {
        foreach (var bs in BatchSizes)
        {
            var body = await server!.GetJson(Group($"{Leaf(bs)}/trial_000", $"{Leaf(bs)}/trial_001") +
                FormattableString.Invariant($"&phase={phase}&metrics=loss&x={axis}&from={from}&to={to}&points=1000"));
            var x = body.GetProperty("x");
            foreach (var pick in new[] { "mean", "last" })
                Assert.All(Placed(x, pick), v => Assert.InRange(v, from, Math.BitDecrement(to)));
            if (phase != "train") continue;
            // Every train row inside the range is there, one bucket each (points=1000: a bucket per step).
            var perStep = axis switch { "samples" => bs, "epochf" => bs / 1024.0, _ => 1.0 };
            var inside = Enumerable.Range(0, 2 * 1024 / bs).Count(s => (axis == "step" ? s : (s + 1) * perStep) is var p && p >= from && p < to);
            Assert.True(inside > 0);
            Assert.Equal(inside, body.GetProperty("loss").GetProperty("n").EnumerateArray().Count(v => v.GetInt32() == 2));
        }
    }

    [Fact]
    public async Task A_trial_answers_its_own_rows_of_a_samples_range_and_a_group_of_mixed_batch_sizes_each_members_own()
    {
        // One trial by samples, raw: bs 16 has rows at 16, 32, ...; 570-870 holds 576 ... 864 (19 rows).
        var one = await server!.GetJson($"/api/series/{Leaf(16)}/trial_000?phase=train&metrics=loss&x=samples&from=570&to=870&points=1000");
        Assert.Equal(Enumerable.Range(36, 19).Select(k => 16.0 * k).ToList(), Placed(one.GetProperty("x"), "last"));
        // Trials of batch sizes 16 and 64 asked as one group: each adds only its rows inside the range.
        var mixed = await server!.GetJson(Group($"{Leaf(16)}/trial_000", $"{Leaf(64)}/trial_000") + "&phase=train&metrics=loss&x=samples&from=570&to=870&points=1000");
        Assert.All(Placed(mixed.GetProperty("x"), "mean"), v => Assert.InRange(v, 570, 870));
        Assert.Equal([16.0, 64.0], mixed.GetProperty("x").GetProperty("scales").EnumerateArray().Select(s => s.GetDouble()).ToArray());
    }

    [Fact]
    public async Task A_live_pages_tail_asks_from_a_step_on_any_axis()
    {
        var tail = await server!.GetJson($"/api/series/{Leaf(16)}/trial_000?phase=train&metrics=loss&x=samples&fromstep=100&width=1");
        Assert.Equal(100, tail.GetProperty("from").GetInt32());
        Assert.Equal(101 * 16.0, Placed(tail.GetProperty("x"), "last")[0]);
        var both = await server!.Http.GetAsync($"/api/series/{Leaf(16)}/trial_000?x=samples&fromstep=100&from=3");
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
    }

    [Theory]
    [InlineData("x=samples&from=3000000000&to=4000000000", HttpStatusCode.OK)] // samples seen pass int's range
    [InlineData("x=epochf&from=0.25&to=0.5", HttpStatusCode.OK)]
    [InlineData("x=epochf&from=0.5&to=0.25", HttpStatusCode.BadRequest)]
    [InlineData("x=samples&from=-1", HttpStatusCode.BadRequest)]
    [InlineData("x=samples&from=1e3&to=2e3", HttpStatusCode.OK)] // as the page's links and /api/figure take it
    [InlineData("x=samples&from=NaN", HttpStatusCode.BadRequest)]
    [InlineData("from=3000000000", HttpStatusCode.BadRequest)] // a step past int's range
    public async Task From_and_to_are_non_negative_decimals_of_the_axis(string query, HttpStatusCode status) =>
        Assert.Equal(status, (await server!.Http.GetAsync($"/api/series/{Leaf(16)}/trial_000?phase=train&metrics=loss&{query}")).StatusCode);

    [Fact]
    public async Task A_figure_asked_a_samples_range_draws_each_batch_size_inside_it_on_an_axis_of_that_range()
    {
        var trials = string.Join("&", BatchSizes.SelectMany(bs => new[] { 0, 1 }.Select(s => $"trial={Leaf(bs)}/trial_00{s}")));
        var tex = await server!.Http.GetStringAsync($"/api/figure?{trials}&metric=loss&phase=train,val&x=samples&group=1&band=none&from=570&to=870&format=tex");
        var lines = Figures.TexTables.Read(tex).Where(p => !p.IsBand).ToList();
        // The three groups' train lines (their val passes, at 1,024 and 2,048 samples, are outside).
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.All(l.Rows, r => Assert.InRange(r[0], 570, 870)));
        Assert.All(lines, l => Assert.NotEmpty(l.Rows));
        Assert.Contains("xmin=570, xmax=870,", tex);
    }
}
