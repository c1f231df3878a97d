using System.Globalization;
using System.Text;

namespace Hypergrid.Findings;

/// <summary>
/// Text from cfg/ and out/log made inert for the file it goes into: names and values are a study's, and a report is
/// opened by TeX, spreadsheets and Markdown renderers that would otherwise run or reshape what they contain.
/// </summary>
public static class Inert
{
    /// <summary>
    /// Text for TeX: each of <c># $ % &amp; _ { } ~ ^ \</c> as the command that prints it (so no <c>^^</c> character code,
    /// group, macro or comment can form), control characters (a newline would end a % comment) as spaces.
    /// </summary>
    public static string Tex(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
            sb.Append(c switch
            {
                '\\' => "\\textbackslash{}",
                '{' => "\\{",
                '}' => "\\}",
                '#' => "\\#",
                '$' => "\\$",
                '%' => "\\%",
                '&' => "\\&",
                '_' => "\\_",
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                _ when char.IsControl(c) => " ",
                _ => c.ToString(),
            });
        return sb.ToString();
    }

    /// <summary>
    /// One CSV cell: a cell a spreadsheet would read as a formula (it begins with <c>= + - @</c>, a tab or a carriage
    /// return, and is not a plain number) gets a leading apostrophe; a cell with a comma, quote or line break is quoted.
    /// </summary>
    public static string Csv(string cell)
    {
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsNumber(cell)) cell = "'" + cell;
        return cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
    }

    // -0.0123 is the delta a report writes: a number, which no spreadsheet evaluates.
    private static bool IsNumber(string cell) =>
        double.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _);

    /// <summary>
    /// Text for a Markdown table cell or heading: the characters that end a cell or start markup (<c>| \ ` * _ [ ] &lt; &gt; &amp; ~ #</c>)
    /// backslash-escaped, line breaks and other control characters as spaces.
    /// </summary>
    public static string Markdown(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsControl(c)) sb.Append(' ');
            else if (c is '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '&' or '~' or '#' or '!') sb.Append('\\').Append(c);
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
