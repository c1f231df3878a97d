namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// Draws a <see cref="Figure"/> at a paper's size: a framed plot with inward ticks, tick labels and axis labels, the
/// lines clipped to the frame, bands under them, and below it a legend of one entry per colour (named by the keys that
/// differ) flowed into as many columns as fit, plus a train/val key when both phases are drawn. All in points.
/// </summary>
public static class FigureLayout
{
    /// <summary>The share of the figure's height the legend may take before its type shrinks (to three quarters at most).</summary>
    public const double LegendShare = 0.3;

    /// <summary>Where everything goes: the legend first, across the figure's whole width; then the plot takes what is left.</summary>
    /// <remarks>
    /// textScale: how much wider than Helvetica the fonts that set the text may be. A TeX paper's fonts at small sizes
    /// are (Computer Modern at 6 pt about a sixth wider than Helvetica, at 8 pt 1.5%; measured with pdflatex and
    /// pdftotext -bbox), so the pgfplots file flows its legend and wraps its axis labels as if its text were that much
    /// wider: a label that fills the plot's width in Helvetica takes two lines there, and TeX's never pass the plot.
    /// </remarks>
    public static FigurePlan Plan(Figure f, FigureSize size, double textScale = 1)
    {
        var fs = size.FontSize;
        var tickFs = fs * 0.9;
        var (xLo, xHi, yLo, yHi) = Extent(f);
        var xTicks = f.XCategories is { } cats ? Enumerable.Range(0, cats.Count).Select(i => (double)i).ToList()
            : f.LogX ? Ticks.Log(xLo, xHi).Where(t => t >= xLo * (1 - 1e-12) && t <= xHi * (1 + 1e-12)).ToList()
            : Ticks.Linear(xLo, xHi).Where(t => t >= xLo && t <= xHi && (!f.WholeX || t == Math.Round(t))).ToList();
        var yTicks = (f.LogY ? Ticks.Log(yLo, yHi) : Ticks.Linear(yLo, yHi)).Where(t => t >= yLo * (1 - 1e-12) - 1e-300 && t <= yHi * (1 + 1e-12) + 1e-300).ToList();
        var xLabels = xTicks.Select(v => f.XCategories is { } c ? c[(int)v] : Ticks.Label(v)).ToList();
        var yLabels = yTicks.Select(Ticks.Label).ToList();

        var items = FigureLegend.Items(f);
        var legendLeft = fs * 0.3;
        var (placed, legendRows, legendFs) = LegendFlow.Place(items.Select(i => (i.Text, i.SampleEms)).ToList(), (size.Width - 2 * legendLeft) / textScale, fs, size.Height * LegendShare);
        var legendH = legendRows == 0 ? 0 : legendRows * legendFs * LegendFlow.RowEms + fs * 0.3;
        var top = fs * 0.6;
        var lineGap = fs * 1.15;
        var right = Math.Max(fs * 0.6, xTicks.Count == 0 ? 0 : TextRuns.Width(xLabels[^1], tickFs) / 2);
        // An x label wider than the plot takes a second line (ending in "…" if it must), as the y label does: the
        // plot gives up a line's height for it. Laid out with one line first, again with two if it does not fit.
        List<string> xLines = [f.XLabel];
        for (var pass = 0; ; pass++)
        {
            var bottom = tickFs * 1.3 + fs * 1.4 + (xLines.Count - 1) * lineGap + legendH;
            var plotH = size.Height - top - bottom;
            // A y label longer than the figure's height beside the plot takes a second line (ending in "…" if it must): never cut.
            var yRoom = Math.Max(fs, plotH + 2 * top - fs * 0.2);
            // Measured with the margin of the fonts that set the text (a pgfplots file's: TeX's), so no line passes its room.
            var yLines = LegendFlow.Wrap(f.YLabel, yRoom / textScale, fs);
            if (yLines.Count > 2) yLines = [yLines[0], LegendFlow.Shorten(string.Join(" ", yLines.Skip(1)), yRoom / textScale, fs)];
            var left = fs * 1.3 + (yLines.Count - 1) * lineGap + fs * 0.4 + yLabels.Select(l => TextRuns.Width(l, tickFs)).DefaultIfEmpty(0).Max() + fs * 0.3;
            var plotW = size.Width - left - right;
            if (f.XCategories is { Count: > 0 } shownCats && xTicks.Count > 0)
            {
                // The last category sits half a step inside the frame: its label needs room only past that (one
                // group's long leaf name kept a fifth of the figure empty on the right).
                var half = TextRuns.Width(xLabels[^1], tickFs) / 2;
                var step = 1 / (2.0 * shownCats.Count);
                right = Math.Max(fs * 0.6, (half - (size.Width - left) * step) / (1 - step));
                plotW = size.Width - left - right;
            }
            if (plotW < 20 || plotH < 20) throw FigureErrors.TooSmall(size, items.Count(i => i.Sample));
            var wrapped = LegendFlow.Wrap(f.XLabel, plotW / textScale, fs);
            if (wrapped.Count > 2) wrapped = [wrapped[0], LegendFlow.Shorten(string.Join(" ", wrapped.Skip(1)), plotW / textScale, fs)];
            if (wrapped.Count > xLines.Count && pass == 0) { xLines = wrapped; continue; }
            xLines = wrapped;
            var xLabelY = top + plotH + tickFs * 1.3 + fs * 1.1;
            var legendY = top + plotH + tickFs * 1.3 + fs * 1.4 + (xLines.Count - 1) * lineGap + fs * 0.3;
            return new FigurePlan
            {
                Size = size, Extent = (xLo, xHi, yLo, yHi), LogX = f.LogX, LogY = f.LogY, Plot = (left, top, plotW, plotH), TickFontSize = tickFs,
                XTicks = xTicks, XTickLabels = xLabels, YTicks = yTicks, YTickLabels = yLabels,
                XLabel = xLines.Select((l, i) => (l, left + plotW / 2, xLabelY + i * lineGap)).ToList(),
                YLabel = yLines.Select((l, i) => (l, fs * 1.0 + i * lineGap, top + plotH / 2)).ToList(),
                Legend = items, Placed = placed, LegendFontSize = legendFs, LegendAt = (legendLeft, legendY),
            };
        }
    }

