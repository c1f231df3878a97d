using System.Globalization;
using csFastFloat;

namespace Hypergrid.Trials.Logs;

/// <summary>
/// Parses the numbers of a batch log from UTF-8 bytes: csFastFloat (Lemire's correctly rounded
/// algorithm, so results equal double.Parse) for nearly every cell, .NET's own parser for the
/// words it alone reads ("Infinity", "NaN", which .NET writes for non-finite values), and Python's
/// "inf" and "-inf" (which neither reads): every reader keeps an infinity a program logged.
/// </summary>
public static class FastNumber
{
    public static bool TryParse(ReadOnlySpan<byte> s, out double value) =>
        FastDoubleParser.TryParseDouble(s, out var consumed, out value) && consumed == s.Length
        || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        || Infinity(s, out value);

    private static bool Infinity(ReadOnlySpan<byte> s, out double value)
    {
        var sign = s.Length > 0 && s[0] is (byte)'-' or (byte)'+' ? s[0] : (byte)'+';
        var word = s.Length > 0 && s[0] is (byte)'-' or (byte)'+' ? s[1..] : s;
        var inf = System.Text.Ascii.EqualsIgnoreCase(word, "inf"u8) || System.Text.Ascii.EqualsIgnoreCase(word, "infinity"u8);
        value = !inf ? 0 : sign == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        return inf;
    }
}
