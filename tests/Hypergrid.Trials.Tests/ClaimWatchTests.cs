namespace Hypergrid.Trials.Tests;

/// <summary>Liveness from what this process saw and its own monotonic clock: no clock of another node takes part.</summary>
public sealed class ClaimWatchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private TimeSpan now;
    private ClaimWatch Watch() => new(() => now);

    [Fact]
    public void A_claim_seen_once_is_unknown_until_it_changes_or_stands_still_for_the_timeout()
    {
        var watch = Watch();
        Assert.Equal(ClaimWatch.Verdict.Unknown, watch.Observe("a", "beat 1", Timeout));
        now += TimeSpan.FromSeconds(19.9);
        Assert.Equal(ClaimWatch.Verdict.Unknown, watch.Observe("a", "beat 1", Timeout));
        now += TimeSpan.FromSeconds(0.1);
        Assert.Equal(ClaimWatch.Verdict.Dead, watch.Observe("a", "beat 1", Timeout));
    }

    [Fact]
    public void A_claim_seen_to_change_is_alive_and_dead_only_after_standing_still_for_the_timeout_since_its_last_change()
    {
        var watch = Watch();
        watch.Observe("a", "beat 1", Timeout);
        now += TimeSpan.FromSeconds(5);
        Assert.Equal(ClaimWatch.Verdict.Alive, watch.Observe("a", "beat 2", Timeout));
        now += TimeSpan.FromSeconds(19);
        Assert.Equal(ClaimWatch.Verdict.Alive, watch.Observe("a", "beat 2", Timeout));
        now += TimeSpan.FromSeconds(1);
        Assert.Equal(ClaimWatch.Verdict.Dead, watch.Observe("a", "beat 2", Timeout));
        // A holder that was only stalled and renews again is alive again.
        Assert.Equal(ClaimWatch.Verdict.Alive, watch.Observe("a", "beat 3", Timeout));
    }

    [Fact]
    public void Claims_are_watched_apart_and_a_forgotten_one_is_watched_afresh()
    {
        var watch = Watch();
        watch.Observe("a", "x", Timeout);
        now += Timeout;
        Assert.Equal(ClaimWatch.Verdict.Unknown, watch.Observe("b", "x", Timeout));
        Assert.Equal(ClaimWatch.Verdict.Dead, watch.Observe("a", "x", Timeout));
        watch.Forget("a");
        Assert.Equal(ClaimWatch.Verdict.Unknown, watch.Observe("a", "x", Timeout));
        Assert.Null(watch.Unchanged("c"));
    }
}
