using System.Globalization;
using System.Text;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// A figure as a pgfplots picture with its data inline (one table per line, values as computed to 6 significant digits): a paper
/// \input's it and it is set in the paper's own fonts. It needs \usepackage{pgfplots} (texlive-pictures in Debian);
/// the first lines say so. The picture is the size asked for: the plot's frame, its ticks, the axis labels and the
/// legend are where <see cref="FigureLayout.Plan"/> puts them in the SVG and PDF, the legend flowed and the axis labels
/// wrapped as if their text were <see cref="TexTextScale"/> times Helvetica's width (TeX's small sizes are wider), so
/// nothing passes the box, and its bounding box is set to the size. Names from cfg/ and logs
/// are escaped for TeX.
/// </summary>
public static class PgfplotsWriter
{
    /// <summary>The start of the line near the end that sets the picture's box to the size asked for.</summary>
    public const string BoxLine = "\\pgfresetboundingbox";

    /// <summary>
    /// How much wider than Helvetica a paper's fonts may set the legend and the axis labels: Computer Modern is 1.17 at
    /// 6 pt, 1.015 at 8 pt, narrower from 9 pt (pdflatex, a sentence of lower case, 2026-12-07).
    /// </summary>
    public const double TexTextScale = 1.2;

    public static byte[] Write(Figure f, FigureSize size)
    {
        var plan = FigureLayout.Plan(f, size, TexTextScale);
        var tex = new StringBuilder();
        tex.Append("% Hypergrid figure (pgfplots). Needs in the preamble: \\usepackage{pgfplots} \\pgfplotsset{compat=1.16}\n");
        tex.Append(CultureInfo.InvariantCulture, $"% Include with \\input{{this file}}; it is {N(size.Width)}bp x {N(size.Height)}bp (1bp = 1/72 in) with its labels and legend; every curve's data is inline below.\n");
        var fs = size.FontSize;
        tex.Append(CultureInfo.InvariantCulture, $"\\begin{{tikzpicture}}[hg text/.style={{inner sep=0pt, font={Font(fs)}}}, hg legend/.style={{anchor=base west, inner sep=0pt, font={Font(plan.LegendFontSize)}}}]\n");
        var colors = f.Lines.Select(l => l.Color).Distinct().Order().ToList();
        foreach (var c in colors) tex.Append(CultureInfo.InvariantCulture, $"\\definecolor{{hg{c}}}{{HTML}}{{{f.ColorOf(c)[1..]}}}\n");
        var (left, top, plotW, plotH) = plan.Plot;
        var (xLo, xHi, yLo, yHi) = plan.Extent;
        tex.Append("\\begin{axis}[\n");
        tex.Append(CultureInfo.InvariantCulture, $"  scale only axis, width={N(plotW)}bp, height={N(plotH)}bp, at={{({N(left)}bp,{N(size.Height - top - plotH)}bp)}}, anchor=south west,\n");
        tex.Append(CultureInfo.InvariantCulture, $"  xmin={R(xLo)}, xmax={R(xHi)}, ymin={R(yLo)}, ymax={R(yHi)}, enlargelimits=false,\n");
        if (f.LogX) tex.Append("  xmode=log,\n");
        if (f.LogY) tex.Append("  ymode=log,\n");
        tex.Append(CultureInfo.InvariantCulture, $"  {TickKeys("x", plan.XTicks, plan.XTickLabels.Select(l => f.XCategories is null ? TickLabel(l) : Escape(l)))},\n");
        tex.Append(CultureInfo.InvariantCulture, $"  {TickKeys("y", plan.YTicks, plan.YTickLabels.Select(TickLabel))},\n");
        tex.Append(CultureInfo.InvariantCulture, $"  tick label style={{font={Font(plan.TickFontSize)}}}, scaled ticks=false, tick align=inside, major tick length={N(fs * 0.3)}bp, minor tick num=0, minor tick style={{draw=none}},\n");
        tex.Append("  axis line style={line width=0.5bp}, every tick/.style={black, line width=0.5bp},\n");
        // Tick labels where the plan has them: an x label's baseline 1.1 of its size under the frame, a y label's end 0.3 em left of it.
        tex.Append(CultureInfo.InvariantCulture, $"  xticklabel style={{inner sep=0pt, anchor=base, yshift=-{N(plan.TickFontSize * 1.1)}bp}}, yticklabel style={{inner sep=0pt, anchor=east, xshift=-{N(fs * 0.3)}bp}},\n");
        tex.Append("]\n");
        // One filled band per run of adjacent points (BandRuns); the lone points' spreads as error bars, without marks.
        foreach (var line in f.Lines.Where(l => l.Lower is not null && l.Upper is not null && !l.Markers))
        {
            var (bands, bars) = BandRuns.Of(line);
            // No spread (one seed, one row): no bar, as on the page.
            var lone = bars.Where(i => Shown(f, line.Lower![i]) && Shown(f, line.Upper![i]) && ShownX(f, line.X[i]) && line.Lower![i] != line.Upper![i]).ToList();
            foreach (var whole in bands)
            {
                var rows = whole.Where(i => Shown(f, line.Lower![i]) && Shown(f, line.Upper![i]) && ShownX(f, line.X[i])).ToList();
                if (rows.Count < 2) continue; // a run of one point has no area, as on the page
                tex.Append(CultureInfo.InvariantCulture, $"\\addplot[draw=none, fill=hg{line.Color}, fill opacity=0.2, forget plot] table[row sep=\\\\] {{\nx y \\\\\n");
                foreach (var i in rows) tex.Append(CultureInfo.InvariantCulture, $"{R(line.X[i])} {R(line.Upper![i]!.Value)} \\\\\n");
                foreach (var i in Enumerable.Reverse(rows)) tex.Append(CultureInfo.InvariantCulture, $"{R(line.X[i])} {R(line.Lower![i]!.Value)} \\\\\n");
                tex.Append("} -- cycle;\n");
            }
            if (lone.Count == 0) continue;
            // The bar's middle, then how far it reaches up and down: pgfplots draws it around y (no mark: only the bar and its caps).
            tex.Append(CultureInfo.InvariantCulture, $"\\addplot[draw=none, mark=none, forget plot, error bars/.cd, y dir=both, y explicit, error bar style={{draw=hg{line.Color}, solid, line width=0.6bp}}, error mark options={{draw=hg{line.Color}, solid, line width=0.6bp, mark size={N(fs * 0.25)}bp, rotate=90}}] table[row sep=\\\\, y error plus=ep, y error minus=em] {{\nx y ep em \\\\\n");
            foreach (var i in lone)
            {
                var (lo, hi) = (line.Lower![i]!.Value, line.Upper![i]!.Value);
                var mid = (lo + hi) / 2;
                tex.Append(CultureInfo.InvariantCulture, $"{R(line.X[i])} {R(mid)} {R(hi - mid)} {R(mid - lo)} \\\\\n");
            }
            tex.Append("};\n");
        }
        foreach (var line in f.Lines)
        {
            var rows = Enumerable.Range(0, line.X.Length).Where(i => Shown(f, line.Y[i]) && ShownX(f, line.X[i])).ToList();
            if (rows.Count == 0) continue;
            var color = $"hg{line.Color}";
            var errors = line.Markers && line.Lower is not null && line.Upper is not null;
            // A series is joined by a thin line, and moved sideways by its dodge as the SVG moves it (FigureLayout.DodgeStep).
            var shift = line.Dodge * FigureLayout.DodgeStep(f, fs);
            var style = line.Markers
                ? $"color={color}, " + (line.Joined ? "line width=0.6bp" : "only marks") + ", mark=*, mark size=" + N(fs * 0.28) + "bp"
                    + (shift != 0 ? $", xshift={N(shift)}bp" : "")
                    + (line.Ringed ? ", mark options={draw=black, line width=0.8pt}" : line.Joined ? ", mark options={solid}" : "") + (errors ? ", error bars/.cd, y dir=both, y explicit" : "")
                : $"color={color}, line width=0.8pt" + (line.Dashed ? ", dashed" : "") + Marks(line, rows, f, fs);
            tex.Append(CultureInfo.InvariantCulture, $"% {Escape(line.Name)}\n\\addplot[{style}] table[row sep=\\\\{(errors ? ", y error plus=ep, y error minus=em" : "")}] {{\n");
            tex.Append(errors ? "x y ep em \\\\\n" : "x y \\\\\n");
            foreach (var i in rows)
            {
                tex.Append(CultureInfo.InvariantCulture, $"{R(line.X[i])} {R(line.Y[i]!.Value)}");
                if (errors) tex.Append(CultureInfo.InvariantCulture, $" {R((line.Upper![i] ?? line.Y[i]!.Value) - line.Y[i]!.Value)} {R(line.Y[i]!.Value - (line.Lower![i] ?? line.Y[i]!.Value))}");
                tex.Append(" \\\\\n");
            }
            tex.Append("};\n");
        }
        tex.Append("\\end{axis}\n");
        Labels(tex, plan);
        tex.Append(CultureInfo.InvariantCulture, $"{BoxLine}\\useasboundingbox (0,0) rectangle ({N(size.Width)}bp,{N(size.Height)}bp);\n");
        tex.Append("\\end{tikzpicture}%\n"); // no space after it in the paragraph that \input's it
        return Encoding.UTF8.GetBytes(tex.ToString());
    }

