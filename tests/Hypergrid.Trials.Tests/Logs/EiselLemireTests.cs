using System.Globalization;
using System.Numerics;
using System.Text;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

/// <summary>
/// A plain decimal of up to 19 digits outside Clinger's range (a mantissa over 2^53 or an exponent beyond ±22) is read
/// by Eisel-Lemire from the digits the fast path already took, and equals double.Parse to the bit: 17-digit doubles,
/// 19-digit ones, subnormals, the largest double and what rounds past it, zero and underflow with their sign, and numbers
/// exactly halfway between two doubles (ties to even).
/// </summary>
public sealed class EiselLemireTests
{
    [Theory]
    [InlineData("9007199254740993")] [InlineData("9007199254740995")] [InlineData("-9007199254740997")] // halfway above 2^53
    [InlineData("0.30000000000000004")] [InlineData("7.716041207313538E-05")] [InlineData("0.0006575189232826233")]
    [InlineData("1e23")] [InlineData("1.5e-23")] [InlineData("8.988465674311579E+307")] [InlineData("9223372036854775807")]
    [InlineData("4.9406564584124654E-324")] [InlineData("2.4703282292062328E-324")] [InlineData("2.4703282292062327E-324")] // the smallest subnormal and half of it, either side
    [InlineData("2.2250738585072011E-308")] [InlineData("2.2250738585072014E-308")] [InlineData("-2.225073858507201E-308")] // the largest subnormal, the smallest normal
    [InlineData("1.7976931348623157E+308")] [InlineData("1.7976931348623158E+308")] [InlineData("1.7976931348623159E+308")] // the largest double; what rounds past it is infinite
    [InlineData("1e-400")] [InlineData("-1e-400")] [InlineData("0e500")] [InlineData("-0.0e-30")] [InlineData("1e400")] [InlineData("-9e999")]
    public void Edge_numbers_read_as_double_parse_reads_them(string text)
    {
        Assert.True(FastNumber.TryPlain(Encoding.ASCII.GetBytes(text), out var v), text);
        Assert.Equal(Bits(text), BitConverter.DoubleToInt64Bits(v));
    }

    // Twenty digits whose running mantissa wraps to exactly 0 (mod 2^64) at the last: more than 19 digits, so not the
    // fast path's, whatever the exponent; a reader that counted digits only while the mantissa was not 0 read them as 0.
    [Theory]
    [InlineData("1.8446744073709551616")] [InlineData("18446744073709551616")] [InlineData("0.92233720368547758080")]
    [InlineData("184467440737095516160000")] [InlineData("-5.5340232221128654848")] [InlineData("3.6893488147419103232e-5")]
    [InlineData("3.6893488147419103232e-30")] [InlineData("1.8446744073709551616e+19")]
    public void Twenty_digits_that_wrap_the_mantissa_to_zero_are_read_by_the_general_parser(string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        Assert.False(FastNumber.TryPlain(bytes, out _), text);
        Assert.True(FastNumber.TryParse(bytes, out var v), text);
        Assert.Equal(Bits(text), BitConverter.DoubleToInt64Bits(v));
    }

    [Fact]
    public void Random_doubles_of_every_magnitude_read_back_to_their_bits_in_every_format()
    {
        var rng = new Random(31);
        Span<byte> raw = stackalloc byte[8];
        for (var n = 0; n < 100_000; n++)
        {
            rng.NextBytes(raw);
            var d = BitConverter.ToDouble(raw);
            if (!double.IsFinite(d)) continue;
            if (n % 4 == 0) d = BitConverter.Int64BitsToDouble(rng.NextInt64(1, 1L << 52)); // subnormals
            foreach (var format in new[] { "R", "E16", "E18", "G17", "G19" }) Same(d.ToString(format, CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Random_nineteen_digit_mantissas_at_every_exponent_read_as_double_parse_reads_them()
    {
        var rng = new Random(32);
        for (var n = 0; n < 100_000; n++)
        {
            var digits = rng.Next(1, 20);
            var w = (ulong)rng.NextInt64(1, long.MaxValue) % (ulong)Math.Pow(10, Math.Min(digits, 18)) * (digits == 19 ? 10UL : 1) + (ulong)rng.Next(10);
            var e = rng.Next(-360, 330);
            Same($"{w}e{e}");
            var text = w.ToString(CultureInfo.InvariantCulture);
            if (text.Length > 1) Same($"{text[..1]}.{text[1..]}E{e}"); // the same digits with a decimal point
        }
    }

    [Fact]
    public void Numbers_exactly_halfway_between_two_doubles_round_to_the_even_one()
    {
        // Above 2^53 a double's neighbours differ by 2 or more, so the midpoint of two is an integer of up to 19 digits.
        var rng = new Random(33);
        for (var n = 0; n < 20_000; n++)
        {
            var d = (double)rng.NextInt64(1L << 53, long.MaxValue / 2);
            var mid = (new BigInteger(d) + new BigInteger(Math.BitIncrement(d))) / 2;
            var text = mid.ToString(CultureInfo.InvariantCulture);
            Same(text);
            if (text.Length < 19) Same($"{text}0e-1"); // one digit more, still at most 19
            Same($"{text[..5]}.{text[5..]}e{text.Length - 5}");
        }
    }

    // Every text here is a plain decimal of at most 19 digits: the fast path must take it, not leave it to the general parser.
    private static void Same(string text)
    {
        Assert.True(FastNumber.TryPlain(Encoding.ASCII.GetBytes(text), out var v), text);
        if (BitConverter.DoubleToInt64Bits(v) != Bits(text))
            throw new Xunit.Sdk.XunitException($"'{text}' reads as {v:R}, double.Parse as {double.Parse(text, CultureInfo.InvariantCulture):R}");
    }

    private static long Bits(string text) => BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture));
}
