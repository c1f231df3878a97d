using System.Globalization;
using System.Text;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

/// <summary>
/// A batch log aggregated as it is read in blocks (<see cref="EpochAggregator.FromStream(Stream)"/>) gives the same
/// table, to the bit, as its bytes aggregated whole on every core: lines and groups cut at block ends, a header longer
/// than a block, a last line without its newline, sums of values of every magnitude (so any change of the order of
/// additions would show).
/// </summary>
public sealed class EpochAggregatorStreamTests
{
    private static byte[] Log(int rows, string header = "epoch,mode,batch,time,loss,acc,lr,grad_norm,\"a,b\"")
    {
        var rng = new Random(3);
        var sb = new StringBuilder(header).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var magnitude = Math.Pow(10, rng.Next(-12, 12));
            sb.Append(CultureInfo.InvariantCulture, $"{i / 300 + 1},{(i % 300 < 250 ? "train" : "val")},{i % 300},{i * 0.01:R},{rng.NextDouble() * magnitude:R},{(float)rng.NextDouble():R},{0.1 / (i + 1):R},{rng.NextDouble() * magnitude:R},{(i % 7 == 0 ? "" : "1.5")}\n");
        }
        return Encoding.UTF8.GetBytes(sb.Append("9999,train,0,1,1").ToString()); // a last line still being written
    }

    [Theory]
    [InlineData(16)] [InlineData(100)] [InlineData(4096)] [InlineData(1 << 20)]
    public void Blocks_of_any_size_give_the_table_of_the_whole_bytes(int block)
    {
        var log = Log(6000); // over 1 MB: the whole bytes are aggregated on every core
        var whole = EpochAggregator.FromBytes(log)!;
        Assert.Equal(whole.ToCsv(), EpochAggregator.FromStream(new MemoryStream(log), block)!.ToCsv());
        Assert.Equal(40, whole.Rows);
        Assert.DoesNotContain(9999L, whole.Epochs);
    }

    [Fact]
    public void A_header_longer_than_a_block_is_read_whole()
    {
        var header = "epoch,mode,batch," + string.Join(',', Enumerable.Range(0, 50).Select(i => $"metric_{i}"));
        var log = Encoding.UTF8.GetBytes(header + "\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i / 10 + 1},train,{i}," + string.Join(',', Enumerable.Range(0, 50).Select(m => (m * 0.5 + i).ToString(CultureInfo.InvariantCulture))) + "\n")));
        var table = EpochAggregator.FromStream(new MemoryStream(log), 16)!;
        Assert.Equal(EpochAggregator.FromBytes(log)!.ToCsv(), table.ToCsv());
        Assert.Equal(4, table.Rows);
        Assert.Equal(51, table.Columns.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("epoch,mode,batch,loss")]
    [InlineData("step,loss\n1,0.5\n")]
    public void A_log_without_a_usable_header_gives_no_table(string text)
    {
        Assert.Null(EpochAggregator.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(text)), 16));
        Assert.Null(EpochAggregator.FromBytes(Encoding.UTF8.GetBytes(text)));
    }
}
