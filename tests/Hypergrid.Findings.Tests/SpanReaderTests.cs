using Hypergrid.Findings;

namespace Hypergrid.Findings.Tests;

public class SpanReaderTests
{
    [Fact]
    public void Reads_back_what_a_BinaryWriter_wrote()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(-7); w.Write(long.MaxValue); w.Write(double.NaN); w.Write(true); w.Write(new string('é', 200)); w.Write(false);
        }
        var r = new SpanReader(stream.ToArray());
        Assert.Equal(-7, r.Int32());
        Assert.Equal(long.MaxValue, r.Int64());
        Assert.True(double.IsNaN(r.Double()));
        Assert.Equal(new string('é', 200), r.Optional());
        Assert.Null(r.Optional());
        Assert.True(r.AtEnd);
    }

    [Fact]
    public void A_bool_that_is_neither_0_nor_1_and_a_read_past_the_end_are_errors_a_cache_reader_takes_as_no_cache()
    {
        Assert.Throws<FormatException>(() => new SpanReader([2]).Bool());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpanReader([1, 0]).Int32());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpanReader([5, (byte)'a']).String()); // a length past the end
        Assert.Throws<FormatException>(() => new SpanReader([0xFF, 0xFF, 0xFF, 0xFF, 0x1F]).Utf8());
    }
}