    public static byte[] Draw(Figure f, FigureSize size, ICanvas canvas)
    {
        var plan = Plan(f, size);
        var fs = size.FontSize;
        var tickFs = plan.TickFontSize;
        var (left, top, plotW, plotH) = plan.Plot;
        var clip = plan.Plot;
        canvas.Begin(size.Width, size.Height, clip);
        double X(double v) => plan.X(v);
        double Y(double v) => plan.Y(v);
        bool Shown(double? v) => v is { } d && double.IsFinite(d) && (!f.LogY || d > 0);
        bool ShownX(double v) => double.IsFinite(v) && (!f.LogX || v > 0);
        // Bands first, under every line: one polygon per run of adjacent points (BandRuns), a lone point's spread an error bar.
        foreach (var line in f.Lines.Where(l => l.Lower is not null && l.Upper is not null && !l.Markers))
        {
            var color = f.ColorOf(line.Color);
            var (bands, bars) = BandRuns.Of(line);
            foreach (var i in bars)
            {
                // No spread (one seed, one row): no bar, as the page draws none.
                if (!Shown(line.Lower![i]) || !Shown(line.Upper![i]) || !ShownX(line.X[i]) || line.Lower![i] == line.Upper![i]) continue;
                var (x, lo, hi) = (X(line.X[i]), Y(line.Lower![i]!.Value), Y(line.Upper![i]!.Value));
                canvas.Polyline([(x, lo), (x, hi)], color, 0.6, false, clip: true);
                foreach (var v in new[] { lo, hi }) canvas.Polyline([(x - fs * 0.25, v), (x + fs * 0.25, v)], color, 0.6, false, clip: true);
            }
            foreach (var whole in bands)
            {
                var run = whole.Where(i => Shown(line.Lower![i]) && Shown(line.Upper![i]) && ShownX(line.X[i])).ToList();
                // A run of one point (an edge whose neighbour is outside the range) has no area, as on the page.
                if (run.Count < 2) continue;
                var poly = run.Select(i => (X(line.X[i]), Y(line.Upper![i]!.Value))).Concat(Enumerable.Reverse(run).Select(i => (X(line.X[i]), Y(line.Lower![i]!.Value)))).ToList();
                canvas.Polygon(poly, color, 0.2, clip: true);
            }
        }
        foreach (var line in f.Lines)
        {
            var color = f.ColorOf(line.Color);
            if (line.Markers)
            {
                // Series at one x drawn apart (Dodge steps), their caps narrowed to stay within a step of each other.
                var step = DodgeStep(f, fs);
                var dx = line.Dodge * step;
                var cap = step > 0 ? Math.Min(fs * 0.3, step * 0.4) : fs * 0.3;
                var shown = Enumerable.Range(0, line.X.Length).Where(i => Shown(line.Y[i]) && ShownX(line.X[i])).ToList();
                if (line.Joined && shown.Count > 1) canvas.Polyline([.. shown.Select(i => (X(line.X[i]) + dx, Y(line.Y[i]!.Value)))], color, 0.6, false, clip: true);
                foreach (var i in shown)
                {
                    var x = X(line.X[i]) + dx;
                    if (line.Lower?[i] is { } lo && line.Upper?[i] is { } hi && Shown(lo) && Shown(hi))
                    {
                        canvas.Polyline([(x, Y(lo)), (x, Y(hi))], color, 0.8, false, clip: true);
                        foreach (var v in new[] { lo, hi }) canvas.Polyline([(x - cap, Y(v)), (x + cap, Y(v))], color, 0.8, false, clip: true);
                    }
                    if (line.Ringed) canvas.Circle(x, Y(line.Y[i]!.Value), fs * RingEms, "#000000");
                    canvas.Circle(x, Y(line.Y[i]!.Value), fs * 0.28, color);
                }
                continue;
            }
            // A gap (a bucket without rows) is spanned, as the page's lines span it.
            var points = Enumerable.Range(0, line.X.Length).Where(i => Shown(line.Y[i]) && ShownX(line.X[i])).Select(i => (X(line.X[i]), Y(line.Y[i]!.Value))).ToList();
            if (points.Count > 0) canvas.Polyline(points, color, 1.0, line.Dashed, clip: true);
            // A point no line reaches (a val pass standing alone, a line's only point) is a mark, else it is not seen.
            // A val mark is hollow, as its line is dashed: the phases stay told apart where only marks are drawn (one epoch).
            canvas.Marks([.. PointMarks.Of(line, (x, y) => ShownX(x) && Shown(y)).Select(i => (X(line.X[i]), Y(line.Y[i]!.Value)))], fs * PointMarks.RadiusEms, color, hollow: line.Dashed);
        }

        // The frame, its ticks (inward) and their labels.
        const string ink = "#000000";
        canvas.Polyline([(left, top), (left + plotW, top), (left + plotW, top + plotH), (left, top + plotH), (left, top)], ink, 0.5, false, clip: false);
        var tl = fs * 0.3;
        for (var i = 0; i < plan.XTicks.Count; i++)
        {
            var t = plan.XTicks[i];
            canvas.Polyline([(X(t), top + plotH), (X(t), top + plotH - tl)], ink, 0.5, false, false);
            canvas.Text(X(t), top + plotH + tickFs * 1.1, plan.XTickLabels[i], tickFs, Anchor.Middle, power: f.XCategories is null);
        }
        for (var i = 0; i < plan.YTicks.Count; i++)
        {
            canvas.Polyline([(left, Y(plan.YTicks[i])), (left + tl, Y(plan.YTicks[i]))], ink, 0.5, false, false);
            canvas.Text(left - fs * 0.3, Y(plan.YTicks[i]) + tickFs * 0.35, plan.YTickLabels[i], tickFs, Anchor.End, power: true);
        }
        foreach (var (text, x, y) in plan.XLabel) canvas.Text(x, y, text, fs, Anchor.Middle);
        foreach (var (text, x, y) in plan.YLabel) canvas.Text(x, y, text, fs, Anchor.Middle, vertical: true);

        // The legend under the x label: its title, then its entries, wrapped like words.
        var legendFs = plan.LegendFontSize;
        foreach (var p in plan.Placed)
        {
            var x = plan.LegendAt.Left + p.Dx;
            var textX = x;
            if (plan.Legend[p.Index] is { Sample: true } item)
            {
                var y = plan.LegendBaseline(p, 0) - legendFs * 0.3;
                for (var d = 0; d < item.Dots.Count; d++) canvas.Circle(x + LegendItem.DotAt(d) * legendFs, y, legendFs * 0.28, f.ColorOf(item.Dots[d]));
                // Lines of marks only: the sample is their mark (filled train, hollow val) at the middle of the 1.6 em stroke it replaces.
                if (item.Dots.Count == 0 && item.MarkOnly) canvas.Circle(x + legendFs * 0.8, y, legendFs * PointMarks.LegendEms, item.Color is { } mc ? f.ColorOf(mc) : ink, hollow: item.Dashed);
                else if (item.Dots.Count == 0) canvas.Polyline([(x, y), (x + legendFs * 1.6, y)], item.Color is { } c ? f.ColorOf(c) : ink, 1.2, item.Dashed, false);
                textX += legendFs * item.SampleEms;
            }
            for (var l = 0; l < p.Lines.Count; l++) canvas.Text(textX, plan.LegendBaseline(p, l), p.Lines[l], legendFs, Anchor.Start);
        }
        return canvas.Finish();
    }

