using System.Globalization;
using csFastFloat;

namespace Hypergrid.Trials.Logs;

/// <summary>
/// Parses the numbers of a batch log from UTF-8 bytes: csFastFloat (Lemire's correctly rounded
/// algorithm, so results equal double.Parse) for nearly every cell, and .NET's own parser for the
/// words it alone reads ("Infinity", "NaN", which .NET writes for non-finite values).
/// </summary>
public static class FastNumber
{
    public static bool TryParse(ReadOnlySpan<byte> s, out double value) =>
        FastDoubleParser.TryParseDouble(s, out var consumed, out value) && consumed == s.Length
        || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
