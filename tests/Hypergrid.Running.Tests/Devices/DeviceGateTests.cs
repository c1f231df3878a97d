using Hypergrid.Running.Devices;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests.Devices;

/// <summary>A worker's gate to its GPUs, over trial folders with their cfg.yaml and real lock files.</summary>
public sealed class DeviceGateTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("hypergrid-gate-").FullName;
    private readonly StringWriter said = new();

    private string Trial(int n, string yaml = "")
    {
        var dir = Path.Combine(root, "log", "sweep", "d", "m", "t", $"trial_{n:D3}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, TrialFiles.Config), "seed: 0\n" + yaml);
        return dir;
    }

    private DeviceGate Gate(params string[] gpus) =>
        DeviceGate.For(new WorkerSettings("data", 1, "run") { Gpus = gpus, DeviceDir = Path.Combine(root, "log", ".devices") }, said);

    [Fact]
    public void A_trial_whose_gpus_are_busy_is_left_and_the_worker_waits_until_they_free()
    {
        var a = Gate("0");
        var b = Gate("0");
        var first = a.Take(Trial(0))!;
        Assert.Equal(["0"], first.Ids);
        b.Pass();
        Assert.Null(b.Take(Trial(1)));
        Assert.Null(b.Take(Trial(2, "gpus: 1\n")));
        Assert.True(b.Waiting);
        first.Dispose();
        b.Pass();
        Assert.False(b.Waiting);
        using var second = b.Take(Trial(1))!;
        Assert.Equal(["0"], second.Ids);
    }

    [Fact]
    public void A_trial_asking_for_none_passes_and_its_settings_say_it_has_none()
    {
        var gate = Gate("0");
        using var busy = Gate("0").Take(Trial(0))!;
        var lease = gate.Take(Trial(1, "gpus: 0\n"))!;
        Assert.Equal([], gate.With(new WorkerSettings("data", 1, "run"), lease).TrialGpus);
        Assert.False(gate.Waiting);
    }

    [Fact]
    public void A_run_without_gpus_passes_every_trial_and_gives_none()
    {
        var gate = DeviceGate.For(new WorkerSettings("data", 1, "run"), said);
        var lease = gate.Take(Trial(0, "gpus: 3\n"))!;
        Assert.Null(gate.With(new WorkerSettings("data", 1, "run"), lease).TrialGpus);
        Assert.False(Directory.Exists(Path.Combine(root, "log", ".devices")));
    }

    [Fact]
    public void A_trial_asking_for_more_than_the_pool_stays_pending_said_once_and_no_one_waits_for_it()
    {
        var gate = Gate("0", "1");
        var dir = Trial(0, "gpus: 3\n");
        Assert.Null(gate.Take(dir));
        Assert.Null(gate.Take(dir));
        Assert.False(gate.Waiting);
        Assert.Single(said.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("asks for 3 GPU(s), but this worker's pool has 2 (0,1)"));
    }

    public void Dispose()
    {
        said.Dispose();
        Directory.Delete(root, recursive: true);
    }
}
