using Hypergrid.Running.Slurm;

namespace Hypergrid.Running.Tests.Slurm;

public class GresGpusTests
{
    [Theory]
    [InlineData("gpu:2", 2)]
    [InlineData("gpu:a100:4", 4)]
    [InlineData("gpu", 1)]
    [InlineData("nic:1,gpu:3", 3)]
    [InlineData("shard:4", 0)]
    [InlineData("", 0)]
    [InlineData(null, 0)]
    public void The_gpus_a_gres_value_asks_for_per_task(string? gres, int gpus) => Assert.Equal(gpus, GresGpus.Count(gres));
}
