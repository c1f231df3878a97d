using System.Globalization;
using System.Text;
using System.Text.Json;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// A program that logs a samples column (its batches uneven: the last of each epoch short) is drawn by that count on
/// the samples-seen axis, in the series, the group series and the figures (a bucket's mean at its rows' mean count, a
/// trial's train line through its last values at their rows' counts); a log without it, or a group with one member
/// without it, keeps train steps × batch_size; asking for it is never an error.
/// </summary>
public sealed class LoggedSamplesTests : IAsyncLifetime
{
    private const string Leaf = "sweep/toy/net/sgd";
    private readonly LogTree tree = new();
    private TestServer? server;

    /// <summary>Epochs of 10 train batches of 32 samples but the last of 8 (a 296-sample set), then 2 val rows; samples on every row.</summary>
    private static string Log(int seed, bool withSamples, int epochs = 30, bool even = false)
    {
        var sb = new StringBuilder(withSamples ? "epoch,mode,batch,loss,samples\n" : "epoch,mode,batch,loss\n");
        long samples = 0;
        var rng = new Random(seed);
        for (var e = 1; e <= epochs; e++)
        {
            for (var b = 0; b < 10; b++)
            {
                samples += b == 9 && !even ? 8 : 32;
                var loss = Math.Round(2.0 / (e + b / 10.0) + rng.NextDouble() * 0.1, 6).ToString("R", CultureInfo.InvariantCulture);
                sb.Append(CultureInfo.InvariantCulture, $"{e},train,{b},{loss}").Append(withSamples ? $",{samples}\n" : "\n");
            }
            for (var b = 0; b < 2; b++)
                sb.Append(CultureInfo.InvariantCulture, $"{e},val,{b},{1.0 / e}").Append(withSamples ? $",{samples}\n" : "\n");
        }
        return sb.ToString();
    }

