using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>GET /api/series over generated logs, every number checked against a direct computation over the rows.</summary>
public sealed class SeriesTests : IAsyncLifetime
{
    private const string Trial = "sweep/mnist/mlp/adam/trial_000";
    private readonly LogTree tree = new();
    private TestServer? server;
    private HttpClient http => server!.Http;
    private readonly List<double?> trainLoss = [];

    public async Task InitializeAsync()
    {
        var dir = tree.AddTrial(Trial, "seed: 0\n");
        File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), Log(0, 5000));
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    /// <summary>Rows [from, to) of train (with every 7th loss empty and one spike at 3333) interleaved with a val row every 10.</summary>
    private string Log(int from, int to, bool header = true)
    {
        var sb = new StringBuilder(header ? BatchLogSchema.Header + "\n" : "");
        var rng = new Random(from + 1);
        for (var i = from; i < to; i++)
        {
            double? loss = i % 7 == 3 ? null : i == 3333 ? 1000.0 : Math.Round(rng.NextDouble(), 6);
            trainLoss.Add(loss);
            var row = new BatchRow(1, "train", i, i * 0.01, loss ?? double.NaN, 0.5, 0.1);
            sb.Append(string.Join(',', BatchLogSchema.Columns.Select(c => c.Name == "loss" ? (loss?.ToString("R", CultureInfo.InvariantCulture) ?? "")
                : c.Value is null ? row.Phase : c.Value(row) is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : ""))).Append('\n');
            if (i % 10 == 9) sb.Append($"1,val,{i / 10},{i * 0.01},0.25,0.75,0.1,,,,,,,,\n");
        }
        return sb.ToString();
    }

    private async Task<JsonElement> Get(string query)
    {
        var response = await http.GetAsync($"/api/series/{Trial}?{query}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Theory]
    [InlineData(0, 5000, 100)]
    [InlineData(123, 4567, 37)]
    [InlineData(3000, 3400, 7)]
    public async Task Every_bucket_equals_a_direct_computation_over_its_rows(int from, int to, int points)
    {
        var body = await Get($"phase=train&metrics=loss&from={from}&to={to}&points={points}");
        Assert.Equal(5000, body.GetProperty("rows").GetInt32());
        Assert.False(body.GetProperty("raw").GetBoolean());
        var w = (to - from + points - 1) / points;
        var steps = body.GetProperty("step").EnumerateArray().Select(s => s.GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(0, (to - from + w - 1) / w).Select(b => from + b * w), steps);
        var loss = body.GetProperty("loss");
        for (var b = 0; b < steps.Count; b++)
        {
            var cells = trainLoss.Skip(steps[b]).Take(Math.Min(w, to - steps[b])).OfType<double>().ToList();
            double? At(string r) => loss.GetProperty(r)[b].ValueKind == JsonValueKind.Null ? null : loss.GetProperty(r)[b].GetDouble();
            Assert.Equal(cells.Min(), At("min"));
            Assert.Equal(cells.Max(), At("max"));
            Assert.Equal(cells[0], At("first"));
            Assert.Equal(cells[^1], At("last"));
            Assert.Equal(cells.Average(), At("mean")!.Value, 9);
        }
    }

    [Fact]
    public async Task A_fixed_width_gives_exact_buckets_and_a_tail_asked_at_it_continues_the_whole_answer()
    {
        var whole = await Get("phase=train&metrics=loss&width=64");
        Assert.Equal(64, whole.GetProperty("width").GetInt32());
        var steps = whole.GetProperty("step").EnumerateArray().Select(s => s.GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(0, (5000 + 63) / 64).Select(b => b * 64), steps);
        var max = whole.GetProperty("loss").GetProperty("max");
        for (var b = 0; b < steps.Count; b++)
            Assert.Equal(trainLoss.Skip(steps[b]).Take(64).OfType<double>().Max(), max[b].GetDouble());
        // What a live page does: ask from the start of a bucket at the same width, and append.
        var tail = await Get("phase=train&metrics=loss&from=3200&width=64");
        var tailSteps = tail.GetProperty("step").EnumerateArray().Select(s => s.GetInt32()).ToList();
        Assert.Equal(steps.SkipWhile(s => s < 3200), tailSteps);
        foreach (var r in new[] { "first", "last", "min", "max", "mean" })
            Assert.Equal(whole.GetProperty("loss").GetProperty(r).EnumerateArray().Skip(50).Select(v => v.ToString()),
                tail.GetProperty("loss").GetProperty(r).EnumerateArray().Select(v => v.ToString()));
    }

    [Fact]
    public async Task A_one_row_spike_is_the_max_of_its_bucket_at_full_zoom_out()
    {
        var body = await Get("phase=train&metrics=loss&points=10");
        Assert.Contains(1000.0, body.GetProperty("loss").GetProperty("max").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public async Task A_range_no_wider_than_the_points_is_the_rows_themselves()
    {
        var train = await Get("phase=train&metrics=loss&from=3&to=9");
        Assert.True(train.GetProperty("raw").GetBoolean());
        Assert.Equal(Enumerable.Range(3, 6), train.GetProperty("at").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Equal(JsonValueKind.Null, train.GetProperty("loss").GetProperty("mean")[0].ValueKind); // step 3 has no loss
    }

    // A val row is at the train step where it was taken: the train rows before it in the log (here, after every 10th).
    [Theory]
    [InlineData(0, 5000, 1000)]
    [InlineData(15, 47, 1000)]
    [InlineData(0, 5000, 33)]
    public async Task Val_rows_sit_at_the_train_step_of_their_pass_and_train_and_val_share_the_axis(int from, int to, int points)
    {
        var val = await Get($"phase=val&metrics=acc&from={from}&to={to}&points={points}");
        Assert.Equal("train_step", val.GetProperty("axis").GetString());
        var w = (to - from + points - 1) / points;
        var at = val.GetProperty("at").EnumerateArray().Select(a => a.ValueKind == JsonValueKind.Null ? (int?)null : a.GetInt32()).ToList();
        // Val row j follows train row 10j + 9: 10(j + 1) train rows before it.
        var valSteps = Enumerable.Range(0, 500).Select(j => 10 * (j + 1)).Where(x => x >= from && x < to).ToList();
        if (w == 1) Assert.Equal(valSteps, at.OfType<int>());
        for (var b = 0; b < at.Count; b++)
        {
            var inBucket = valSteps.Where(x => x >= from + b * w && x < Math.Min(from + (b + 1) * w, to)).ToList();
            Assert.Equal(inBucket.Count == 0 ? null : inBucket[^1], at[b]);
            var acc = val.GetProperty("acc").GetProperty("mean")[b];
            Assert.Equal(inBucket.Count == 0, acc.ValueKind == JsonValueKind.Null);
        }
        var train = await Get($"phase=train&metrics=loss&from={from}&to={to}&points={points}");
        Assert.Equal(val.GetProperty("step").GetRawText(), train.GetProperty("step").GetRawText());
        Assert.Equal(5000, train.GetProperty("rows").GetInt32());
        Assert.Equal(500, val.GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task A_growing_log_answers_its_new_rows_and_never_counts_a_torn_last_line()
    {
        Assert.Equal(5000, (await Get("metrics=loss")).GetProperty("rows").GetInt32());
        var dir = tree.Trial(Trial);
        File.AppendAllText(Path.Combine(dir, TrialFiles.BatchLog), Log(5000, 5100, header: false) + "1,train,5100,51.0,0.3");
        var body = await Get("metrics=loss&from=5050&to=5100&points=1000");
        Assert.Equal(5100, body.GetProperty("rows").GetInt32());
        Assert.Equal(trainLoss[5050..5100].Select(v => v ?? -1), body.GetProperty("loss").GetProperty("last").EnumerateArray()
            .Select(v => v.ValueKind == JsonValueKind.Null ? -1 : v.GetDouble()));
    }

    [Theory]
    [InlineData("from=10&to=5")]
    [InlineData("points=-3")]
    [InlineData("points=99999999999")]
    [InlineData("points=0")]
    [InlineData("metrics=nope")]
    [InlineData("phase=test&metrics=loss")]
    [InlineData("from=abc")]
    [InlineData("width=0")]
    public async Task Bad_requests_are_400_with_a_one_line_reason(string query)
    {
        var response = await http.GetAsync($"/api/series/{Trial}?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var reason = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain('\n', reason.Trim());
        Assert.True(reason.Length > 5);
    }

    [Theory]
    [InlineData("to=1000000000000", "to=1000000000000 is out of range: at most 2,147,483,647")] // a size, not a spelling
    [InlineData("from=-12", "from=-12 is negative")]
    [InlineData("to=10^12", "to=10^12 is not a non-negative number (write digits")]
    public async Task A_step_that_is_no_step_number_is_400_saying_what_is_wrong_with_it(string query, string reason)
    {
        var response = await http.GetAsync($"/api/series/{Trial}?{query.Replace("^", "%5E")}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("from=")]  // digits: cut to the first characters and the length
    [InlineData("to=x")]   // not digits
    public async Task A_long_value_is_cut_when_echoed(string start)
    {
        // As long as a request line may be (8 KiB): the reason stays a line.
        var response = await http.GetAsync($"/api/series/{Trial}?{start}{new string('9', 6000)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var reason = await response.Content.ReadAsStringAsync();
        Assert.InRange(reason.Length, 10, 400);
        Assert.Contains(",00", reason);
        Assert.Contains("characters)", reason);
    }

    [Fact]
    public async Task A_finished_log_is_cached_on_disk_and_a_new_server_answers_the_same_from_the_cache()
    {
        var first = (await Get("metrics=loss,acc&from=100&to=4100&points=77")).GetRawText();
        var cache = Path.Combine(tree.Trial(Trial), TrialFiles.StepCache);
        Assert.True(File.Exists(Path.Combine(cache, "loss.bin")) && File.Exists(Path.Combine(cache, "acc.bin")));
        // Garbage in the batch log, made older than the cache: only a server that reads the cache still answers right.
        var batch = Path.Combine(tree.Trial(Trial), TrialFiles.BatchLog);
        var stamp = File.GetLastWriteTimeUtc(batch);
        File.WriteAllText(batch, BatchLogSchema.Header + "\n" + File.ReadAllText(batch)[(BatchLogSchema.Header.Length + 1)..].Replace(",train,", ",xx,"));
        File.SetLastWriteTimeUtc(batch, stamp.AddMinutes(-5));
        await using var again = await TestServer.StartAsync(tree);
        var second = JsonDocument.Parse(await again.Http.GetStringAsync($"/api/series/{Trial}?metrics=loss,acc&from=100&to=4100&points=77")).RootElement.GetRawText();
        Assert.Equal(first, second);
    }
}
