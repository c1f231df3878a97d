using System.Net;
using System.Text.Json;
using Hypergrid.Dashboard.Api;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>POST /api/epochs with "columns" and "phases": only what the page draws, and the metrics worth offering.</summary>
public sealed class EpochSelectionTests : IAsyncLifetime
{
    private const string Trial = "sweep/mnist/mlp/adam/trial_000";
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        tree.AddComplete(Trial, "seed: 0\nlr: 0.001\n", epochs: 3, batches: 2);
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    /// <summary>
    /// The answer's one trial: its header, each column's values by name, and the bytes of its values (what grows with
    /// the rows; the header's names, among them the answer's reported metrics, are the same whatever is asked).
    /// </summary>
    private async Task<(JsonElement Header, Dictionary<string, float[]> Columns, int Length)> Ask(string body)
    {
        var response = await server!.Http.PostAsync("/api/epochs", new StringContent(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var length = BitConverter.ToInt32(bytes, 0);
        var header = JsonDocument.Parse(bytes.AsMemory(4, length)).RootElement.GetProperty("trials").EnumerateArray().Single();
        var rows = header.GetProperty("rows").GetInt32();
        var offset = 4 + length + (4 - length % 4) % 4;
        var start = offset;
        var columns = new Dictionary<string, float[]>();
        foreach (var name in header.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!))
        {
            columns[name] = Enumerable.Range(0, rows).Select(r => BitConverter.ToSingle(bytes, offset + r * 4)).ToArray();
            offset += rows * 4;
        }
        Assert.Equal(bytes.Length, offset); // nothing more was sent than the header names
        return (header, columns, bytes.Length - start);
    }

    [Fact]
    public async Task One_column_of_one_phase_is_sent_alone_with_every_filled_metric_named()
    {
        var (header, columns, _) = await Ask($"{{\"trials\": [\"{Trial}\"], \"columns\": [\"loss\", \"no_such\"], \"phases\": [\"val\"]}}");
        // Rows of one phase: no mode column, the phase named by modes.
        Assert.Equal(["epoch", "loss"], columns.Keys);
        Assert.Equal([1f, 2f, 3f], columns["epoch"]);
        Assert.Equal(["val"], header.GetProperty("modes").EnumerateArray().Select(m => m.GetString()));
        // A val epoch's loss is the mean of its two batches: 2/e + 0.01 b.
        Assert.Equal([(float)(2.0 + 0.005), (float)(1.0 + 0.005), (float)(2.0 / 3 + 0.005)], columns["loss"]);
        var filled = header.GetProperty("filled").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("acc", filled); // not sent, yet worth offering
        Assert.Contains("loss", filled);
        Assert.DoesNotContain("iter_budget", filled); // a column the log never filled
        // What the Results may rank the trial by: each phase's filled columns, whichever were sent (per trial).
        var reported = JsonDocument.Parse(await (await server!.Http.PostAsync("/api/epochs", new StringContent($"{{\"trials\": [\"{Trial}\"], \"columns\": [\"loss\"]}}"))).Content.ReadAsByteArrayAsync().ContinueWith(b => b.Result.AsMemory(4, BitConverter.ToInt32(b.Result, 0)))).RootElement.GetProperty("trials")[0].GetProperty("reported").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("val_acc", reported);
        Assert.Contains("train_loss", reported);
        Assert.DoesNotContain("val_iter_budget", reported);
    }

    [Fact]
    public async Task Several_columns_of_both_phases_come_in_the_tables_order_and_cost_less_than_the_whole_table()
    {
        var (_, columns, length) = await Ask($"{{\"trials\": [\"{Trial}\"], \"columns\": [\"acc\", \"time\"], \"phases\": [\"train\", \"val\"]}}");
        Assert.Equal(["epoch", "mode", "time", "acc"], columns.Keys);
        Assert.Equal([1f, 1f, 2f, 2f, 3f, 3f], columns["epoch"]);
        Assert.Equal([(float)1.01, (float)1.01, (float)2.01, (float)2.01, (float)3.01, (float)3.01], columns["time"]);
        Assert.Equal((float)(1 - (2.0 + 0.005) / 4), columns["acc"][0]);
        var (_, all, wholeLength) = await Ask($"{{\"trials\": [\"{Trial}\"], \"columns\": null}}");
        Assert.Contains("n_batches", all.Keys); // null is every column
        Assert.True(length < wholeLength / 2, $"{length} bytes of values for two columns, {wholeLength} for the whole table");
    }

    [Theory]
    [InlineData("{\"trials\": [\"sweep/mnist/mlp/adam/trial_000\"], \"columns\": \"loss\"}")]
    [InlineData("{\"trials\": [\"sweep/mnist/mlp/adam/trial_000\"], \"columns\": [1]}")]
    [InlineData("{\"trials\": [\"sweep/mnist/mlp/adam/trial_000\"], \"phases\": {\"train\": true}}")]
    public async Task A_selection_that_is_not_a_list_of_names_is_400_saying_so(string body)
    {
        var response = await server!.Http.PostAsync("/api/epochs", new StringContent(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var reason = await response.Content.ReadAsStringAsync();
        Assert.Contains("columns", reason);
        Assert.Contains("phases", reason);
    }

    [Fact]
    public void Filled_names_the_columns_with_a_finite_value_in_any_row()
    {
        var table = new EpochTable(["time", "loss", "acc", "bleu"], [1, 1], ["train", "val"],
            [[1.0, double.NaN, EpochTable.Missing, EpochTable.Missing], [2.0, double.PositiveInfinity, 0.5, EpochTable.Missing]]);
        Assert.Equal(["time", "acc"], EpochSelection.Filled(table));
        Assert.Equal([1], new EpochSelection(null, new HashSet<string> { "val" }).Rows(table));
        Assert.Equal([2, 0], new EpochSelection(new HashSet<string> { "acc", "time" }, null).ColumnsOf(table).Reverse());
    }
}
