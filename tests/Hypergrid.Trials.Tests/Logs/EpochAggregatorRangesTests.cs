using System.Text;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Trials.Tests.Logs;

/// <summary>
/// A log file cut into one range per core gives the epoch log of one pass when its groups are longer than the first window
/// looked at for a group's start (one group of the whole file: one range does it all), and a file without epoch and mode
/// is no epoch log however it is read.
/// </summary>
public sealed class EpochAggregatorRangesTests
{
    [Theory]
    [InlineData(1)]     // one group: no group starts after the middle
    [InlineData(3)]     // three groups of about 1 MB: the middle one's start is past the first windows
    public void A_file_whose_groups_are_longer_than_a_window_gives_the_epoch_log_of_one_pass(int groups)
    {
        var text = new StringBuilder("epoch,mode,batch,loss,grad_norm\n");
        for (var g = 0; g < groups; g++)
            for (var b = 0; b < 90_000 / groups; b++) text.Append(g + 1).Append(",train,").Append(b).Append(',').Append(b % 89 * 0.5).Append(',').Append(b % 7).Append('\n');
        var log = Encoding.UTF8.GetBytes(text.ToString());
        Assert.Equal(EpochAggregator.Aggregate(log, out _)!.ToTable().ToCsv(), InRanges(log, 4096, 2));
    }

    [Fact]
    public void A_file_without_epoch_and_mode_is_no_epoch_log_in_ranges_either()
    {
        var log = Encoding.UTF8.GetBytes("step,loss\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i},0.5\n")));
        var path = Path.Combine(Path.GetTempPath(), $"hypergrid-ranges-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, log);
        try
        {
            using var file = File.OpenRead(path);
            Assert.Null(EpochAggregator.FromStream(file, 4096, 2));
        }
        finally { File.Delete(path); }
    }

    private static string InRanges(byte[] log, int block, int cores)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hypergrid-ranges-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, log);
        try
        {
            using var file = File.OpenRead(path);
            return EpochAggregator.FromStream(file, block, cores)!.ToCsv();
        }
        finally { File.Delete(path); }
    }
}
