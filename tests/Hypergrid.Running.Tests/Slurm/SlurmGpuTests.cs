using System.Globalization;
using Hypergrid.Tests;
using Hypergrid.Running.Slurm;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests.Slurm;

/// <summary>
/// GPUs and the cluster's limits on the real Slurm of scripts/slurm-local: four GPU-like generic resources and
/// MaxArraySize=4, with python3 programs that record the devices they were given.
/// </summary>
public sealed class SlurmGpuTests : IClassFixture<LocalSlurm>, IDisposable
{
    public SlurmGpuTests(LocalSlurm slurm)
    {
        GC.KeepAlive(slurm);
        // A cluster that answers may have been started by an older scripts/slurm-local, without these settings.
        var config = Hypergrid.Running.SlurmCommands.RunAsync("scontrol", ["show", "config"]).GetAwaiter().GetResult();
        var node = Hypergrid.Running.SlurmCommands.RunAsync("scontrol", ["show", "node", "localhost"]).GetAwaiter().GetResult();
        if (SlurmLimits.ArraySizeFrom(config) != 4 || !node.Contains("gpu:4"))
            throw new InvalidOperationException("the Slurm that answers lacks MaxArraySize=4 and Gres=gpu:4 (an older scripts/slurm-local started it): scripts/slurm-local stop, then start");
    }

    public void Dispose() => LocalSlurm.CancelJobs();

    private const string Leaf = "sweep/clusters/softmax/sgd";

    // Each attempt appends "<start> <end> <trial> <CUDA_VISIBLE_DEVICES> <HYPERGRID_DEVICE> <SLURM_JOB_ID>" to timeline.txt.
    private const string Program = """
        import os, sys, time
        start = time.time()
        time.sleep(float(sys.argv[2]))
        with open(os.environ['HYPERGRID_BATCH_LOG'], 'a') as log: log.write('epoch,mode,batch,loss\n1,train,0,0.5\n1,val,0,0.4\n')
        with open('timeline.txt', 'a') as f:
            f.write(f"{start:.3f} {time.time():.3f} {sys.argv[1]} {os.environ.get('CUDA_VISIBLE_DEVICES', '-')} "
                    f"{os.environ['HYPERGRID_DEVICE']} {os.environ.get('SLURM_JOB_ID', '-')}\n")
        """;

    private static Study Example(string lrs, double seconds) => new Study().WriteFile("prog.py", Program)
        .Write("", $"command: python3 prog.py {{lr}} {seconds.ToString(CultureInfo.InvariantCulture)}\nseed: 0\nslurm: {{cpus_per_task: 1}}\n")
        .Write(Leaf, $"lr: [{lrs}]\n");

    private sealed record Span(double Start, double End, string Trial, string[] Gpus, string Device, string Job);