    /// <summary>The best point's ring's radius, in ems of the figure's font (a point's is 0.28).</summary>
    public const double RingEms = 0.42;

    /// <summary>
    /// How far apart (pt) the Results chart draws series that share an x, per <see cref="FigureLine.Dodge"/> step: 0.45 em
    /// (a point's diameter and a little), fewer when many series share, so all of them span at most 2 em about their x.
    /// </summary>
    public static double DodgeStep(Figure f, double fontSize)
    {
        var span = f.Lines.Select(l => Math.Abs(l.Dodge)).DefaultIfEmpty(0).Max() * 2;
        return span == 0 ? 0 : Math.Min(fontSize * 0.45, fontSize * 2 / span);
    }

    // A padded end stays a double: past the largest one it is the largest one.
    private static double Finite(double v) => Math.Clamp(v, -double.MaxValue, double.MaxValue);

    // An end of a log axis stays a positive double (a span of every decade pads past both).
    private static double Positive(double v) => Math.Clamp(v, double.Epsilon, double.MaxValue);

    /// <summary>
    /// How far past an end of x a figure reaches where a mark sits at that end (a point of the Results chart, a lone
    /// bucket's error bar: a val pass at the very last step), as a share of the span (log: of the decades), so the mark and
    /// its caps are whole, not half cut by the frame; the page pads its plots and its scatter by the same share
    /// (dashboard/axes.js MARK_X_PAD). A curve's end without a mark runs to the frame; a range asked (a zoom) is kept exactly.
    /// </summary>
    public const double PointsXPad = 0.05;

