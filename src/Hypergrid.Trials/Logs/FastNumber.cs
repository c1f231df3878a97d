using System.Globalization;
using System.Runtime.CompilerServices;
using csFastFloat;

namespace Hypergrid.Trials.Logs;

/// <summary>
/// Parses the numbers of a batch log from UTF-8 bytes: a plain decimal of at most 19 digits whose value is exact before
/// one multiplication or division by a power of ten up to 1e22 (what a logger writes: "0.1234567", "5E-05", "12") by
/// that one correctly rounded operation (Clinger's fast path, so the result equals double.Parse, bit for bit); any other
/// plain decimal of at most 19 digits (a double's 17, "1e-30") by Eisel-Lemire from the digits already read (no second
/// parse); csFastFloat (the same algorithm, with its slow path) for any other number, .NET's own parser for the words it alone
/// reads ("Infinity", "NaN", which .NET writes for non-finite values), and Python's "inf" and "-inf" (which neither
/// reads): every reader keeps an infinity a program logged.
/// </summary>
public static class FastNumber
{
    /// <summary>The number a cell holds; false when it holds none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> s, out double value) => TryPlain(s, out value) || TryAny(s, out value);

    /// <summary>Any number .NET, csFastFloat or Python writes (the path of every cell the fast path declines).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)] // kept out of the row loop, optimized from its first call
    internal static bool TryAny(ReadOnlySpan<byte> s, out double value) =>
        FastDoubleParser.TryParseDouble(s, out var consumed, out value) && consumed == s.Length
        || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        || Infinity(s, out value);

    // 10^0..10^22: every one an exact double.
    private static ReadOnlySpan<double> Powers =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// [-]digits[.digits][(e|E)[+|-]digits] with at most 19 digits after the leading zeros and at most 3 exponent digits:
    /// when the mantissa is at most 2^53 and the decimal exponent within ±22, the mantissa and the power are exact doubles,
    /// so one IEEE multiplication or division rounds correctly (Clinger); any other such number by Eisel-Lemire
    /// (<see cref="EiselLemire"/>). False (value 0) for anything else, which <see cref="TryAny"/> then reads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the aggregation's row loop, which is compiled optimized at once
    internal static bool TryPlain(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        var i = 0;
        var negative = s.Length > 0 && s[0] == '-';
        if (negative) i++;
        ulong mantissa = 0;
        var significant = 0; // digits from the first non-zero one: more than 19 may have wrapped the mantissa
        var first = i;
        for (uint d; i < s.Length && (d = (uint)(s[i] - '0')) <= 9; i++)
        {
            mantissa = mantissa * 10 + d;
            if ((significant | (int)d) != 0) significant++; // from the first non-zero digit on, every digit (a wrapped mantissa may be 0)
        }
        if (i == first) return false;
        var exponent = 0;
        if (i < s.Length && s[i] == '.')
        {
            var fraction = ++i;
            for (uint d; i < s.Length && (d = (uint)(s[i] - '0')) <= 9; i++)
            {
                mantissa = mantissa * 10 + d;
                if ((significant | (int)d) != 0) significant++;
            }
            if (i == fraction) return false;
            exponent = fraction - i;
        }
        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            var down = ++i < s.Length && s[i] == '-';
            if (i < s.Length && s[i] is (byte)'-' or (byte)'+') i++;
            var from = i;
            var e = 0;
            while (i < s.Length && i - from < 3 && (uint)(s[i] - '0') <= 9) e = e * 10 + (s[i++] - '0');
            if (i == from) return false;
            exponent += down ? -e : e;
        }
        if (i != s.Length || significant > 19) return false;
        // Any other mantissa or exponent (a double's 17 digits, 1e-30): Eisel-Lemire, from the digits already read.
        if (mantissa > 1UL << 53 || exponent is < -22 or > 22) return EiselLemire.TryCompute(exponent, mantissa, negative, out value);
        var magnitude = exponent < 0 ? mantissa / Powers[-exponent] : mantissa * Powers[exponent];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    private static bool Infinity(ReadOnlySpan<byte> s, out double value)
    {
        var sign = s.Length > 0 && s[0] is (byte)'-' or (byte)'+' ? s[0] : (byte)'+';
        var word = s.Length > 0 && s[0] is (byte)'-' or (byte)'+' ? s[1..] : s;
        var inf = System.Text.Ascii.EqualsIgnoreCase(word, "inf"u8) || System.Text.Ascii.EqualsIgnoreCase(word, "infinity"u8);
        value = !inf ? 0 : sign == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        return inf;
    }
}
