using System.Diagnostics;
using System.Globalization;
using Hypergrid.Running.Devices;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests.Devices;

/// <summary>
/// --gpus through real workers and real python3 programs (stdlib) that record the devices they were given: no GPU is
/// needed, the assignment is ids in the environment.
/// </summary>
public class GpuRunTests
{
    private const string One = "sweep/clusters/softmax/one";
    private const string Two = "sweep/clusters/softmax/two";

    // Each attempt appends "start|end <time> <trial> <CUDA_VISIBLE_DEVICES> <HYPERGRID_DEVICE>" to timeline.txt beside cfg/,
    // holds its GPU a moment (so trials overlap), and waits while hold.txt exists (so status can see it running).
    private const string Program = """
        import os, sys, time
        def say(what):
            with open('timeline.txt', 'a') as f:
                f.write(f"{what} {time.time():.3f} {os.path.basename(os.environ['HYPERGRID_TRIAL_DIR'])}:{sys.argv[1]} "
                        f"{os.environ.get('CUDA_VISIBLE_DEVICES', '-')} {os.environ['HYPERGRID_DEVICE']}\n")
        say('start')
        time.sleep(0.4)
        while os.path.exists('hold.txt'): time.sleep(0.05)
        with open(os.environ['HYPERGRID_BATCH_LOG'], 'a') as log: log.write('epoch,mode,batch,loss\n1,train,0,0.5\n1,val,0,0.4\n')
        say('end')
        """;

    private static Study Example() => new Study().WriteFile("prog.py", Program)
        .Write("", "command: python3 prog.py {lr}\nseed: 0\n")
        .Write(One, "lr: [1, 2, 3, 4, 5]\n")
        .Write(Two, "gpus: 2\nlr: 9\n");

    private sealed record Span(double Start, double End, string Trial, string[] Gpus, string Device);

    private static List<Span> Timeline(Study study)
    {
        var lines = File.ReadAllLines(Path.Combine(study.Root, "timeline.txt")).Select(l => l.Split(' ')).ToList();
        return lines.Where(l => l[0] == "start").Select(s =>
        {
            var end = lines.Single(l => l[0] == "end" && l[2] == s[2]);
            return new Span(double.Parse(s[1], CultureInfo.InvariantCulture), double.Parse(end[1], CultureInfo.InvariantCulture), s[2], s[3].Split(','), s[4]);
        }).ToList();
    }

    [Fact]
    public void K_workers_per_gpu_give_each_trial_only_its_gpus_never_more_than_k_on_one_and_a_two_gpu_trial_two()
    {
        using var study = Example();
        var (code, output) = study.Run("sweep", "--gpus", "7,9", "--per-gpu", "2");
        Assert.True(code == 0, output);
        Assert.Contains("with 4 worker process(es)", output);
        var spans = Timeline(study);
        Assert.Equal(6, spans.Count);
        Assert.All(spans, s => Assert.Equal("cuda:0", s.Device));
        Assert.All(spans.Where(s => !s.Trial.EndsWith(":9")), s => Assert.Contains(Assert.Single(s.Gpus), new[] { "7", "9" }));
        Assert.Equal(["7", "9"], spans.Single(s => s.Trial.EndsWith(":9")).Gpus);
        // At every start, no GPU holds more than K = 2 trials (the one starting included).
        foreach (var s in spans)
            foreach (var gpu in s.Gpus)
                Assert.True(spans.Count(o => o.Start <= s.Start && o.End > s.Start && o.Gpus.Contains(gpu)) <= 2, $"more than 2 trials on gpu {gpu} at {s.Start}");
        // Both GPUs were used at once: the workers spread, not queued on one.
        Assert.Contains(spans, s => spans.Any(o => o != s && o.Start < s.End && o.End > s.Start && o.Gpus[0] != s.Gpus[0]));
        // run.json records what each trial was given.
        for (var n = 0; n < 5; n++)
            Assert.Equal(spans.Single(s => s.Trial == $"trial_{n:D3}:{n + 1}").Gpus, RunRecord.TryRead(study.Trial(One, n))!.Gpus);
        Assert.Equal(["7", "9"], RunRecord.TryRead(study.Trial(Two, 0))!.Gpus);
    }