    /// <summary>
    /// The share an end with a mark is padded by: <see cref="PointsXPad"/>, twice that when series are dodged apart (the
    /// outermost series sits up to 2 em beside its x), as the page's scatter does (results.js scatterPad).
    /// </summary>
    public static double XPad(Figure f) => f.Lines.Any(l => l.Dodge != 0) ? 2 * PointsXPad : PointsXPad;

    /// <summary>Whether a mark (a point, a curve's <see cref="PointMarks"/>, or a lone bucket's error bar with a spread) sits at the lowest and at the highest x shown.</summary>
    private static (bool Lo, bool Hi) MarksAtEnds(Figure f, double xLo, double xHi)
    {
        bool Shown(double? v) => v is { } d && double.IsFinite(d) && (!f.LogY || d > 0);
        var marks = f.Lines.SelectMany(l => l.Markers
            ? l.X.Where((x, i) => l.Y[i] is not null && double.IsFinite(x))
            : l.Lower is null || l.Upper is null ? []
            : BandRuns.Of(l).Bars.Where(i => Shown(l.Lower[i]) && Shown(l.Upper[i]) && l.Lower[i] != l.Upper[i]).Select(i => l.X[i]))
            .Concat(f.Lines.Where(l => !l.Markers).SelectMany(l => PointMarks.Of(l, (x, y) => double.IsFinite(x) && Shown(y)).Select(i => l.X[i]))).ToList();
        return (marks.Contains(xLo), marks.Contains(xHi));
    }