    public async Task InitializeAsync()
    {
        for (var n = 0; n < 4; n++)
        {
            // trial_000..001: a group that logs samples; trial_002: a seed without it; trial_003 logs it (a mixed group with 002).
            var dir = tree.AddTrial($"{Leaf}/trial_{n:D3}", $"seed: {n % 2}\nlr: {(n < 2 ? "0.1" : "0.01")}\nbatch_size: 32\ncommand: python3 train.py\n");
            File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), Log(n, withSamples: n != 2));
        }
        // trial_004 logs samples of even batches, trial_005 is the same program without the column: one axis for both.
        for (var n = 4; n < 6; n++)
        {
            var dir = tree.AddTrial($"{Leaf}/trial_{n:D3}", $"seed: 0\nlr: 0.{n}\nbatch_size: 32\ncommand: python3 train.py\n");
            File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), Log(n, withSamples: n == 4, epochs: 3, even: true));
        }
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private static string Trials(params int[] ns) => string.Join('&', ns.Select(n => $"trial={Leaf}/trial_{n:D3}"));

    private static double Tex(double v) => double.Parse(Hypergrid.Dashboard.Figures.PgfplotsWriter.R(v), CultureInfo.InvariantCulture);

    private static double[] Numbers(JsonElement a) => a.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    private async Task<List<TexTables.Plot>> Figure(string query)
    {
        var response = await server!.Http.GetAsync($"/api/figure?{query}&metric=loss&x=samples&format=tex&band=none");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains(query.Contains("trial_002") ? "bp) {samples seen (train steps" : "bp) {samples seen (logged)};", body); // the x label's node
        return TexTables.Read(body).Where(p => !p.IsBand).ToList();
    }

    [Theory]
    [InlineData("train")]
    [InlineData("val")]
    public async Task A_group_that_logs_samples_is_drawn_at_its_rows_mean_count(string phase)
    {
        var points = new Hypergrid.Dashboard.Figures.FigureRequest([], "loss").Points;
        var group = await server!.GetJson($"/api/series-group?{Trials(0, 1)}&phase={phase}&metrics=loss&x=samples&points={points}");
        // A bucket's mean at its rows' mean count, the seeds' means averaged as the loss's are.
        var (samples, mean) = (Numbers(group.GetProperty("samples").GetProperty("mean")), Numbers(group.GetProperty("loss").GetProperty("mean")));
        Assert.Equal(samples, Numbers(group.GetProperty("x").GetProperty("mean")));
        Assert.True(group.GetProperty("x").GetProperty("logged").GetBoolean());
        var line = Assert.Single(await Figure($"{Trials(0, 1)}&group=1&phase={phase}"));
        var expected = Enumerable.Range(0, samples.Length).Where(i => !double.IsNaN(mean[i])).Select(i => (Tex(samples[i]), Tex(mean[i]))).ToList();
        Assert.Equal(expected, line.Rows.Select(r => (r[0], r[1])));
        // Not the steps scaled: the short batches make the count fall behind step × 32.
        var steps = Numbers(group.GetProperty(phase == "train" ? "step" : "at"));
        Assert.Contains(Enumerable.Range(0, steps.Length), i => !double.IsNaN(steps[i]) && !double.IsNaN(samples[i]) && Math.Abs(samples[i] - steps[i] * 32) > 32);
    }

    [Fact]
    public async Task One_trials_train_line_is_drawn_through_its_buckets_last_values_at_their_last_rows_count_logged_or_steps_times_batch_size()
    {
        var points = new Hypergrid.Dashboard.Figures.FigureRequest([], "loss").Points;
        var own = await server!.GetJson($"/api/series/{Leaf}/trial_000?phase=train&metrics=loss&x=samples&points={points}");
        var line = Assert.Single(await Figure(Trials(0) + "&phase=train"));
        var last = Numbers(own.GetProperty("samples").GetProperty("last"));
        Assert.Equal(last, Numbers(own.GetProperty("x").GetProperty("last")));
        Assert.Equal(last.Where(v => !double.IsNaN(v)).Select(Tex), line.Rows.Select(r => r[0])); // a bucket without rows is no point
        Assert.Equal(Numbers(own.GetProperty("loss").GetProperty("last")).Where(v => !double.IsNaN(v)).Select(Tex), line.Rows.Select(r => r[1]));

        var plain = await server!.GetJson($"/api/series/{Leaf}/trial_002?phase=train&metrics=loss&x=samples&points={points}");
        Assert.False(plain.TryGetProperty("samples", out _), "a log without the column answers without it, not with an error");
        Assert.False(plain.GetProperty("x").GetProperty("logged").GetBoolean());
        var scaled = Assert.Single(await Figure(Trials(2) + "&phase=train"));
        var rows = Numbers(plain.GetProperty("loss").GetProperty("mean"));
        Assert.Equal(Numbers(plain.GetProperty("at")).Select(s => (s + 1) * 32).Where((_, i) => !double.IsNaN(rows[i])), scaled.Rows.Select(r => r[0]));
    }

    [Theory]
    [InlineData("train")]
    [InlineData("val")]
    public async Task A_logged_count_and_steps_times_batch_size_put_a_row_at_the_same_samples_seen(string phase)
    {
        var response = await server!.Http.GetAsync($"/api/figure?{Trials(4, 5)}&metric=loss&x=samples&format=tex&band=none&phase={phase}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var (logged, computed) = (TexTables.Read(body)[0], TexTables.Read(body)[1]);
        Assert.Equal(logged.Rows.Select(r => r[0]), computed.Rows.Select(r => r[0]));
        Assert.Equal(phase == "train" ? 32 : 320, logged.Rows[0][0]); // the first batch's end; the first val pass after 10 batches
        Assert.Contains("anchor=base] at (", body); // the x label, centred under the plot
        Assert.Contains("bp) {samples seen};", body);
        Assert.Contains("(hgl) {samples seen: logged by the program", body); // the note, under the legend
    }

    [Fact]
    public async Task A_group_with_a_member_without_samples_falls_back_to_steps_times_batch_size()
    {
        var points = new Hypergrid.Dashboard.Figures.FigureRequest([], "loss").Points;
        var group = await server!.GetJson($"/api/series-group?{Trials(2, 3)}&phase=train&metrics=loss&x=samples&points={points}");
        Assert.False(group.TryGetProperty("samples", out _));
        Assert.False(group.GetProperty("x").GetProperty("logged").GetBoolean());
        // Each bucket's mean at the middle of its rows, each row at the end of its batch: ((first + last) / 2 + 1) × 32.
        var (first, last) = (Numbers(group.GetProperty("step")), Numbers(group.GetProperty("at")));
        var line = Assert.Single(await Figure($"{Trials(2, 3)}&group=1&phase=train"));
        Assert.Equal(Enumerable.Range(0, first.Length).Where(i => !double.IsNaN(last[i])).Select(i => Tex(((first[i] + last[i]) / 2 + 1) * 32)), line.Rows.Select(r => r[0]));
    }
}
