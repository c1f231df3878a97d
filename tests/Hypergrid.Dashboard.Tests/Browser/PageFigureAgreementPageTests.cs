using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Tests.Figures;
using Hypergrid.Trials;
using Microsoft.Playwright;

namespace Hypergrid.Dashboard.Tests.Browser;

/// <summary>
/// In Chromium, the page and the figure file of the same selection agree: every point the page draws (x and y, read
/// from uPlot's series) is a point of the pgfplots file its figure button downloads (at the page's bucket count), and
/// the grouped plot's key names its groups as the file's legend does: by epochs as a fraction, by samples seen counted
/// and logged, per group and per trial, over two leaves whose keys differ within and between them, buckets of many rows.
/// </summary>
[Collection("browser")]
public sealed partial class PageFigureAgreementPageTests(BrowserFixture fixture) : PageTests(fixture)
{
    private const string Mlp = "sweep/toy/mlp/adam", Prog = "sweep/toy/prog/big", Sgd = "sweep/toy/mlp/sgd";

    protected override void Build(LogTree tree)
    {
        // mlp/adam: two lrs over two seeds, batch_size 32, 10 epochs of 100 train batches and a val pass of 3 rows.
        var n = 0;
        foreach (var lr in new[] { "0.1", "0.01" })
            for (var seed = 0; seed < 2; seed++)
            {
                var dir = tree.AddTrial($"{Mlp}/trial_{n:D3}", $"seed: {seed}\nlr: {lr}\nbatch_size: 32\nact: relu\n");
                File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), Log(n++, epochs: 10, batches: 100, samples: false));
            }
        // mlp/sgd: the same train set in batches of 128 (25 an epoch), two seeds: another step per sample than mlp/adam's.
        for (var seed = 0; seed < 2; seed++)
        {
            var dir = tree.AddTrial($"{Sgd}/trial_{seed:D3}", $"seed: {seed}\nlr: 0.1\nbatch_size: 128\nact: relu\n");
            File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), Log(20 + seed, epochs: 10, batches: 25, samples: false, size: 128));
        }
        // prog/big: a program's trials (no batch_size) over two widths and two seeds, logging their own samples seen,
        // each epoch's last batch short; 30 epochs of 37 train rows (more steps than the page has points: buckets).
        n = 0;
        foreach (var width in new[] { "3", "5" })
            for (var seed = 0; seed < 2; seed++)
            {
                var dir = tree.AddTrial($"{Prog}/trial_{n:D3}", $"seed: {seed}\nwidth: {width}\ncommand: python3 train.py\n");
                File.WriteAllText(Path.Combine(dir, TrialFiles.BatchLog), Log(10 + n++, epochs: 30, batches: 37, samples: true));
            }
    }

    private static string Log(int seed, int epochs, int batches, bool samples, int size = 32)
    {
        var rng = new Random(seed);
        // An acc column: the page's Results ask the report for val_acc.
        var sb = new StringBuilder(samples ? "epoch,mode,batch,loss,acc,samples\n" : "epoch,mode,batch,loss,acc\n");
        long seen = 0;
        for (var e = 1; e <= epochs; e++)
        {
            for (var b = 0; b < batches; b++)
            {
                seen += b == batches - 1 ? 8 : size;
                var loss = Math.Round(2.0 / (e + (double)b / batches) + rng.NextDouble() * 0.3, 6);
                sb.Append(CultureInfo.InvariantCulture, $"{e},train,{b},{loss},0.5").Append(samples ? $",{seen}\n" : "\n");
            }
            for (var b = 0; b < 3; b++)
                sb.Append(CultureInfo.InvariantCulture, $"{e},val,{b},{Math.Round(1.0 / e + rng.NextDouble() * 0.1, 6)},0.6").Append(samples ? $",{seen}\n" : "\n");
        }
        return sb.ToString();
    }

    /// <summary>A line the page draws: its points where both x and y are numbers, as the pgfplots file writes them.</summary>
    private sealed record Drawn(double?[] Xs, double?[] Ys)
    {
        public List<(double, double)> Points => Enumerable.Range(0, Xs.Length)
            .Where(i => Xs[i] is not null && Ys[i] is not null).Select(i => (Tex(Xs[i]!.Value), Tex(Ys[i]!.Value))).ToList();
    }

    private static double Tex(double v) => double.Parse(PgfplotsWriter.R(v), CultureInfo.InvariantCulture);

    /// <summary>
    /// Opens the view, waits for its loss plot, and returns its lines, its key (title and names), and the pgfplots file
    /// of its figure button's request, asked at the page's bucket count (a width of 3 points per bucket) and without
    /// bands (lines alone stay within the file's coordinate budget at that count; FigureFileSizeTests checks the coarser
    /// buckets a file of many curves with bands gets against /api/series-group at its own points=).
    /// </summary>
    private async Task<(List<Drawn> Lines, string[] Key, string Tex)> PageAndFigure(string hash, int lines) => await PageAndFigure(await Open(hash), lines);

    private async Task<(List<Drawn> Lines, string[] Key, string Tex)> PageAndFigure(IPage page, int lines)
    {
        await page.WaitForFunctionAsync($"() => hypergrid.store.plots.length === 1 && hypergrid.store.plots[0].series.length === {lines}");
        var key = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll(\".plot[data-metric='loss'] .group-legend > *\")].map(e => e.classList.contains('group-entry') ? e.querySelector('.group-name').textContent : e.textContent)");
        var (drawn, tex) = await LinesAndFigure(page);
        return (drawn, key, tex);
    }

    /// <summary>The lines the page draws now and the pgfplots file of its figure button (at the page's bucket count, no bands).</summary>
    private async Task<(List<Drawn> Lines, string Tex)> LinesAndFigure(IPage page)
    {
        var xs = await page.EvaluateAsync<double?[][]>("() => hypergrid.store.plots[0].series.map(s => s.xs)");
        var ys = await page.EvaluateAsync<double?[][]>("() => hypergrid.store.plots[0].series.map(s => s.ys)");
        var tex = await page.EvaluateAsync<string>(@"async () => {
            const url = new URL(hypergrid.figureUrl('loss', 'tex'), location.href);
            url.searchParams.set('width', (3 * stepWindow().points) + 'bp');
            // Without bands, so that the file's coordinate budget (FigureRequest.TexCoordinates) keeps the page's buckets.
            url.searchParams.set('band', 'none');
            const res = await fetch(url);
            return (res.ok ? '' : 'HTTP ' + res.status + ': ') + await res.text();
        }");
        Assert.False(tex.StartsWith("HTTP", StringComparison.Ordinal), tex);
        Assert.True(ConsoleErrors.Count == 0, string.Join("\n", ConsoleErrors));
        return (xs.Select((x, i) => new Drawn(x, ys[i])).ToList(), tex);
    }

    private static void AssertSamePoints(List<Drawn> page, string tex)
    {
        var figure = TexTables.Read(tex).Where(p => !p.IsBand).ToList();
        Assert.Equal(page.Count, figure.Count);
        // Train lines of buckets of several rows (not a handful of raw rows), val lines of a pass an epoch.
        Assert.InRange(page.Max(l => l.Points.Count), 100, 1000);
        for (var i = 0; i < page.Count; i++)
        {
            Assert.True(page[i].Points.Count >= 10, $"line {i} has {page[i].Points.Count} points");
            Assert.Equal(page[i].Points, figure[i].Rows.Select(r => (r[0], r[1])).ToList());
        }
    }

    /// <summary>The figure's line names (each line's comment), once per group, in order.</summary>
    private static List<string> FigureNames(string tex) => LineComment().Matches(tex).Select(m => m.Groups[1].Value).Distinct().ToList();

    [GeneratedRegex(@"^% (.+)\n\\addplot\[color", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    [Fact]
    public async Task Groups_of_two_leaves_by_epochs_as_a_fraction_are_drawn_and_named_as_in_their_figure()
    {
        var (lines, key, tex) = await PageAndFigure($"#g=1&m=loss&ph=train,val&x=epochf&leaves={Mlp},{Prog}", lines: 8);
        AssertSamePoints(lines, tex);
        // Each epoch ends at its number: mlp's last val pass at 10, the program's (37 rows an epoch, from its log) at 30;
        // a train bucket's mean sits at the middle of its rows, so below the epoch its last row ends.
        Assert.Equal(10, lines[1].Xs.Max() ?? 0, 9);
        Assert.Equal(30, lines[5].Xs.Max() ?? 0, 9);
        Assert.InRange(lines[0].Xs.Max() ?? 0, 9.9, 10 - 1e-9);
        Assert.Equal(["mlp/adam lr=0.1", "mlp/adam lr=0.01", "prog/big width=3", "prog/big width=5"], key);
        Assert.Equal(key, FigureNames(tex));
    }

    [Fact]
    public async Task Groups_of_one_leaf_by_samples_seen_are_drawn_and_named_as_in_their_figure()
    {
        var page = await Open($"#g=1&m=loss&ph=train,val&x=samples&leaves={Mlp}");
        var (lines, key, tex) = await PageAndFigure(page, lines: 4);
        AssertSamePoints(lines, tex);
        Assert.Equal(1000 * 32, lines[1].Xs.Max() ?? 0, 9); // the last val pass, after the last batch
        Assert.Equal(["lr:", "0.1", "0.01"], key);
        Assert.Contains("(hgl) {lr:};", tex); // the legend's title
        Assert.Equal(key.Skip(1), FigureNames(tex));
        // That last pass's error bar (± std over two seeds) is whole: the page's x reaches past it as far as the figure
        // of its button does (the page's band, std), both by the one share; the first end, a train line's, at the frame.
        var scale = await page.EvaluateAsync<double[]>("() => [hypergrid.store.plots[0].plot.scales.x.min, hypergrid.store.plots[0].plot.scales.x.max]");
        var banded = await page.EvaluateAsync<string>(@"async () => {
            const url = new URL(hypergrid.figureUrl('loss', 'tex'), location.href);
            url.searchParams.set('width', (3 * stepWindow().points) + 'bp'); // the page's buckets
            return await (await fetch(url)).text();
        }");
        Assert.True(scale[1] > 1000 * 32 * (1 + PointsXPadShare / 2), string.Join(", ", scale));
        Assert.Contains(FormattableString.Invariant($"xmin={PgfplotsWriter.R(scale[0])}, xmax={PgfplotsWriter.R(scale[1])},"), banded);
    }

    private const double PointsXPadShare = FigureLayout.PointsXPad;

    [Fact]
    public async Task Trials_that_log_their_samples_are_drawn_as_in_their_figure()
    {
        var (lines, _, tex) = await PageAndFigure($"#m=loss&ph=train,val&x=samples&leaves={Prog}", lines: 8);
        AssertSamePoints(lines, tex);
        // A trial's train line is drawn through its last rows: the last at the program's own count, short batches and all.
        Assert.Equal(30 * (36 * 32 + 8), lines[0].Xs.Max() ?? 0, 9);
        Assert.Contains("bp) {samples seen (logged)};", tex); // the x label's node
    }

    [Fact]
    public async Task A_drag_by_samples_seen_over_batch_sizes_32_and_128_shows_the_dragged_range_and_its_figure_covers_it()
    {
        var page = await Open($"#g=1&m=loss&ph=train,val&x=samples&leaves={Mlp},{Sgd}");
        await page.WaitForFunctionAsync("() => hypergrid.store.plots.length === 1 && hypergrid.store.plots[0].series.length === 6");
        // Drag over 30-45% of the plot (about 9,600-14,400 of 32,000 samples seen).
        var over = page.Locator(".plot[data-metric='loss'] .u-over");
        var box = (await over.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.3f, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.45f, box.Y + box.Height / 2, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await page.WaitForFunctionAsync("() => hypergrid.view.zoom !== null && hypergrid.store.plots.length === 1 && hypergrid.store.plots[0].series.length === 6"
            + " && hypergrid.store.plots[0].series.every(s => s.xs.every(x => x == null || (x >= hypergrid.view.zoom[0] && x < hypergrid.view.zoom[1])))");
        var zoom = await page.EvaluateAsync<double[]>("() => hypergrid.view.zoom");
        Assert.InRange(zoom[0], 8_000, 11_000);
        Assert.InRange(zoom[1], 13_000, 16_000);
        // The x scale is the dragged range, not the extent of the rows in it; the link holds it.
        var scale = await page.EvaluateAsync<double[]>("() => [hypergrid.store.plots[0].plot.scales.x.min, hypergrid.store.plots[0].plot.scales.x.max]");
        Assert.Equal(zoom, scale);
        Assert.Contains(FormattableString.Invariant($"from={zoom[0]}&to={zoom[1]}"), await page.EvaluateAsync<string>("() => location.hash"));
        // Every train line has the rows of the range: 32 samples a row, or 128.
        var (lines, tex) = await LinesAndFigure(page);
        foreach (var (line, size) in new[] { (lines[0], 32), (lines[2], 32), (lines[4], 128) })
            Assert.InRange(line.Points.Count, (int)((zoom[1] - zoom[0]) / size) - 1, (int)((zoom[1] - zoom[0]) / size) + 1);
        // The figure draws the same points, every one inside the range, on an axis from and to its ends.
        var figure = TexTables.Read(tex).Where(p => !p.IsBand).ToList();
        Assert.Equal(lines.Count(l => l.Points.Count > 0), figure.Count);
        var drawn = lines.Where(l => l.Points.Count > 0).ToList();
        for (var i = 0; i < figure.Count; i++)
        {
            Assert.Equal(drawn[i].Points, figure[i].Rows.Select(r => (r[0], r[1])).ToList());
            Assert.All(figure[i].Rows, r => Assert.InRange(r[0], zoom[0], zoom[1]));
        }
        Assert.Contains(FormattableString.Invariant($"xmin={PgfplotsWriter.R(zoom[0])}, xmax={PgfplotsWriter.R(zoom[1])},"), tex);
    }
}