    [Fact]
    public void A_running_trial_shows_its_gpu_in_status_and_a_trial_asking_for_none_sees_none()
    {
        using var study = Example().Write(Two, "gpus: 0\nlr: 9\n").Write(One, "lr: 1\n");
        File.WriteAllText(Path.Combine(study.Root, "hold.txt"), "");
        using var run = study.Start("sweep", "--gpus", "3", "--per-gpu", "2");
        var clock = Stopwatch.StartNew();
        string status = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && !(status.Contains("on gpu 3") && File.Exists(Path.Combine(study.Root, "timeline.txt"))
            && File.ReadAllLines(Path.Combine(study.Root, "timeline.txt")).Length == 2))
        {
            Thread.Sleep(200);
            status = study.Run("status", "--trials").Output;
        }
        File.Delete(Path.Combine(study.Root, "hold.txt"));
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"running\s+sweep/clusters/softmax/one/trial_000 .*on gpu 3", status);
        var none = Timeline(study).Single(s => s.Trial.EndsWith(":9"));
        Assert.Equal([""], none.Gpus); // CUDA_VISIBLE_DEVICES set, and empty: no GPU is visible
        Assert.Equal("cpu", none.Device);
        Assert.Equal([], RunRecord.TryRead(study.Trial(Two, 0))!.Gpus);
    }

    [Theory]
    [InlineData("gpus: 3\n", new[] { "--gpus", "0,1" }, "asks for 3 GPU(s) per trial, but --gpus 0,1 has only 2")]
    [InlineData("gpus: 1\n", new string[0], "asks for 1 GPU(s) per trial, but this run (no --gpus) has none")]
    [InlineData("gpus: 3\n", new[] { "--launcher", "slurm", "--gres", "gpu:2" }, "asks for 3 GPU(s) per trial, but each Slurm task (2 GPU(s) asked for) has only 2")]
    [InlineData("gpus: 1\n", new[] { "--launcher", "slurm" }, "asks for 1 GPU(s) per trial, but each Slurm task (no --gres gpu:N nor --gpus-per-task) has none")]
    public void A_trial_asking_for_more_gpus_than_the_run_has_stops_it_before_anything_is_written(string yaml, string[] flags, string said)
    {
        using var study = Example().Write(Two, yaml + "lr: 9\n");
        var (code, output) = study.Run(["sweep", .. flags]);
        Assert.Equal(2, code);
        Assert.Contains(said, output);
        Assert.Contains($"{Path.Combine("cfg", Two, "cfg.yaml")}:1", output);
        Assert.Contains("key 'gpus'", output);
        Assert.False(Directory.Exists(study.Log));
    }

    [Theory]
    [InlineData(new[] { "--per-gpu", "2" }, "--per-gpu needs --gpus")]
    [InlineData(new[] { "--launcher", "slurm", "--per-gpu", "2" }, "--per-gpu 2 on Slurm needs GPUs per task")]
    [InlineData(new[] { "--launcher", "slurm", "--gpus", "0" }, "on Slurm ask for GPUs per task with --gres gpu:N")]
    [InlineData(new[] { "--gpus", "0", "--workers", "2" }, "--workers and --gpus both set the workers")]
    public void Gpu_flags_that_do_not_fit_together_are_usage_errors_before_anything_is_written(string[] flags, string said)
    {
        using var study = Example();
        var (code, output) = study.Run(["sweep", .. flags]);
        Assert.Equal(2, code);
        Assert.Contains(said, output);
        Assert.False(Directory.Exists(study.Log));
    }

    [Fact]
    public void Gpus_all_on_a_machine_without_gpus_is_a_usage_error()
    {
        if (GpuProbe.Machine().Ids.Count > 0) return; // a machine with GPUs: 'all' is its GPUs (the run tests above cover the assignment)
        using var study = Example();
        var (code, output) = study.Run("sweep", "--gpus", "all");
        Assert.Equal(2, code);
        Assert.Contains("--gpus all found no GPU on this machine", output);
        Assert.False(Directory.Exists(study.Log));
    }
}