    /// <summary>The x and y ranges of every shown value and band (y padded by 4%, points' x by <see cref="PointsXPad"/>; log y in positive values only); x between the
    /// figure's <see cref="Figure.XRange"/> where it sets one.
    /// </summary>
    public static (double XLo, double XHi, double YLo, double YHi) Extent(Figure f)
    {
        var xs = f.Lines.SelectMany(l => l.X.Where((_, i) => l.Y[i] is not null)).Where(v => double.IsFinite(v) && (!f.LogX || v > 0)).ToList();
        if (f.XCategories is { } cats) xs = [-0.5, cats.Count - 0.5];
        var ys = f.Lines.SelectMany(l => l.Y.Concat(l.Lower ?? []).Concat(l.Upper ?? [])).OfType<double>().Where(v => double.IsFinite(v) && (!f.LogY || v > 0)).ToList();
        if (xs.Count == 0 || ys.Count == 0) throw FigureErrors.NothingToDraw();
        double xLo = f.XRange.Lo ?? xs.Min(), xHi = f.XRange.Hi ?? xs.Max(), yLo = ys.Min(), yHi = ys.Max();
        // The ends padded: where a mark sits there and no range was asked for that end (categories: half a step, above).
        var (markLo, markHi) = f.XCategories is null ? MarksAtEnds(f, xLo, xHi) : (false, false);
        var (padLo, padHi) = (markLo && f.XRange.Lo is null, markHi && f.XRange.Hi is null);
        if (f.LogX)
        {
            // Padded by 5% of the decades shown, so the first and last points are not on the frame.
            if (xHi == xLo) (xLo, xHi) = (Positive(xLo / 10), Positive(xHi * 10));
            var pad = Math.Pow(xHi / xLo, XPad(f));
            (xLo, xHi) = (padLo ? Positive(xLo / pad) : xLo, padHi ? Positive(xHi * pad) : xHi);
        }
        else if (xHi == xLo) (xLo, xHi) = (Finite(xLo - 1), Finite(xHi + 1));
        else
        {
            var pad = (xHi / 2 - xLo / 2) * 2 * XPad(f); // halved first, so the span of two huge values stays finite
            (xLo, xHi) = (padLo ? Finite(xLo - pad) : xLo, padHi ? Finite(xHi + pad) : xHi);
        }
        if (f.LogY)
        {
            if (yHi == yLo) (yLo, yHi) = (Positive(yLo / 2), Positive(yHi * 2));
            var pad = Math.Pow(yHi / yLo, 0.04);
            return (xLo, xHi, Positive(yLo / pad), Positive(yHi * pad));
        }
        if (yHi == yLo) (yLo, yHi) = (Finite(yLo - Math.Max(1e-9, Math.Abs(yLo) * 0.05)), Finite(yHi + Math.Max(1e-9, Math.Abs(yHi) * 0.05)));
        // 4% of the width each side (halved first, as in Fraction); points (a Results chart) 10%, so a point at an end
        // and the best's ring stay whole inside the frame at a paper's sizes.
        var p = (yHi / 2 - yLo / 2) * (f.Lines.Count > 0 && f.Lines.All(l => l.Markers) ? 0.2 : 0.08);
        return (xLo, xHi, Finite(yLo - p), Finite(yHi + p));
    }
}
