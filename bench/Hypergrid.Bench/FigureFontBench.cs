using System.Diagnostics;
using System.Text;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Bench;

/// <summary>
/// What embedding the figures' font costs: the PDF of a column figure (three groups with bands, ±, –, Greek in its
/// labels), which subsets and embeds Arimo, against the SVG of the same figure (same layout, no font), alternated in one
/// process. Also the first PDF of a process, which loads the font. Rounds from HYPERGRID_BENCH_ROUNDS (default 40).
/// </summary>
public static class FigureFontBench
{
    public static void Run()
    {
        var first = Stopwatch.StartNew();
        FigureFile.Write(Column(), FigureSize.Column, "pdf");
        var cold = first.Elapsed.TotalSeconds;
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("HYPERGRID_BENCH_ROUNDS"), out var r) ? r : 40;
        var figure = Column();
        var (svg, pdf) = (new List<double>(), new List<double>());
        for (var i = -1; i < rounds; i++)
        {
            // Which goes first alternates, so that the host's load falls on both alike; round -1 warms both up.
            var pdfFirst = i % 2 == 0;
            var a = pdfFirst ? Time(() => FigureFile.Write(figure, FigureSize.Column, "pdf")) : 0;
            var b = Time(() => FigureFile.Write(figure, FigureSize.Column, "svg"));
            if (!pdfFirst) a = Time(() => FigureFile.Write(figure, FigureSize.Column, "pdf"));
            if (i < 0) continue;
            pdf.Add(a);
            svg.Add(b);
        }
        var pdfBytes = FigureFile.Write(figure, FigureSize.Column, "pdf");
        var text = Encoding.Latin1.GetString(pdfBytes);
        var fontBytes = text.LastIndexOf("xref", StringComparison.Ordinal) - text.IndexOf("<< /Type /Font /Subtype /Type0", StringComparison.Ordinal);
        Console.WriteLine($"figure-font: a column figure (8.5 cm x 6 cm, 3 groups x 80 points with bands), {rounds} rounds alternated; CPU {TrainBench.CpuLine()}; load average {TrainBench.LoadAverage()}");
        Console.WriteLine($"  svg (baseline, no font): {Measure.Fmt(svg.Min())} best / {Measure.Fmt(Measure.Median(svg))} median, {FigureFile.Write(figure, FigureSize.Column, "svg").Length:N0} B");
        Console.WriteLine($"  pdf with embedded Arimo: {Measure.Fmt(pdf.Min())} best / {Measure.Fmt(Measure.Median(pdf))} median, {pdfBytes.Length:N0} B (font objects {fontBytes:N0} B)");
        Console.WriteLine($"  pdf / svg: {pdf.Min() / svg.Min():F2}x best, {Measure.Median(pdf) / Measure.Median(svg):F2}x median; the first pdf of the process (loads the font, JIT): {Measure.Fmt(cold)}");
    }

    private static double Time(Action body)
    {
        var sw = Stopwatch.StartNew();
        body();
        return sw.Elapsed.TotalSeconds;
    }

    private static Figure Column()
    {
        FigureLine Line(string name, int color, double lr)
        {
            var x = Enumerable.Range(0, 80).Select(i => (double)i * 25).ToArray();
            var y = x.Select(v => (double?)(2.3 * Math.Exp(-lr * v / 10) + 0.05)).ToArray();
            return new FigureLine(name, color, false, x, y) { Lower = y.Select(v => v - 0.03).ToArray(), Upper = y.Select(v => v + 0.03).ToArray() };
        }
        return new Figure("train step (batches)", "val_loss, mean ± std of 5 seeds – Δ≈0.01", [Line("α=0.001", 0, 0.1), Line("α=0.01", 1, 0.3), Line("α=0.1", 2, 0.9)]) { LegendTitle = "lr:" };
    }
}
