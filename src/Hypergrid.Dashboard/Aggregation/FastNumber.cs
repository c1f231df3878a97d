using System.Globalization;
using csFastFloat;

namespace Hypergrid.Dashboard.Aggregation;

/// <summary>
/// Parses the numbers a batch log holds. Plain decimals of at most 15 significant digits (nearly
/// every cell) take Clinger's fast path inline: the digits as an exact integer divided by an exact
/// power of ten is one correctly rounded operation, so the result equals double.Parse. Anything
/// else goes to csFastFloat.
/// </summary>
public static class FastNumber
{
    private static readonly double[] Pow10 = Enumerable.Range(0, 23).Select(i => Math.Pow(10, i)).ToArray();

    public static bool TryParse(ReadOnlySpan<byte> s, out double value)
    {
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+')) { negative = s[0] == '-'; i = 1; }
        long mantissa = 0;
        int digits = 0, fraction = 0;
        bool seenDot = false, sawDigit = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '.' && !seenDot) { seenDot = true; continue; }
            var d = c - '0';
            if ((uint)d > 9) break;
            sawDigit = true;
            if (digits > 0 || d != 0) digits++;
            if (digits > 15) return Fallback(s, out value);
            mantissa = mantissa * 10 + d;
            if (seenDot) fraction++;
        }
        var exponent = 0;
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            if (!TryExponent(s[(i + 1)..], out exponent)) return Fallback(s, out value);
            i = s.Length;
        }
        var scale = fraction - exponent;
        // Only m / 10^k with both exact is a single correctly rounded operation; everything else falls back.
        if (i != s.Length || !sawDigit || scale is < 0 or > 22) return Fallback(s, out value);
        var v = mantissa / Pow10[scale];
        value = negative ? -v : v;
        return true;
    }

    // .NET's own parser last: it alone reads "Infinity" and "NaN", which .NET writes for non-finite values.
    private static bool Fallback(ReadOnlySpan<byte> s, out double value) =>
        FastDoubleParser.TryParseDouble(s, out var consumed, out value) && consumed == s.Length
        || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static bool TryExponent(ReadOnlySpan<byte> s, out int exponent)
    {
        exponent = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+')) { negative = s[0] == '-'; i = 1; }
        if (i == s.Length || s.Length - i > 3) return false;
        for (; i < s.Length; i++)
        {
            var d = s[i] - '0';
            if ((uint)d > 9) return false;
            exponent = exponent * 10 + d;
        }
        if (negative) exponent = -exponent;
        return true;
    }
}
