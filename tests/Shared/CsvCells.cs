using System.Globalization;
using System.Text;

namespace Hypergrid.Tests;

/// <summary>An exported CSV as a spreadsheet reads it (RFC 4180: quoted cells may hold commas, doubled quotes and line breaks).</summary>
public static class CsvCells
{
    public static List<string[]> Rows(string csv)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted && c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n' && !quoted) { row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row = []; }
            else cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add([.. row]); }
        return rows;
    }

    /// <summary>Whether a spreadsheet would read a cell as a formula: it starts with = + - @, a tab or CR and is not a number.</summary>
    public static bool StartsFormula(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
