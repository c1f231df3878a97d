using System.Globalization;
using System.Text;
using System.Text.Json;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// A program that logs `samples` on its train rows only (its val rows' cell empty, the natural way to write such a
/// log) keeps its val passes on the samples-seen axis: each pass at the count of the last train row before it, as the
/// step axis places a pass after the train batches done. In the series, the group series, a zoom by samples and the
/// figure files alike (the fourth audit's defect 3: x.mean answered all null, no val line drawn).
/// </summary>
public sealed class ValSamplesTests : IAsyncLifetime
{
    private const string Leaf = "experiment/toy/net/sgd";
    private readonly LogTree tree = new();
    private TestServer? server;

    /// <summary>3 epochs of 4 train batches of 30 samples but the last of 10 (100 per epoch), then 2 val rows with no count.</summary>
    private static string Log(int seed)
    {
        var sb = new StringBuilder("epoch,mode,batch,loss,samples\n");
        long samples = 0;
        for (var e = 1; e <= 3; e++)
        {
            for (var b = 0; b < 4; b++)
            {
                samples += b == 3 ? 10 : 30;
                sb.Append(CultureInfo.InvariantCulture, $"{e},train,{b},{2.0 / e + seed * 0.01},{samples}\n");
            }
            for (var b = 0; b < 2; b++) sb.Append(CultureInfo.InvariantCulture, $"{e},val,{b},{1.0 / e + seed * 0.01 + b * 0.001},\n");
        }
        return sb.ToString();
    }

    public async Task InitializeAsync()
    {
        for (var n = 0; n < 2; n++)
        {
            var dir = tree.AddTrial($"{Leaf}/trial_{n:D3}", $"seed: {n}\nbatch_size: 30\ncommand: python3 train.py\n");
            File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), Log(n));
        }
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private static double[] Numbers(JsonElement a) => a.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    [Fact]
    public async Task A_val_pass_without_a_count_sits_at_the_last_train_rows_count()
    {
        var own = await server!.GetJson($"/api/series/{Leaf}/trial_000?phase=val&metrics=loss&x=samples");
        Assert.True(own.GetProperty("x").GetProperty("logged").GetBoolean());
        Assert.Equal([100, 200, 300], Numbers(own.GetProperty("x").GetProperty("mean")).Where(v => !double.IsNaN(v)));
        var group = await server!.GetJson($"/api/series-group?trial={Leaf}/trial_000&trial={Leaf}/trial_001&phase=val&metrics=loss&x=samples");
        Assert.Equal([100, 200, 300], Numbers(group.GetProperty("x").GetProperty("mean")).Where(v => !double.IsNaN(v)));
    }

    [Fact]
    public async Task A_zoom_by_samples_keeps_the_val_passes_inside_it()
    {
        // [150, 250): the pass after epoch 2 (at 200) only.
        var own = await server!.GetJson($"/api/series/{Leaf}/trial_000?phase=val&metrics=loss&x=samples&from=150&to=250");
        Assert.Equal([200], Numbers(own.GetProperty("x").GetProperty("mean")).Where(v => !double.IsNaN(v)));
        Assert.Equal((8, 9), (own.GetProperty("from").GetInt32(), own.GetProperty("to").GetInt32())); // its step: 8 train batches done
    }

    [Fact]
    public async Task The_figure_draws_the_val_passes_at_those_counts()
    {
        var response = await server!.Http.GetAsync($"/api/figure?trial={Leaf}/trial_000&trial={Leaf}/trial_001&group=1&metric=loss&phase=val&x=samples&format=tex&band=none");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var line = TexTables.Read(body).First(p => !p.IsBand);
        Assert.Equal([100, 200, 300], line.Rows.Select(r => r[0]).Distinct());
        Assert.Contains("bp) {samples seen (logged)};", body);
    }
}
