
namespace Hypergrid.Trials.Tests;

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
}
