using Hypergrid.Dashboard.Trials;

namespace Hypergrid.Dashboard.Tests.Trials;

public class TrialListIndexClockTests
{
    private static readonly DateTime Before = new(2026, 12, 7, 7, 0, 0, 123, DateTimeKind.Utc);
    private static readonly DateTime After = Before.AddMilliseconds(3);

    [Theory]
    [InlineData(1, true)]      // stamped during the write
    [InlineData(-40, true)]    // a file clock 40 ms behind: within half the racy window
    [InlineData(45, true)]     // 42 ms after the write ended
    [InlineData(-60, false)]   // 60 ms behind: the racy rule would miss a write within its tick
    [InlineData(500, false)]   // ahead by half a second
    [InlineData(-123, false)]  // a file server stamping whole seconds (the write's second, truncated)
    public void The_index_is_kept_only_where_the_file_clock_agrees_with_this_host_and_is_finer_than_a_second(int offsetMs, bool agrees)
    {
        Assert.Equal(agrees, TrialListIndex.ClockAgrees(Before, After, Before.AddMilliseconds(offsetMs)));
    }

    [Fact]
    public void A_whole_second_stamp_is_refused_even_when_it_falls_within_the_write()
    {
        var second = new DateTime(2026, 12, 7, 7, 0, 1, DateTimeKind.Utc);
        Assert.False(TrialListIndex.ClockAgrees(second.AddMilliseconds(-1), second.AddMilliseconds(1), second));
        Assert.True(TrialListIndex.ClockAgrees(second.AddMilliseconds(-1), second.AddMilliseconds(1), second.AddTicks(1)));
    }
}
