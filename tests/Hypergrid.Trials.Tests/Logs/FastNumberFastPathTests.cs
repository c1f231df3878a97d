using System.Globalization;
using System.Text;
using FsCheck.Xunit;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

/// <summary>
/// The fast path of <see cref="FastNumber"/> (one multiplication or division of an exact mantissa by an exact power of
/// ten, else Eisel-Lemire from the same digits) takes only what it rounds correctly, so every number it reads equals
/// double.Parse to the bit, and it leaves the rest (more than 19 digits, exponents of 4 digits, other shapes) to the
/// general parser. EiselLemireTests try the second half on many more numbers.
/// </summary>
public sealed class FastNumberFastPathTests
{
    private static readonly string[] Formats = ["R", "G17", "G9", "E16", "E3", "F10", "0.##########", "0.000000000000000000000"];

    [Property(MaxTest = 3000)]
    public bool What_the_fast_path_reads_equals_double_parse_in_every_format(double d, int shift)
    {
        if (!double.IsFinite(d)) return true;
        var scaled = d * Math.Pow(10, shift % 40);
        foreach (var value in new[] { d, scaled, (float)scaled })
            foreach (var format in Formats)
            {
                var text = value.ToString(format, CultureInfo.InvariantCulture);
                var expected = BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture));
                if (FastNumber.TryPlain(Encoding.ASCII.GetBytes(text), out var fast) && BitConverter.DoubleToInt64Bits(fast) != expected)
                    throw new Xunit.Sdk.XunitException($"'{text}': the fast path gives {fast:R}, double.Parse {double.Parse(text, CultureInfo.InvariantCulture):R}");
                if (!FastNumber.TryParse(Encoding.ASCII.GetBytes(text), out var any) || BitConverter.DoubleToInt64Bits(any) != expected)
                    throw new Xunit.Sdk.XunitException($"'{text}' parses as {any:R}");
            }
        return true;
    }

    [Theory]
    [InlineData("0.1")] [InlineData("-0")] [InlineData("12")] [InlineData("5E-05")] [InlineData("1e+22")] [InlineData("9007199254740992")]
    [InlineData("0.0000123456789012345")] [InlineData("2.220446049250313E-6")] [InlineData("1.7976931E+10")] [InlineData("-3.5e-7")]
    public void Plain_decimals_take_the_fast_path(string text)
    {
        Assert.True(FastNumber.TryPlain(Encoding.ASCII.GetBytes(text), out var v));
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(v));
    }

    [Theory]
    [InlineData("12345678901234567890")] // more than 19 digits may wrap
    [InlineData("1e-0005")] // an exponent of 4 digits
    [InlineData(".5")] [InlineData("7.")] [InlineData("+1")] [InlineData("1e")] [InlineData("NaN")] [InlineData("-inf")] [InlineData("1.2.3")]
    public void Anything_else_is_left_to_the_general_parser(string text)
    {
        Assert.False(FastNumber.TryPlain(Encoding.ASCII.GetBytes(text), out _));
        var general = FastNumber.TryAny(Encoding.ASCII.GetBytes(text), out var g);
        Assert.Equal(general, FastNumber.TryParse(Encoding.ASCII.GetBytes(text), out var v));
        Assert.Equal(BitConverter.DoubleToInt64Bits(g), BitConverter.DoubleToInt64Bits(v));
    }
}
