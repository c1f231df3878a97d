using Hypergrid.Running.Slurm;

namespace Hypergrid.Running.Tests.Slurm;

public class SlurmLimitsTests
{
    [Theory]
    [InlineData("MaxArraySize            = 4\nMaxJobCount             = 10000\n", 4)]
    [InlineData("AccountingStorageType   = accounting_storage/none\nMaxArraySize = 1001\n", 1001)]
    public void MaxArraySize_is_read_from_scontrol_show_config(string config, int size) => Assert.Equal(size, SlurmLimits.ArraySizeFrom(config));

    [Fact]
    public void A_config_without_it_says_nothing() => Assert.Null(SlurmLimits.ArraySizeFrom("MaxJobCount = 10000\n"));

    [Theory]
    [InlineData("\n100|\n\n", 100)]
    [InlineData("50\n20\n", 20)]
    [InlineData("7", 7)]
    public void The_tightest_max_submit_of_the_users_associations_is_the_limit(string sacctmgr, int most) =>
        Assert.Equal(most, SlurmLimits.SubmitJobsFrom(sacctmgr));

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("|\n")]
    public void Associations_without_one_set_no_limit(string sacctmgr) => Assert.Null(SlurmLimits.SubmitJobsFrom(sacctmgr));

    [Fact]
    public void Queued_jobs_count_each_array_task() => Assert.Equal(3, SlurmLimits.QueuedFrom("12_0\n12_1\n13\n"));
}