    private static List<Span> Timeline(Study study) => File.ReadAllLines(Path.Combine(study.Root, "timeline.txt")).Select(l => l.Split(' '))
        .Select(p => new Span(double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture), p[2], p[3].Split(','), p[4], p[5])).ToList();

    [Theory]
    [InlineData("--gres", "gpu:2", "#SBATCH --gres=gpu:2")]
    [InlineData("--gpus-per-task", "2", "#SBATCH --gpus-per-task=2")]
    public void A_tasks_workers_split_the_gpus_Slurm_gave_it_k_on_each_and_tasks_never_share_one(string flag, string value, string directive)
    {
        using var study = Example("1, 2, 3, 4, 5, 6", 1.5);
        var (code, output) = study.Run("sweep", "--launcher", "slurm", "--tasks", "2", flag, value, "--per-gpu", "2", "--wait");
        Assert.True(code == 0, output);
        Assert.Contains("6 trained", output);
        Assert.Contains("and 2 GPU(s)", output);
        var spans = Timeline(study);
        Assert.Equal(6, spans.Count);
        Assert.All(spans, s => Assert.Equal("cuda:0", s.Device));
        Assert.All(spans, s => Assert.Contains(Assert.Single(s.Gpus), new[] { "0", "1", "2", "3" }));
        // Slurm gave each task two of the four: a GPU is only ever used by one task.
        Assert.All(spans.GroupBy(s => s.Gpus[0]), g => Assert.Single(g.Select(s => s.Job).Distinct()));
        // Never more than K = 2 trials on one GPU at a time, and a task's workers used both of its GPUs at once.
        foreach (var s in spans)
            Assert.True(spans.Count(o => o.Start <= s.Start && o.End > s.Start && o.Gpus[0] == s.Gpus[0]) <= 2, $"more than 2 trials on gpu {s.Gpus[0]}");
        Assert.Contains(spans, s => spans.Any(o => o.Job == s.Job && o.Gpus[0] != s.Gpus[0] && o.Start < s.End && o.End > s.Start));
        var script = File.ReadAllText(Directory.GetFiles(Path.Combine(study.Root, "out", "slurm"), "job.sh", SearchOption.AllDirectories).Single());
        Assert.Contains(directive, script);
        Assert.Contains("'--gpus' 'slurm' '--per-gpu' '2'", script);
        for (var n = 0; n < 6; n++)
            Assert.Equal(spans.Single(s => s.Trial == (n + 1).ToString(CultureInfo.InvariantCulture)).Gpus, RunRecord.TryRead(study.Trial(Leaf, n))!.Gpus);
    }

    [Fact]
    public void More_tasks_than_MaxArraySize_are_split_into_arrays_and_a_throttle_limits_them_all_at_once()
    {
        using var study = Example("1, 2, 3", 0.5);
        var (code, output) = study.Run("sweep", "--launcher", "slurm", "--tasks", "6", "--throttle", "1", "--wait");
        Assert.True(code == 0, output);
        Assert.Contains("3 trained", output);
        Assert.Contains("the cluster's limits: MaxArraySize 4, no accounting (sacctmgr does not answer): no MaxSubmitJobs known", output);
        Assert.Matches(@"submitted Slurm job \d+: 4 task\(s\)", output);
        var dir = Directory.GetDirectories(Path.Combine(study.Root, "out", "slurm")).Single();
        // The throttle of 1 allows one array of one task at a time: the second array (2 tasks) is held, said and noted.
        Assert.Contains("#SBATCH --array=0-3%1", File.ReadAllText(Path.Combine(dir, "job.sh")));
        Assert.Contains("2 of 6 task(s) held", output);
        Assert.Contains("2 Slurm task(s) of submission", study.Run("status").Output);
        // One task at a time: no two programs ever overlapped.
        var spans = Timeline(study).OrderBy(s => s.Start).ToList();
        Assert.All(spans.Zip(spans.Skip(1)), p => Assert.True(p.First.End <= p.Second.Start, "two tasks ran at once under --throttle 1"));
    }

    [Fact]
    public void Without_a_throttle_an_array_larger_than_MaxArraySize_becomes_two_that_both_run_and_a_later_run_clears_what_was_held()
    {
        using var study = Example("1, 2", 0.2);
        var (code, output) = study.Run("sweep", "--launcher", "slurm", "--tasks", "6", "--wait");
        Assert.True(code == 0, output);
        Assert.Matches(@"submitted Slurm job \d+: 4 task\(s\)", output);
        Assert.Matches(@"submitted Slurm job \d+: 2 task\(s\)", output);
        var dir = Directory.GetDirectories(Path.Combine(study.Root, "out", "slurm")).Single();
        Assert.Contains("#SBATCH --array=0-1\n", File.ReadAllText(Path.Combine(dir, "job+4.sh")));
        Assert.Contains("task_%a+4.out", File.ReadAllText(Path.Combine(dir, "job+4.sh")));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(dir, "jobs.txt")).Length);
        // Every task of both arrays ran its worker and wrote its own output file.
        Assert.Equal(["task_0+4.out", "task_0.out", "task_1+4.out", "task_1.out", "task_2.out", "task_3.out"],
            Directory.GetFiles(Path.Combine(dir, "logs")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("2 trained", output);
    }
}
