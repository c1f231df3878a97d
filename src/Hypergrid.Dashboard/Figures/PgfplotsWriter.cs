using System.Globalization;
using System.Text;

namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// A figure as a pgfplots picture with its data inline (one table per line, values as computed to 6 significant digits): a paper
/// \input's it and it is set in the paper's own fonts. It needs \usepackage{pgfplots} (texlive-pictures in Debian);
/// the first lines say so. Names from cfg/ and logs are escaped for TeX.
/// </summary>
public static class PgfplotsWriter
{
    public static byte[] Write(Figure f, FigureSize size)
    {
        var tex = new StringBuilder();
        tex.Append("% Hypergrid figure (pgfplots). Needs in the preamble: \\usepackage{pgfplots} \\pgfplotsset{compat=1.16}\n");
        tex.Append("% Include with \\input{this file}; every curve's data is inline below.\n");
        tex.Append("\\begin{tikzpicture}\n");
        var colors = f.Lines.Select(l => l.Color).Distinct().Order().ToList();
        foreach (var c in colors) tex.Append(CultureInfo.InvariantCulture, $"\\definecolor{{hg{c}}}{{HTML}}{{{Palette.Of(c, f.ColorCount)[1..]}}}\n");
        var fs = N(size.FontSize);
        var font = $"\\fontsize{{{fs}}}{{{N(size.FontSize * 1.2)}}}\\selectfont";
        // The legend's items (FigureLayout's: title, a line per colour, train/val, note), each in lines that fit the width;
        // added in that order, each colour's right after its line's plot.
        var entries = FigureLegend.Entries(f);
        var items = FigureLegend.Items(f, entries);
        var entryLines = PgfplotsLegend.Lines(items.Select(i => i.Text).ToList(), size.Width, size.FontSize);
        string Entry(int i) => $"\\addlegendentry{{{string.Join("\\\\", entryLines[i].Select(Escape))}}}\n";
        var ofLine = new Dictionary<FigureLine, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < items.Count; i++)
            if (items[i].Entry?.Line is { } drawn) ofLine[drawn] = i;
        var columns = entryLines.Count == 0 ? 1 : PgfplotsLegend.Columns(entryLines, size.Width, size.FontSize);
        tex.Append("\\begin{axis}[\n");
        tex.Append(CultureInfo.InvariantCulture, $"  width={N(size.Width)}bp, height={N(size.Height)}bp,\n");
        tex.Append(CultureInfo.InvariantCulture, $"  font={font}, tick label style={{font={font}}}, label style={{font={font}}},\n");
        tex.Append(CultureInfo.InvariantCulture, $"  xlabel={{{Escape(f.XLabel)}}}, ylabel={{{Escape(f.YLabel)}}},\n");
        if (f.LogY) tex.Append("  ymode=log,\n");
        if (f.LogX) tex.Append("  xmode=log, enlarge x limits=0.05,\n");
        if (f.XCategories is { } cats)
            tex.Append(CultureInfo.InvariantCulture, $"  xtick={{{string.Join(",", Enumerable.Range(0, cats.Count))}}}, xticklabels={{{string.Join(",", cats.Select(c => "{" + Escape(c) + "}"))}}}, xmin=-0.5, xmax={N(cats.Count - 0.5)},\n");
        tex.Append(f.LogX ? "  scaled ticks=false, tick align=inside,\n" : "  scaled ticks=false, tick align=inside, enlarge x limits=false,\n");
        tex.Append(CultureInfo.InvariantCulture, $"  legend style={{font={font}, draw=none, at={{(0.5,-0.22)}}, anchor=north, legend columns={columns}, cells={{align=left}}, /tikz/every even column/.append style={{column sep=0.6em}}}},\n");
        tex.Append("  legend cell align=left,\n");
        if (f.LegendTitle is { } title) tex.Append(CultureInfo.InvariantCulture, $"  % legend: values of {Escape(title)}\n");
        tex.Append("]\n");
        // Words without a line of their own (the title, the note) have an empty image; a phase's, its line style in black.
        void Image(int i, string image) => tex.Append("\\addlegendimage{").Append(image).Append('}').Append(Entry(i));
        if (entries.Count > 0 && f.LegendTitle is not null) Image(0, "empty legend");
        foreach (var line in f.Lines.Where(l => l.Lower is not null && l.Upper is not null && !l.Markers))
        {
            var rows = Enumerable.Range(0, line.X.Length).Where(i => Shown(f, line.Lower![i]) && Shown(f, line.Upper![i]) && ShownX(f, line.X[i])).ToList();
            if (rows.Count == 0) continue;
            tex.Append(CultureInfo.InvariantCulture, $"\\addplot[draw=none, fill=hg{line.Color}, fill opacity=0.2, forget plot] table[row sep=\\\\] {{\nx y \\\\\n");
            foreach (var i in rows) tex.Append(CultureInfo.InvariantCulture, $"{R(line.X[i])} {R(line.Upper![i]!.Value)} \\\\\n");
            foreach (var i in Enumerable.Reverse(rows)) tex.Append(CultureInfo.InvariantCulture, $"{R(line.X[i])} {R(line.Lower![i]!.Value)} \\\\\n");
            tex.Append("} -- cycle;\n");
        }
        foreach (var line in f.Lines)
        {
            var rows = Enumerable.Range(0, line.X.Length).Where(i => Shown(f, line.Y[i]) && ShownX(f, line.X[i])).ToList();
            var legend = ofLine.TryGetValue(line, out var item);
            var color = $"hg{line.Color}";
            var errors = line.Markers && line.Lower is not null && line.Upper is not null;
            var look = line.Markers
                ? $"color={color}, only marks, mark=*, mark size=1.5pt" + (line.Ringed ? ", mark options={draw=black, line width=0.8pt}" : "")
                : $"color={color}, line width=0.8pt, no markers" + (line.Dashed ? ", dashed" : "");
            // A line with nothing to draw keeps its place in the legend, as the SVG's.
            if (rows.Count == 0)
            {
                if (legend) Image(item, look);
                continue;
            }
            var style = look + (errors ? ", error bars/.cd, y dir=both, y explicit" : "");
            tex.Append(CultureInfo.InvariantCulture, $"% {Escape(line.Name)}\n\\addplot[{style}{(legend ? "" : ", forget plot")}] table[row sep=\\\\{(errors ? ", y error plus=ep, y error minus=em" : "")}] {{\n");
            tex.Append(errors ? "x y ep em \\\\\n" : "x y \\\\\n");
            foreach (var i in rows)
            {
                tex.Append(CultureInfo.InvariantCulture, $"{R(line.X[i])} {R(line.Y[i]!.Value)}");
                if (errors) tex.Append(CultureInfo.InvariantCulture, $" {R((line.Upper![i] ?? line.Y[i]!.Value) - line.Y[i]!.Value)} {R(line.Y[i]!.Value - (line.Lower![i] ?? line.Y[i]!.Value))}");
                tex.Append(" \\\\\n");
            }
            tex.Append("};\n");
            if (legend) tex.Append(Entry(item));
        }
        for (var i = 0; i < items.Count; i++)
            if (items[i].Entry is { Line: null } phase) Image(i, "black, line width=0.8pt" + (phase.Dashed ? ", dashed" : ""));
        if (f.Note is not null) Image(items.Count - 1, "empty legend");
        tex.Append("\\end{axis}\n\\end{tikzpicture}\n");
        return Encoding.UTF8.GetBytes(tex.ToString());
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
