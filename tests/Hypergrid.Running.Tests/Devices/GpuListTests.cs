using Hypergrid.Config;
using Hypergrid.Running.Devices;

namespace Hypergrid.Running.Tests.Devices;

public class GpuListTests
{
    private static GpuProbe.Found None() => new([], "nvidia-smi -L, /proc/driver/nvidia/gpus and /dev/nvidia* list none");

    private static GpuProbe.Found Never() => throw new InvalidOperationException("the machine is asked only for 'all'");

    [Theory]
    [InlineData("0,1,2,3", new[] { "0", "1", "2", "3" })]
    [InlineData(" 2, 5 ", new[] { "2", "5" })]
    [InlineData("GPU-8932f937-d72c-4106-c12f-20bd9faed9f6", new[] { "GPU-8932f937-d72c-4106-c12f-20bd9faed9f6" })]
    [InlineData("7", new[] { "7" })]
    public void A_list_names_its_devices_in_order_without_asking_the_machine(string text, string[] ids) =>
        Assert.Equal(ids, GpuList.Parse(text, Never));

    [Fact]
    public void All_is_what_the_machine_has() =>
        Assert.Equal(["0", "1"], GpuList.Parse("all", () => new(["0", "1"], "nvidia-smi -L")));

    [Fact]
    public void All_on_a_machine_without_gpus_is_an_error_that_says_where_it_looked_and_what_to_do()
    {
        var e = Assert.Throws<UsageException>(() => GpuList.Parse("all", None));
        Assert.Contains("found no GPU", e.Message);
        Assert.Contains("/dev/nvidia*", e.Message);
        Assert.Contains("run without --gpus", e.Message);
    }

    [Theory]
    [InlineData("0,,1", "empty entry")]
    [InlineData("", "empty entry")]
    [InlineData("0,1,0", "names device 0 twice")]
    [InlineData("0;1", "is not a device id")]
    [InlineData("$(reboot)", "is not a device id")]
    public void A_list_that_is_not_one_is_an_error_with_its_fix(string text, string why) =>
        Assert.Contains(why, Assert.Throws<UsageException>(() => GpuList.Parse(text, Never)).Message);

    [Fact]
    public void Per_gpu_defaults_to_one_and_needs_gpus_and_a_positive_count()
    {
        Assert.Equal(1, GpuList.PerGpu(null, haveGpus: true));
        Assert.Equal(3, GpuList.PerGpu(3, haveGpus: true));
        Assert.Contains("needs --gpus", Assert.Throws<UsageException>(() => GpuList.PerGpu(2, haveGpus: false)).Message);
        Assert.Contains("write 1 to 64", Assert.Throws<UsageException>(() => GpuList.PerGpu(0, haveGpus: true)).Message);
    }
}
