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
        var log = Log(6000); // about 580 KB: under the 1 MB below which a block is aggregated on one core (the parallel path is tested below)
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

    // Values whose sums depend on the order of the additions: (1e16 + 1) + 1 is 1e16, while 1e16 + (1 + 1) is 1e16 + 2.
    private static readonly double[] Touchy = [1e16, -1e16, 1, 3, 0.5, 1e-3];

    /// <summary>
    /// A log over 4 MB whose (epoch, phase) keys recur non-contiguously: each epoch validates mid-way (train, val, train, val),
    /// rows of ~30 bytes.
    /// </summary>
    private static byte[] ValidatingMidEpoch(int epochs)
    {
        var rng = new Random(5);
        var sb = new StringBuilder("epoch,mode,batch,loss,acc,grad_norm\n");
        var row = 0;
        for (var e = 1; e <= epochs; e++)
            foreach (var (phase, n) in new[] { ("train", 700), ("val", 90), ("train", 700), ("val", 90) })
                for (var b = 0; b < n; b++, row++)
                    sb.Append(CultureInfo.InvariantCulture, $"{e},{phase},{b},{Touchy[rng.Next(Touchy.Length)]:R},{Touchy[rng.Next(Touchy.Length)]:R},{row % 11}\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>A log over 4 MB written by a trial resumed from epoch 3: epochs 3 to 12 appear twice, megabytes apart.</summary>
    private static byte[] Resumed()
    {
        var rng = new Random(7);
        var sb = new StringBuilder("epoch,mode,batch,loss,acc,grad_norm\n");
        foreach (var (first, last) in new[] { (1, 12), (3, 12) })
            for (var e = first; e <= last; e++)
                foreach (var (phase, n) in new[] { ("train", 7000), ("val", 900) })
                    for (var b = 0; b < n; b++)
                        sb.Append(CultureInfo.InvariantCulture, $"{e},{phase},{b},{Touchy[rng.Next(Touchy.Length)]:R},{Touchy[rng.Next(Touchy.Length)]:R},{b % 13}\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    // The plain sequential aggregation: every row added in file order on one thread.
    private static EpochTable Sequential(byte[] log)
    {
        var headerEnd = Array.IndexOf(log, (byte)'\n') + 1;
        var one = EpochAggregator.ForHeader(Encoding.UTF8.GetString(log, 0, headerEnd - 1))!;
        one.Add(log.AsSpan(headerEnd));
        return one.ToTable();
    }

    private static void AssertBitIdentical(EpochTable expected, EpochTable actual)
    {
        Assert.Equal(expected.Columns, actual.Columns);
        Assert.Equal(expected.Epochs, actual.Epochs);
        Assert.Equal(expected.Phases, actual.Phases);
        for (var r = 0; r < expected.Rows; r++)
            Assert.Equal(expected.Values[r].Select(BitConverter.DoubleToInt64Bits), actual.Values[r].Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [InlineData(3 << 19, 2)] [InlineData(3 << 19, 5)] [InlineData(4 << 20, 2)] [InlineData(4 << 20, 8)] [InlineData(16 << 20, 3)]
    public void Keys_recurring_within_an_epoch_give_the_sums_of_one_sequential_pass_for_any_block_and_core_count(int block, int cores)
    {
        var log = ValidatingMidEpoch(100);
        Assert.True(log.Length > 4 << 20, $"{log.Length} bytes: the log must span blocks of the default 4 MB");
        var expected = Sequential(log);
        Assert.Equal(200, expected.Rows); // train and val of each epoch, each one row however often it recurs
        Assert.Contains(expected.Values, v => v[0] != Math.Round(v[0])); // order-sensitive sums: not all whole numbers
        AssertBitIdentical(expected, EpochAggregator.FromStream(new MemoryStream(log), block, cores)!);
        AssertBitIdentical(expected, EpochAggregator.Aggregate(log, out _, block, cores)!.ToTable());
        AssertBitIdentical(expected, EpochAggregator.FromBytes(log)!);
    }

    [Theory]
    [InlineData(3 << 19, 2)] [InlineData(4 << 20, 4)] [InlineData(16 << 20, 2)] [InlineData(16 << 20, 7)]
    public void Keys_recurring_megabytes_later_give_the_sums_of_one_sequential_pass_for_any_block_and_core_count(int block, int cores)
    {
        var log = Resumed();
        Assert.True(log.Length > 4 << 20, $"{log.Length} bytes: the log must span blocks of the default 4 MB");
        var expected = Sequential(log);
        Assert.Equal(24, expected.Rows);
        Assert.Equal(2 * 7000, expected.Get(4, EpochTable.BatchesColumn)); // epoch 3's train rows from both runs
        AssertBitIdentical(expected, EpochAggregator.FromStream(new MemoryStream(log), block, cores)!);
        AssertBitIdentical(expected, EpochAggregator.Aggregate(log, out _, block, cores)!.ToTable());
        AssertBitIdentical(expected, EpochAggregator.FromBytes(log)!);
    }
}
