using Hypergrid.Running.Devices;

namespace Hypergrid.Running.Tests.Devices;

public class DeviceEnvironmentTests
{
    [Fact]
    public void A_trial_with_gpus_sees_only_them_and_is_told_cuda_0()
    {
        var env = DeviceEnvironment.For(["3", "1"]);
        Assert.Equal("3,1", env["CUDA_VISIBLE_DEVICES"]);
        Assert.Equal("cuda:0", env["HYPERGRID_DEVICE"]);
    }

    [Fact]
    public void A_trial_asking_for_none_in_a_run_with_gpus_sees_none()
    {
        var env = DeviceEnvironment.For([]);
        Assert.Equal("", env["CUDA_VISIBLE_DEVICES"]);
        Assert.Equal("cpu", env["HYPERGRID_DEVICE"]);
    }

    [Fact]
    public void A_run_without_gpus_leaves_cuda_visible_devices_as_it_was_and_says_cpu()
    {
        var env = DeviceEnvironment.For(null);
        Assert.False(env.ContainsKey("CUDA_VISIBLE_DEVICES"));
        Assert.Equal("cpu", env["HYPERGRID_DEVICE"]);
    }

    [Theory]
    [InlineData("cuda", "cuda:2", new[] { "5" })]
    [InlineData("cuda", "cuda:0", new[] { "1", "5" })]
    [InlineData("cpu", "cpu", new[] { "5" })]
    public void A_builtin_trainers_cuda_is_its_trials_gpu_counted_in_the_workers_pool(string device, string torch, string[] gpus) =>
        Assert.Equal(torch, DeviceEnvironment.Torch(device, ["1", "3", "5"], gpus));

    [Fact]
    public void A_builtin_trainers_cuda_without_a_pool_is_left_as_written()
    {
        Assert.Equal("cuda", DeviceEnvironment.Torch("cuda", null, null));
        Assert.Equal("cuda", DeviceEnvironment.Torch("cuda", ["0"], []));
    }

    [Fact]
    public void Devices_are_named_for_the_status_line()
    {
        Assert.Equal("gpu 2", DeviceEnvironment.Describe(["2"]));
        Assert.Equal("gpus 0,1", DeviceEnvironment.Describe(["0", "1"]));
        Assert.Null(DeviceEnvironment.Describe([]));
        Assert.Null(DeviceEnvironment.Describe(null));
    }
}
