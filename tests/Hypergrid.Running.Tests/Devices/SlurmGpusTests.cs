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
}
