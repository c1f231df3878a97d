using Hypergrid.Dashboard.Api;
using Hypergrid.Dashboard.Trials;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>The trials by path the series and names endpoints look up: fresh enough to find a new trial, scanned once for many requests.</summary>
public sealed class TrialLookupTests : IDisposable
{
    private readonly LogTree tree = new();

    public void Dispose() => tree.Dispose();

    [Fact]
    public void A_trial_made_just_after_the_last_scan_is_found_not_called_unknown()
    {
        tree.AddComplete("sweep/toy/net/sgd/trial_000", "seed: 0\nbatch_size: 32\n", epochs: 1, batches: 2);
        var lookup = new TrialLookup(new TrialScanner(tree.Log)) { Fresh = TimeSpan.FromHours(1) };
        Assert.NotNull(lookup.Find("sweep/toy/net/sgd/trial_000"));
        tree.AddComplete("sweep/toy/net/sgd/trial_001", "seed: 1\nbatch_size: 64\n", epochs: 1, batches: 2);
        var found = lookup.Find("sweep/toy/net/sgd/trial_001");
        Assert.NotNull(found);
        Assert.Equal(2, lookup.All().Count);
        Assert.Null(lookup.Find("sweep/toy/net/sgd/trial_002"));
    }

    [Fact]
    public async Task Many_requests_that_find_the_last_scan_stale_share_one_new_scan()
    {
        for (var n = 0; n < 40; n++) tree.AddComplete($"sweep/toy/net/sgd/trial_{n:D3}", $"seed: {n}\n", epochs: 1, batches: 2);
        var scanner = new TrialScanner(tree.Log);
        var scans = 0;
        var lookup = new TrialLookup(() => { Interlocked.Increment(ref scans); Thread.Sleep(50); return scanner.ScanWithFingerprint(); }) { Fresh = TimeSpan.FromHours(1) };
        using var start = new ManualResetEventSlim();
        var asks = Enumerable.Range(0, 16).Select(n => Task.Run(() => { start.Wait(); return lookup.Find($"sweep/toy/net/sgd/trial_{n:D3}"); })).ToArray();
        start.Set();
        var found = await Task.WhenAll(asks);
        Assert.All(found, Assert.NotNull);
        Assert.Equal(1, scans);
    }

    [Fact]
    public void Many_paths_the_last_scan_lacks_cost_one_new_scan_not_one_each()
    {
        tree.AddComplete("sweep/toy/net/sgd/trial_000", "seed: 0\n", epochs: 1, batches: 2);
        var scanner = new TrialScanner(tree.Log);
        var scans = 0;
        var lookup = new TrialLookup(() => { scans++; return scanner.ScanWithFingerprint(); }) { Fresh = TimeSpan.FromHours(1) };
        var gone = Enumerable.Range(1, 20).Select(n => $"sweep/toy/net/sgd/trial_{n:D3}").Prepend("sweep/toy/net/sgd/trial_000").ToList();
        var found = lookup.FindAll(gone);
        Assert.Equal(["sweep/toy/net/sgd/trial_000"], found.Select(t => t.Path));
        Assert.Equal(2, scans); // the first look, and one more for the twenty it lacked
    }
}
