using Hypergrid.Running.Devices;

namespace Hypergrid.Running.Tests.Devices;

public class GpuProbeTests
{
    [Fact]
    public void Nvidia_smi_lists_gpus_by_ordinal_and_its_mig_lines_are_not_gpus()
    {
        const string output = """
            GPU 0: NVIDIA A100-SXM4-40GB (UUID: GPU-8932f937-d72c-4106-c12f-20bd9faed9f6)
              MIG 1g.5gb      Device  0: (UUID: MIG-1e3b4f9a-aaaa-bbbb-cccc-123456789abc)
            GPU 1: NVIDIA A100-SXM4-40GB (UUID: GPU-1111f937-d72c-4106-c12f-20bd9faed9f6)
            """;
        Assert.Equal(["0", "1"], GpuProbe.FromNvidiaSmi(output));
        Assert.Empty(GpuProbe.FromNvidiaSmi("No devices were found\n"));
    }

    [Fact]
    public void Device_files_count_gpus_in_numeric_order_and_the_control_files_are_not_gpus() =>
        Assert.Equal(["0", "2", "10"], GpuProbe.FromDeviceFiles(["nvidiactl", "nvidia10", "nvidia-uvm", "nvidia2", "nvidia0", "nvidia-modeset", "nvidia-caps"]));
}
