using Hypergrid.Running.Devices;

namespace Hypergrid.Running.Tests.Devices;

public class DevicePackingTests
{
    [Fact]
    public void A_trial_goes_to_the_gpu_with_the_most_free_slots_so_trials_spread_before_they_share()
    {
        Assert.Equal([2], DevicePacking.Choose([1, 1, 2, 1], need: 1, home: 0));
        Assert.Equal([0], DevicePacking.Choose([2, 0, 1], need: 1, home: 1));
    }

    [Fact]
    public void Among_equally_free_gpus_a_worker_takes_its_own_then_the_ones_after_it()
    {
        Assert.Equal([1], DevicePacking.Choose([2, 2, 2], need: 1, home: 1));
        Assert.Equal([2], DevicePacking.Choose([2, 1, 2], need: 1, home: 1)); // its own is busier: the next as free after it
        Assert.Equal([0], DevicePacking.Choose([2, 1, 1], need: 1, home: 2)); // after the last comes the first
        Assert.Equal([1, 2], DevicePacking.Choose([1, 1, 1, 1], need: 2, home: 1));
        Assert.Equal([0, 3], DevicePacking.Choose([1, 1, 1, 1], need: 2, home: 3));
    }

    [Fact]
    public void A_trial_asking_for_several_gpus_gets_distinct_ones_or_waits()
    {
        Assert.Equal([0, 2], DevicePacking.Choose([1, 0, 1], need: 2, home: 0));
        Assert.Null(DevicePacking.Choose([1, 0, 0], need: 2, home: 0));
        Assert.Null(DevicePacking.Choose([0, 0], need: 1, home: 0));
        Assert.Null(DevicePacking.Choose([], need: 1, home: 0));
    }

    [Fact]
    public void A_trial_asking_for_none_gets_none_even_when_every_gpu_is_busy() =>
        Assert.Equal([], DevicePacking.Choose([0, 0], need: 0, home: 0));

    [Theory]
    [InlineData(0, 4, 0)]
    [InlineData(3, 4, 3)]
    [InlineData(5, 4, 1)]
    [InlineData(7, 2, 1)]
    public void Workers_start_one_on_each_gpu_then_round_again(int worker, int devices, int home) =>
        Assert.Equal(home, DevicePacking.Home(worker, devices));
}
