using System.Text;

namespace Hypergrid.Trials.Tests;

/// <summary>
/// A number written into an epoch log's bytes (<see cref="CsvNumber.TryFormat"/>) is the text <see cref="CsvNumber.Format"/>
/// gives, byte for byte: float32 values as floats, others as doubles, non-finite values and -0 as .NET writes them.
/// </summary>
public sealed class CsvNumberTests
{
    [Fact]
    public void Numbers_written_as_bytes_are_the_text_format_gives()
    {
        var rng = new Random(41);
        Span<byte> raw = stackalloc byte[8];
        var values = new List<double> { 0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.Epsilon, -double.MaxValue, float.MaxValue, float.Epsilon, 0.1, 1e-7, 123456789 };
        for (var n = 0; n < 50_000; n++)
        {
            rng.NextBytes(raw);
            values.Add(BitConverter.ToDouble(raw));
            values.Add(BitConverter.ToSingle(raw));
            values.Add(rng.NextDouble() * Math.Pow(10, rng.Next(-30, 30)));
        }
        Span<byte> into = stackalloc byte[32];
        foreach (var v in values)
        {
            Assert.True(CsvNumber.TryFormat(v, into, out var written));
            Assert.Equal(CsvNumber.Format(v), Encoding.UTF8.GetString(into[..written]));
        }
    }
}
