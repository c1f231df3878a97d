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

    [GeneratedRegex(@"\\addplot\[(.*?)\] table\[[^\]]*\] \{(.*?)\}", RegexOptions.Singleline)]
    private static partial Regex AddPlot();
}
