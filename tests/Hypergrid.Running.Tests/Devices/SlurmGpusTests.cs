using System.Collections;
using Hypergrid.Running.Devices;

namespace Hypergrid.Running.Tests.Devices;

public class SlurmGpusTests
{
    private static void Reads(Hashtable env, string[] ids, string? from)
    {
        var found = SlurmGpus.Of(env);
        Assert.Equal(ids, found.Ids);
        Assert.Equal(from, found.From);
    }

    [Fact]
    public void Cuda_visible_devices_wins_as_what_cuda_honours_in_the_task() =>
        Reads(new Hashtable { ["CUDA_VISIBLE_DEVICES"] = "0,1", ["SLURM_JOB_GPUS"] = "4,5" }, ["0", "1"], "CUDA_VISIBLE_DEVICES");

    [Fact]
    public void Without_it_the_step_then_the_job_gpus_are_read()
    {
        Reads(new Hashtable { ["SLURM_STEP_GPUS"] = "2,3", ["SLURM_JOB_GPUS"] = "4" }, ["2", "3"], "SLURM_STEP_GPUS");
        Reads(new Hashtable { ["SLURM_JOB_GPUS"] = "4" }, ["4"], "SLURM_JOB_GPUS");
    }

    [Fact]
    public void NoDevFiles_and_empty_values_name_no_gpu()
    {
        Reads(new Hashtable { ["CUDA_VISIBLE_DEVICES"] = "NoDevFiles", ["SLURM_JOB_GPUS"] = "6" }, ["6"], "SLURM_JOB_GPUS");
        Reads(new Hashtable { ["CUDA_VISIBLE_DEVICES"] = "" }, [], null);
    }

    [Fact]
    public void A_pool_read_from_slurms_own_variables_becomes_the_workers_cuda_visible_devices_so_cuda_i_is_the_pools_ith()
    {
        Assert.Equal("2,3", SlurmGpus.VisibleFor(new Hashtable { ["SLURM_STEP_GPUS"] = "2,3", ["SLURM_JOB_GPUS"] = "4" }));
        Assert.Equal("6", SlurmGpus.VisibleFor(new Hashtable { ["CUDA_VISIBLE_DEVICES"] = "NoDevFiles", ["SLURM_JOB_GPUS"] = "6" }));
    }

    [Fact]
    public void A_pool_cuda_already_names_or_no_pool_at_all_changes_nothing()
    {
        Assert.Null(SlurmGpus.VisibleFor(new Hashtable { ["CUDA_VISIBLE_DEVICES"] = "0,1", ["SLURM_JOB_GPUS"] = "4,5" }));
        Assert.Null(SlurmGpus.VisibleFor(new Hashtable()));
    }
}
