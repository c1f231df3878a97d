using Hypergrid.Dashboard.Trials;
using Microsoft.Extensions.DependencyInjection;

namespace Hypergrid.Dashboard.Tests.Api;

/// <summary>
/// The server's change journal starts watching once the first trial list is sent (its walk of every folder is no part
/// of the first answer): until then it is unhealthy and every scan reads the folders; once it watches, the next scan is full
/// again (a change made before the watch covered it is seen), and only then are scans quiet.
/// </summary>
public sealed class DeferredJournalTests : IDisposable
{
    private readonly LogTree tree = new();

    public DeferredJournalTests()
    {
        for (var i = 0; i < 3; i++) tree.AddComplete($"sweep/mnist/mlp/adam/trial_00{i}", $"seed: {i}\n", epochs: 1, batches: 2);
    }

    public void Dispose() => tree.Dispose();

    [Fact]
    public async Task A_deferred_journal_watches_nothing_until_started_and_its_start_moves_the_version()
    {
        using var journal = ChangeJournal.Deferred(tree.Log);
        Assert.False(journal.Healthy);
        Assert.Null(journal.Starting);
        var before = journal.Version;
        journal.Start();
        journal.Start(); // once
        await journal.Starting!;
        Assert.True(journal.Healthy);
        Assert.NotEqual(before, journal.Version);
    }

    [Fact]
    public async Task The_scan_after_the_watch_starts_is_full_and_sees_a_change_made_before_it()
    {
        using var journal = ChangeJournal.Deferred(tree.Log);
        var scanner = new TrialScanner(tree.Log) { Journal = journal };
        Assert.Equal(3, scanner.Scan().Count);
        journal.Start();
        // Made after the first scan, before (or while) the watch begins: no event may ever tell of it.
        tree.AddTrial("sweep/mnist/mlp/adam/trial_003", "seed: 3\n");
        await journal.Starting!;
        Assert.Equal(4, scanner.Scan().Count);
        Assert.Equal(2, scanner.FullScans);
        Assert.Equal(4, scanner.Scan().Count);
        Assert.Equal(2, scanner.FullScans); // now quiet
        Assert.Equal(0, scanner.LastVisited);
    }

    [Fact]
    public async Task The_server_starts_watching_only_after_its_first_trial_list()
    {
        await using var server = await TestServer.StartAsync(tree);
        var journal = server.Services.GetRequiredService<ChangeJournal>();
        Assert.Null(journal.Starting);
        Assert.False(journal.Healthy);
        Assert.Equal(3, (await server.GetJson("/api/trials")).GetProperty("trials").GetArrayLength());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (journal.Starting is null && clock.ElapsedMilliseconds < 2000) await Task.Delay(10); // once the answer is sent
        await journal.Starting!;
        Assert.True(journal.Healthy);
    }
}
