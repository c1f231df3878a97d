using System.Globalization;
using System.Text.RegularExpressions;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>
/// A range by epoch is honoured as on the axes drawn by step: the epochs in [from, to) are drawn and the axis runs
/// from `from` to `to` (the fourth audit's point 8: `plot --group --x epoch --from 5 --to 10` drew every epoch, silently).
/// </summary>
public sealed class EpochRangeFigureTests : IAsyncLifetime
{
    private readonly LogTree tree = new();
    private TestServer? server;

    public async Task InitializeAsync()
    {
        for (var s = 0; s < 2; s++) tree.AddComplete($"sweep/mnist/mlp/adam/trial_{s:D3}", $"seed: {s}\nbatch_size: 32\n", epochs: 12, batches: 3);
        server = await TestServer.StartAsync(tree);
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        tree.Dispose();
    }

    private static double Key(string tex, string key) => double.Parse(Regex.Match(tex, key + @"=([^,]+),").Groups[1].Value, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("group=1")]
    [InlineData("group=0")]
    public async Task Only_the_epochs_in_the_range_are_drawn_and_the_axis_is_the_range(string group)
    {
        var response = await server!.Http.GetAsync($"/api/figure?trial=sweep/mnist/mlp/adam/trial_000&trial=sweep/mnist/mlp/adam/trial_001&{group}&metric=loss&phase=train,val&x=epoch&from=5&to=10&format=tex");
        var tex = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, tex);
        var lines = TexTables.Read(tex).Where(p => !p.IsBand).ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines) Assert.Equal([5.0, 6, 7, 8, 9], line.Rows.Select(r => r[0]));
        Assert.Equal((5, 10), (Key(tex, "xmin"), Key(tex, "xmax")));
    }
}