    /// <summary>
    /// A curve's marks (<see cref="PointMarks"/>: a lone val pass, a line's only point) by their 1-based places among the
    /// rows written, solid on a dashed line; "no markers" where it has none.
    /// </summary>
    private static string Marks(FigureLine line, List<int> rows, Figure f, double fs)
    {
        var marks = PointMarks.Of(line, (x, y) => ShownX(f, x) && Shown(f, y));
        if (marks.Count == 0) return ", no markers";
        var places = marks.Select(i => (rows.IndexOf(i) + 1).ToString(CultureInfo.InvariantCulture));
        // A val mark is an open circle, as its line is dashed (the SVG's and PDF's hollow dot).
        var mark = line.Dashed ? $"mark=o, mark options={{solid, line width={N(PointMarks.HollowWidth)}bp}}" : "mark=*, mark options={solid}";
        return $", {mark}, mark size={N(fs * PointMarks.RadiusEms)}bp, mark indices={{{string.Join(",", places)}}}";
    }

    /// <summary>The axis labels and the legend, as nodes where the plan puts them (TikZ's y runs up, the plan's down).</summary>
    private static void Labels(StringBuilder tex, FigurePlan plan)
    {
        var h = plan.Size.Height;
        foreach (var (text, x, y) in plan.XLabel)
            tex.Append(CultureInfo.InvariantCulture, $"\\node[hg text, anchor=base] at ({N(x)}bp,{N(h - y)}bp) {{{Escape(text)}}};\n");
        foreach (var (text, x, y) in plan.YLabel)
            tex.Append(CultureInfo.InvariantCulture, $"\\node[hg text, anchor=base, rotate=90] at ({N(x)}bp,{N(h - y)}bp) {{{Escape(text)}}};\n");
        var lfs = plan.LegendFontSize;
        // An item after another on its row starts a gap after that one's text as set (node hgl), not where Helvetica would end
        // it: a paper's font at a small size (cmr6) can be wider than Helvetica, and the items never overlap.
        foreach (var p in plan.Placed)
        {
            var x = plan.LegendAt.Left + p.Dx;
            var start = p.Dx == 0 ? $"({N(x)}bp,{N(h - plan.LegendBaseline(p, 0))}bp)" : $"(hgl.base east) ++({N(lfs)}bp,0)";
            var item = plan.Legend[p.Index];
            for (var d = 0; d < item.Dots.Count; d++)
                tex.Append(CultureInfo.InvariantCulture, $"\\fill[hg{item.Dots[d]}] {start} ++({N(LegendItem.DotAt(d) * lfs)}bp,{N(lfs * 0.3)}bp) circle[radius={N(lfs * 0.28)}bp];\n");
            if (item.Sample && item.Dots.Count == 0 && item.MarkOnly)
            {
                var color = item.Color is { } c ? $"hg{c}" : "black";
                var at = $"{start} ++({N(lfs * 0.8)}bp,{N(lfs * 0.3)}bp) circle[radius={N(lfs * PointMarks.LegendEms)}bp]";
                tex.Append(item.Dashed ? $"\\draw[{color}, line width={N(PointMarks.HollowWidth)}bp] {at};\n" : $"\\fill[{color}] {at};\n");
            }
            else if (item.Sample && item.Dots.Count == 0)
            {
                var color = item.Color is { } c ? $"hg{c}" : "black";
                tex.Append(CultureInfo.InvariantCulture, $"\\draw[{color}, line width=1.2bp{(item.Dashed ? ", dash pattern=on 3bp off 2bp" : "")}] {start} ++(0,{N(lfs * 0.3)}bp) -- ++({N(lfs * 1.6)}bp,0);\n");
            }
            x += lfs * item.SampleEms;
            tex.Append(CultureInfo.InvariantCulture, $"\\path {start}{(item.Sample ? $" ++({N(lfs * item.SampleEms)}bp,0)" : "")} node[hg legend] (hgl) {{{Escape(p.Lines[0])}}};\n");
            for (var l = 1; l < p.Lines.Count; l++)
                tex.Append(CultureInfo.InvariantCulture, $"\\node[hg legend] (hgl) at ({N(x)}bp,{N(h - plan.LegendBaseline(p, l))}bp) {{{Escape(p.Lines[l])}}};\n");
        }
    }

