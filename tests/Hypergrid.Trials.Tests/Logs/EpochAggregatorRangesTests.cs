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

    // A median column holding -0 and 0 in a group that recurs after another: one pass reduces the group when the other
    // begins (reordering its values), three ranges do not; the median's sign must not depend on that.
    [Fact]
    public void A_zero_median_of_a_recurring_group_is_the_same_in_three_ranges_as_in_one_pass()
    {
        var zeros = new[] { "-0", "0", "1" };
        for (var seed = 0; seed < 60; seed++)
        {
            var rng = new Random(seed);
            var text = new StringBuilder("epoch,mode,batch,loss,grad_norm\n");
            foreach (var (phase, rows) in new[] { ("train", 400), ("val", 300), ("train", 300) })
                for (var b = 0; b < rows; b++) text.Append("1,").Append(phase).Append(',').Append(b).Append(",0.5,").Append(zeros[rng.Next(3)]).Append('\n');
            var log = Encoding.UTF8.GetBytes(text.ToString());
            Assert.Equal(EpochAggregator.Aggregate(log, out _)!.ToTable().ToCsv(), InRanges(log, 1024, 3));
        }
    }

    // One group from the middle of the file to its end: the search for a group start gives up after a few MB (the file is
    // then read by one range) instead of reading ever larger windows and keeping a key of every line it passes.
    [Fact]
    public void Looking_for_a_group_start_in_one_long_group_costs_little_memory()
    {
        var text = new StringBuilder("epoch,mode,batch,loss\n");
        for (var b = 0; b < 300_000; b++) text.Append("1,train,").Append(b).Append(",0.25\n");
        var path = Path.Combine(Path.GetTempPath(), $"hypergrid-ranges-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text.ToString()));
        try
        {
            long Allocated(int cores)
            {
                using var file = File.OpenRead(path);
                var before = GC.GetTotalAllocatedBytes(precise: true);
                Assert.NotNull(EpochAggregator.FromStream(file, 1 << 16, cores));
                return GC.GetTotalAllocatedBytes(precise: true) - before;
            }
            Allocated(2); // the pool's buffers rented once
            var extra = Allocated(2) - Allocated(1);
            Assert.True(extra < 6 << 20, $"the ranged read allocated {extra >> 20} MB more than one pass");
        }
        finally { File.Delete(path); }
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
