
namespace Hypergrid.Trials.Tests;

// Some tests shorten Claim.Timeout for a moment: never at the same time as TrialRecordTests, which read it.
[Collection("Claim.Timeout")]
public sealed class ClaimHandleTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hypergrid-claim-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private static List<ClaimHandle> Race(string dir, int contenders)
    {
        using var start = new Barrier(contenders);
        var won = new System.Collections.Concurrent.ConcurrentBag<ClaimHandle>();
        var threads = Enumerable.Range(0, contenders).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            if (ClaimHandle.TryAcquire(dir) is { } h) won.Add(h);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return won.ToList();
    }

    [Fact]
    public void Of_many_contenders_for_a_free_trial_exactly_one_gets_it()
    {
        var winners = Race(dir, 16);
        Assert.Single(winners);
        Assert.Null(ClaimHandle.TryAcquire(dir));
        winners[0].Dispose();
        Assert.False(File.Exists(Path.Combine(dir, TrialFiles.Claim)));
    }

    [Fact]
    public void Of_many_contenders_for_a_dead_claim_exactly_one_takes_it_over_with_the_next_epoch()
    {
        File.WriteAllText(Path.Combine(dir, TrialFiles.Claim), $"{{\"host\":\"{Environment.MachineName}\",\"pid\":999999999,\"epoch\":3}}");
        var winners = Race(dir, 16);
        var winner = Assert.Single(winners);
        var claim = Claim.TryRead(dir)!;
        Assert.Equal((Environment.ProcessId, 4), (claim.Pid, claim.Epoch));
        winner.Dispose();
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void A_live_claim_is_never_taken_over()
    {
        File.WriteAllText(Path.Combine(dir, TrialFiles.Claim), $"{{\"host\":\"{Environment.MachineName}\",\"pid\":{Environment.ProcessId}}}");
        Assert.Empty(Race(dir, 8));
    }

    [Theory]
    [InlineData(-3600)]   // stamped an hour ago, as a node an hour ahead sees it
    [InlineData(3600)]    // or an hour ahead
    public void A_rivals_takeover_marker_is_left_alone_until_this_process_has_seen_it_stand_for_the_timeout_whatever_its_file_time(int seconds)
    {
        var timeout = Claim.Timeout;
        Claim.Timeout = TimeSpan.FromMilliseconds(300);
        try
        {
            File.WriteAllText(Path.Combine(dir, TrialFiles.Claim), "{\"host\":\"node-z\",\"pid\":7,\"epoch\":3,\"beat\":12}");
            var marker = Path.Combine(dir, "takeover.3");
            File.WriteAllText(marker, "");
            File.SetLastWriteTimeUtc(marker, DateTime.UtcNow.AddSeconds(seconds));
            Assert.Null(ClaimHandle.TryAcquire(dir));                        // the claim: not known yet
            Thread.Sleep(400);
            Assert.Null(ClaimHandle.TryAcquire(dir));                        // the claim is dead, the marker just seen: a takeover under way
            Assert.True(File.Exists(marker));
            Thread.Sleep(400);
            using var taken = ClaimHandle.TryAcquire(dir);                   // the marker stood for the timeout: its taker died
            Assert.NotNull(taken);
            Assert.Equal((Environment.MachineName, 4), (Claim.TryRead(dir)!.Host, Claim.TryRead(dir)!.Epoch));
        }
        finally
        {
            Claim.Timeout = timeout;
        }
    }

    [Fact]
    public void A_claim_on_another_host_is_taken_over_only_after_this_process_saw_it_unchanged_for_the_timeout_and_never_while_it_is_renewed()
    {
        var timeout = Claim.Timeout;
        Claim.Timeout = TimeSpan.FromMilliseconds(300);
        try
        {
            var path = Path.Combine(dir, TrialFiles.Claim);
            for (var beat = 0; beat < 6; beat++)
            {
                // Renewed every 100 ms, its heartbeat time a day old (the holder's clock is behind): alive.
                File.WriteAllText(path, $"{{\"host\":\"node-z\",\"pid\":7,\"beat\":{beat},\"heartbeat\":\"2026-01-01T00:00:00+00:00\"}}");
                Assert.Null(ClaimHandle.TryAcquire(dir));
                Thread.Sleep(100);
            }
            Thread.Sleep(350);
            using var taken = ClaimHandle.TryAcquire(dir);
            Assert.NotNull(taken);
        }
        finally
        {
            Claim.Timeout = timeout;
        }
    }
}