    /// <summary>The plan's ticks and their labels (pgfplots draws them beside the frame, in the paper's font).</summary>
    private static string TickKeys(string axis, IReadOnlyList<double> ticks, IEnumerable<string> labels) => ticks.Count == 0
        ? $"{axis}tick=\\empty"
        : $"{axis}tick={{{string.Join(",", ticks.Select(R))}}}, {axis}ticklabels={{{string.Join(",", labels.Select(l => "{" + l + "}"))}}}";

    private static string Font(double size) => $"\\fontsize{{{N(size)}}}{{{N(size * 1.2)}}}\\selectfont";

    /// <summary>A tick label in TeX: its power (after '^') raised.</summary>
    private static string TickLabel(string label)
    {
        var (b, sup) = TextRuns.Split(label);
        return Escape(b) + (sup is null ? "" : "$^{" + Escape(sup) + "}$");
    }

    private static bool Shown(Figure f, double? v) => v is { } d && double.IsFinite(d) && (!f.LogY || d > 0);

    private static bool ShownX(Figure f, double x) => double.IsFinite(x) && (!f.LogX || x > 0);

    /// <summary>Text for TeX: its special characters as commands, ± × – … as TeX writes them, characters outside Latin-1 as '?', line breaks as spaces.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
            sb.Append(c switch
            {
                '\\' => "\\textbackslash{}", '{' => "\\{", '}' => "\\}", '$' => "\\$", '&' => "\\&", '#' => "\\#", '%' => "\\%", '_' => "\\_",
                '^' => "\\textasciicircum{}", '~' => "\\textasciitilde{}", '<' => "\\textless{}", '>' => "\\textgreater{}", '|' => "\\textbar{}",
                '±' => "$\\pm$", '×' => "$\\times$", '÷' => "$\\div$", '–' => "--", '—' => "---", '…' => "\\ldots{}", '·' => "$\\cdot$",
                _ when c < ' ' => " ",
                _ when c > '~' && c < '\u00A0' || c > '\u00FF' => "?",
                _ => c.ToString(),
            });
        return sb.ToString();
    }

    /// <summary>
    /// A coordinate to 6 significant digits: more than pgfplots' arithmetic keeps, and a third fewer characters than
    /// every digit of a double, which pdflatex holds in its main memory until the axis ends.
    /// </summary>
    public static string R(double v) => v.ToString("G6", CultureInfo.InvariantCulture).Replace("E+0", "e+").Replace("E-0", "e-").Replace("E", "e");

    private static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
