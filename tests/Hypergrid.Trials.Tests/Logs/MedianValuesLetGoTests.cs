using System.Globalization;
using System.Text;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

/// <summary>
/// A log read whole lets each group's median values go once the group is reduced, for the next group to fill: a big log
/// needs the room of one group's values, not of all of them (90 MB for 1,000,000 rows of seven median columns). A group
/// that recurs after letting go is not reduced over part of its rows: the log is read again, every group keeping its values.
/// </summary>
public sealed class MedianValuesLetGoTests
{
    // rows per group; seven median columns (grad_norm, error_*, iter_*), as a DEQ trial logs them.
    private static byte[] Log(int epochs, int rows, Func<int, double>? value = null, string? tail = null)
    {
        var text = new StringBuilder(BatchLogSchema.Header).Append('\n');
        var i = 0;
        for (var e = 1; e <= epochs; e++)
            foreach (var phase in new[] { "train", "val" })
                for (var b = 0; b < rows; b++, i++)
                {
                    var v = (value ?? (k => k * 0.37 % 11))(i);
                    text.Append(CultureInfo.InvariantCulture, $"{e},{phase},{b},{i},{v},{v},0.1,3,{v},{v * 2},{v * 3},{v * 4},{i % 5},{i % 7},{i % 11}\n");
                }
        return Encoding.UTF8.GetBytes(text.Append(tail).ToString());
    }

    [Theory]
    [InlineData(100, 500)] [InlineData(400, 100)]
    public void A_log_read_whole_allocates_far_less_than_its_median_values(int epochs, int rows)
    {
        var log = Log(epochs, rows);
        var medianBytes = 7L * 8 * epochs * 2 * rows;
        EpochAggregator.FromStream(new MemoryStream(log), 1 << 22, cores: 1); // compiled and warmed first
        var before = GC.GetAllocatedBytesForCurrentThread();
        EpochAggregator.FromStream(new MemoryStream(log), 1 << 22, cores: 1);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // Kept, the values alone would be medianBytes (5.6 MB here); let go, one group's room plus the groups' small arrays.
        Assert.InRange(allocated, 0, medianBytes / 4);
    }

    [Theory]
    [InlineData("1,train,0,0,100,100,0.1,3,100,100,100,100,100,100,100\n")]   // the first group, long closed, comes back at the end
    [InlineData("7,val,0,0,-5,-5,0.1,3,-5,-5,-5,-5,-5,-5,-5\n5,train,9,0,1e9,1e9,0.1,3,1e9,1e9,1e9,1e9,1e9,1e9,1e9\n")] // two groups
    public void A_group_that_recurs_after_letting_go_reduces_over_all_its_rows(string tail)
    {
        var log = Log(12, 41, k => k % 17 * 0.25, tail);
        var kept = EpochAggregator.Aggregate(log, out _)!.ToTable().ToCsv(); // a growing log's aggregator keeps every value
        Assert.Equal(kept, EpochAggregator.FromBytes(log)!.ToCsv());
        Assert.Equal(kept, EpochAggregator.FromStream(new MemoryStream(log))!.ToCsv());
        Assert.Equal(kept, EpochAggregator.FromStream(new MemoryStream(log), 4096, cores: 2)!.ToCsv());
        Assert.Equal(kept, InRanges(log, cores: 2));
        // The recurring row moved the median: it was not reduced over its later rows alone, nor over its first ones alone.
        var first = EpochAggregator.FromBytes(Log(12, 41, k => k % 17 * 0.25))!;
        Assert.NotEqual(first.ToCsv(), kept);
    }

    [Theory]
    [InlineData(2)] [InlineData(3)]
    public void A_log_file_read_in_ranges_lets_go_and_gives_the_epoch_log_of_one_pass(int cores)
    {
        var log = Log(60, 37);
        Assert.Equal(EpochAggregator.Aggregate(log, out _)!.ToTable().ToCsv(), InRanges(log, cores));
    }

    // The log as a file, cut into ranges of at least two blocks of 4 KB, one core each.
    private static string InRanges(byte[] log, int cores)
    {
        Assert.True(log.Length > cores * 2 * 4096);
        var path = Path.Combine(Path.GetTempPath(), $"hypergrid-letgo-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, log);
        try
        {
            using var file = File.OpenRead(path);
            return EpochAggregator.FromStream(file, 4096, cores)!.ToCsv();
        }
        finally { File.Delete(path); }
    }
}
