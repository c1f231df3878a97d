using System.Globalization;
using System.Text.RegularExpressions;

namespace Hypergrid.Dashboard.Tests.Figures;

/// <summary>The \addplot tables of a pgfplots file: each plot's options and its rows of numbers, in order.</summary>
public static partial class TexTables
{
    public sealed record Plot(string Options, List<double[]> Rows)
    {
        /// <summary>A spread: a filled band, or the error bars of a band's lone points (no marks).</summary>
        public bool IsBand => Options.Contains("fill opacity") || Options.Contains("mark=none, forget plot, error bars");
    }

    public static List<Plot> Read(string tex) =>
        AddPlot().Matches(tex).Select(m => new Plot(m.Groups[1].Value,
            m.Groups[2].Value.Split("\\\\", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(r => r.Length > 0 && (char.IsDigit(r[0]) || r[0] == '-'))
                .Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList())).ToList();

    /// <summary>
    /// A spread's points as (x, upper, lower): a filled band's rows (upper forward, lower back), or the error bars of a
    /// band's lone points (x, middle, how far up, how far down).
    /// </summary>
    public static List<(double X, double Upper, double Lower)> Spread(Plot p)
    {
        if (p.Options.Contains("error bars")) return p.Rows.Select(r => (r[0], r[1] + r[2], r[1] - r[3])).ToList();
        var half = p.Rows.Count / 2;
        return Enumerable.Range(0, half).Select(i => (p.Rows[i][0], p.Rows[i][1], p.Rows[p.Rows.Count - 1 - i][1])).ToList();
    }

    /// <summary>Asserts a spread holds these points, to the 6 significant digits a pgfplots file writes (a bar's ends are sums of them).</summary>
    public static void AssertSpread(IEnumerable<(double X, double Upper, double Lower)> expected, Plot p) => AssertPoints(expected, Spread(p));

    /// <summary>Asserts spread points (of one plot or gathered from several) are these, in this order, to 6 significant digits.</summary>
    public static void AssertPoints(IEnumerable<(double X, double Upper, double Lower)> expected, IEnumerable<(double X, double Upper, double Lower)> actual)
    {
        var (want, got) = (expected.ToList(), actual.ToList());
        Assert.Equal(want.Count, got.Count);
        static void Near(double a, double b) => Assert.True(Math.Abs(a - b) <= 2e-5 * Math.Max(1, Math.Abs(a)), $"{a} vs {b}");
        for (var i = 0; i < want.Count; i++) { Near(want[i].X, got[i].X); Near(want[i].Upper, got[i].Upper); Near(want[i].Lower, got[i].Lower); }
    }

    [GeneratedRegex(@"\\addplot\[(.*?)\] table\[[^\]]*\] \{(.*?)\}", RegexOptions.Singleline)]
    private static partial Regex AddPlot();
}
