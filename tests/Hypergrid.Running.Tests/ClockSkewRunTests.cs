using System.Diagnostics;
using Hypergrid.Trials;
using Hypergrid.Tests;

namespace Hypergrid.Running.Tests;

/// <summary>
/// Two nodes over one out/log whose clocks differ by more than the claim timeout (libfaketime on the second): the
/// second takes no live claim over, takes a dead one over within the timeout, says the difference once, and the logs
/// equal those of a run without skew.
/// </summary>
public class ClockSkewRunTests(ClockSkewRunTests.Reference reference) : IClassFixture<ClockSkewRunTests.Reference>
{
    private const string Leaf = "sweep/clusters/softmax/sgd";
    // About 1 s an epoch (32 batches of 0.03 s), 6 epochs: long enough for the other node to look while both train.
    private const string Root = "command: python3 train.py\nseed: 0\nepochs: 6\nbatch_size: 32\nn_train: 1024\ndelay: 0.03\n";
    private static readonly Dictionary<string, string> Timeout = new() { ["HYPERGRID_CLAIM_TIMEOUT_SECONDS"] = "3" };

    /// <summary>The two trials trained once without skew, on one node: the logs every test must reproduce.</summary>
    public sealed class Reference
    {
        public string[][] Logs { get; }

        public Reference()
        {
            using var study = Make();
            Assert.Equal(0, study.Run("sweep", "--workers", "2").Code);
            Logs = LogsOf(study);
        }
    }

    private static Study Make() => new Study().Copy("examples/stdlib/train.py").Write("", Root).Write(Leaf, "lr: [0.1, 0.2]\n");

    private static string[][] LogsOf(Study study) =>
        [.. Enumerable.Range(0, 2).Select(n => BatchLogs.WithoutTime(Path.Combine(study.Trial(Leaf, n), TrialFiles.BatchLog)))];

    private static string WorkerLogs(Study study) =>
        string.Concat(Enumerable.Range(0, 2).Select(n => File.ReadAllText(Path.Combine(study.Trial(Leaf, n), TrialFiles.WorkerLog))));

    // The first node, in a PID namespace of its own (killing it kills all it started), once both its trials train.
    private static System.Diagnostics.Process FirstNodeTraining(Study study)
    {
        var first = SimulatedNode.Start(study, "node-a", null, true, Timeout, "sweep", "--workers", "2");
        Study.WaitUntilTraining(study.Trial(Leaf, 0), rows: 40);
        Study.WaitUntilTraining(study.Trial(Leaf, 1), rows: 40);
        return first;
    }

    [Theory]
    [InlineData("+120s")]
    [InlineData("-120s")]
    public async Task A_node_whose_clock_is_off_by_more_than_the_timeout_leaves_live_claims_alone(string clock)
    {
        using var study = Make();
        using var first = FirstNodeTraining(study);
        var firstOutput = first.StandardOutput.ReadToEndAsync();
        var (code, output) = SimulatedNode.Run(study, "node-b", clock, Timeout, "sweep", "--workers", "1");
        Assert.True(code == 0, output);
        Assert.DoesNotContain("training on", output);                          // it took nothing over
        Assert.Contains($"is 120.0 s {(clock[0] == '+' ? "ahead of" : "behind")} the time stamped on files", output);
        Assert.Single(output.Split('\n'), l => l.Contains("clock: this host's clock"));
        Assert.True(first.WaitForExit(TimeSpan.FromMinutes(1)));
        Assert.True(first.ExitCode == 0, await firstOutput);
        Assert.DoesNotContain("claim lost", WorkerLogs(study));
        Assert.Equal(reference.Logs, LogsOf(study));
    }

    [Theory]
    [InlineData("+120s")]
    [InlineData("-120s")]
    public async Task A_node_whose_clock_is_off_takes_a_dead_claim_over_within_the_timeout_and_the_logs_equal_a_run_without_skew(string clock)
    {
        using var study = Make();
        using (var first = FirstNodeTraining(study))
        {
            first.Kill();                                                        // the node goes down: every process of it dies
            Assert.True(first.WaitForExit(TimeSpan.FromSeconds(10)));
        }
        Assert.Equal("node-a", Claim.TryRead(study.Trial(Leaf, 0))!.Host);    // its claims stay behind
        var clockRun = Stopwatch.StartNew();
        using var second = SimulatedNode.Start(study, "node-b", clock, false, Timeout, "sweep", "--workers", "2");
        // Each line with the moment it came: the timeout is counted from when the workers began to watch (start-up on a
        // loaded machine takes seconds of its own).
        var lines = new System.Collections.Concurrent.ConcurrentQueue<(TimeSpan At, string Line)>();
        var reading = Task.Run(async () =>
        {
            while (await second.StandardOutput.ReadLineAsync() is { } line) lines.Enqueue((clockRun.Elapsed, line));
        });
        TimeSpan? tookOver = null;
        while (clockRun.Elapsed < TimeSpan.FromSeconds(40) && tookOver is null)
        {
            if (Enumerable.Range(0, 2).All(n => Claim.TryRead(study.Trial(Leaf, n)) is { Host: "node-b" } || study.IsComplete(Leaf, n))) tookOver = clockRun.Elapsed;
            Thread.Sleep(50);
        }
        Assert.True(second.WaitForExit(TimeSpan.FromMinutes(1)));
        await reading;
        var text = string.Join('\n', lines.Select(l => l.Line));
        Assert.True(second.ExitCode == 0, text);
        var watching = lines.FirstOrDefault(l => l.Line.Contains("waiting up to 3 s to see whether the claims")).At;
        Assert.True(tookOver is { } t && t - watching < TimeSpan.FromSeconds(3 + 2),
            $"taken over {(tookOver - watching)?.TotalSeconds ?? 40:F1} s after the workers began to watch (timeout 3 s)\n{text}");
        Assert.Contains("taken over if their claims stop being renewed", text);
        Assert.Equal(reference.Logs, LogsOf(study));
    }
}
