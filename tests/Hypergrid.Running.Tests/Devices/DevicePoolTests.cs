using Hypergrid.Running.Devices;

namespace Hypergrid.Running.Tests.Devices;

/// <summary>The pool's lock files with real flock(2): what two workers of one machine can and cannot hold at once.</summary>
public sealed class DevicePoolTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("hypergrid-devices-").FullName;
    private readonly List<string> said = [];

    private DevicePool Pool(int perGpu, params string[] ids) => new(ids, perGpu, folder, said.Add);

    [Fact]
    public void With_one_worker_per_gpu_a_gpu_in_use_is_not_given_again_until_it_is_let_go()
    {
        // Two pools are two workers: their locks are separate open files, as in two processes.
        var a = Pool(1, "0", "1");
        var b = Pool(1, "0", "1");
        using var first = a.TryLease(1, home: 0)!;
        using var second = b.TryLease(1, home: 0)!;
        Assert.Equal(["0"], first.Ids);
        Assert.Equal(["1"], second.Ids);
        Assert.Null(Pool(1, "0", "1").TryLease(1, home: 0));
        first.Dispose();
        Assert.Equal(["0"], Pool(1, "0", "1").TryLease(1, home: 1)!.Ids);
        Assert.Empty(said);
    }

    [Fact]
    public void With_k_per_gpu_each_gpu_takes_k_trials_spread_first()
    {
        var leases = Enumerable.Range(0, 4).Select(_ => Pool(2, "4", "7").TryLease(1, home: 0)).ToList();
        Assert.Equal(["4", "7", "4", "7"], leases.Select(l => l!.Ids.Single()));
        Assert.Null(Pool(2, "4", "7").TryLease(1, home: 0));
        foreach (var l in leases) l!.Dispose();
    }

    [Fact]
    public void A_trial_asking_for_two_gets_two_distinct_gpus_or_waits_while_one_is_full()
    {
        using var one = Pool(1, "0", "1", "2").TryLease(1, home: 1)!;
        using var two = Pool(1, "0", "1", "2").TryLease(2, home: 0)!;
        Assert.Equal(["0", "2"], two.Ids);
        Assert.Null(Pool(1, "0", "1", "2").TryLease(2, home: 0));
        Assert.Null(Pool(1, "0", "1").TryLease(3, home: 0));
    }

    [Fact]
    public void A_trial_asking_for_none_passes_even_when_every_gpu_is_busy()
    {
        using var busy = Pool(1, "0").TryLease(1, home: 0)!;
        Assert.Empty(Pool(1, "0").TryLease(0, home: 0)!.Ids);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
