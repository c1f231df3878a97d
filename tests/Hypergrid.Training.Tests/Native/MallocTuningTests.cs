using Hypergrid.Training.Native;
using static TorchSharp.torch;

namespace Hypergrid.Training.Tests.Native;

/// <summary>
/// The allocator keeps freed tensor memory: a batch-sized tensor freed and allocated again faults no new pages, where
/// glibc's initial thresholds fault every page of it in again, each time. The tuning is on by default and recorded.
/// </summary>
public class MallocTuningTests
{
    static MallocTuningTests() => LibTorchLoader.EnsureLoaded();

    private static long FaultsOfRepeatedAllocations(bool tuned)
    {
        Assert.True(MallocTuning.Set(tuned));
        // glibc settles within a few allocations of a size (measured: about ten); a training loop makes thousands.
        for (var i = 0; i < 12; i++)
            using (var warm = empty(4 << 20)) warm.fill_(HeldScalars.One);
        var before = MallocTuning.MinorFaults();
        for (var i = 0; i < 20; i++)
        {
            using var t = empty(4 << 20); // 16 MiB: a CNN's activations of a batch are of this size
            t.fill_(HeldScalars.One);
        }
        return MallocTuning.MinorFaults() - before;
    }

    [Fact]
    public void A_tensor_freed_and_allocated_again_reuses_its_pages_with_the_tuning_and_faults_them_in_again_without()
    {
        try
        {
            var untuned = FaultsOfRepeatedAllocations(tuned: false);
            var tuned = FaultsOfRepeatedAllocations(tuned: true);
            Assert.True(untuned > 20 * 2000, $"glibc's thresholds: {untuned} minor faults for 20 allocations of 16 MiB");
            Assert.True(tuned < untuned / 20, $"tuned: {tuned} minor faults, untuned: {untuned}");
        }
        finally
        {
            MallocTuning.ApplyFromEnvironment();
        }
    }

    [Fact]
    public void The_tuning_is_applied_when_libtorch_loads_unless_switched_off()
    {
        Assert.Equal(Environment.GetEnvironmentVariable("HYPERGRID_MALLOC_TUNING") == "0"
            ? "glibc defaults (HYPERGRID_MALLOC_TUNING=0)" : "mmap_threshold=32MiB trim_threshold=2GiB", MallocTuning.Outcome);
    }
}
