using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests;

/// <summary>Wrong results and lost data: each class of the hostile-input review, two variants or more.</summary>
public class HostileInputTests
{
    private const string Leaf = "sweep/synthetic/mlp/adam";
    private const string Root = "seed: 0\nepochs: 1\nhidden: [8]\n";

    [Theory]
    [InlineData("lr: [1e-1, 0.010]\n", Root)]                                          // another spelling of the same values
    [InlineData("lr: [0.1, 0.01]\n", "hidden: [8]\nepochs: 01\nseed: +0\n")]            // keys reordered, numbers respelled
    [InlineData("lr: [0.1, 0.01]\nslurm: {time: \"2:00:00\"}\n", Root)]                  // a setting that is not a hyperparameter
    public void A_config_equal_by_value_keeps_its_trials_complete_and_trains_nothing(string leafYaml, string rootYaml)
    {
        using var study = new Study().Write("", Root).Write(Leaf, "lr: [0.1, 0.01]\n");
        Assert.Equal(0, study.Run("run").Code);
        study.Write("", rootYaml).Write(Leaf, leafYaml);
        var (code, output) = study.Run("run");
        Assert.True(code == 0, output);
        Assert.Contains("nothing to train: all 2 selected trial(s) are complete", output);
        Assert.DoesNotContain("stale", output);
        Assert.DoesNotContain("orphan   " + Leaf, study.Run("status", "--trials").Output);
        Assert.Equal(1, study.Starts(Leaf, 0));
    }

    [Theory]
    [InlineData("lr: [0.1, 0.01]\nlearning_rat: 0.5\n", "learning_rat")]
    [InlineData("lr: [0.1, fast]\n", "lr")]
    [InlineData("lr: [0.1, 0.01]\nepochs: -3\n", "epochs")]
    public void A_typo_in_a_complete_study_is_an_error_that_writes_nothing(string leafYaml, string key)
    {
        using var study = new Study().Write("", Root).Write(Leaf, "lr: [0.1, 0.01]\n");
        Assert.Equal(0, study.Run("run").Code);
        var cfg = Path.Combine(study.Trial(Leaf, 0), TrialFiles.Config);
        File.SetLastWriteTimeUtc(cfg, DateTime.UtcNow.AddHours(-1));
        var before = (File.ReadAllText(cfg), File.GetLastWriteTimeUtc(cfg));
        study.Write(Leaf, leafYaml);
        foreach (var verb in new[] { "run", "expand", "status" })
        {
            var (code, output) = study.Run(verb);
            Assert.True(code == 2, output);
            Assert.Contains($"key '{key}'", output);
        }
        Assert.True(study.Run("expand", "--dry-run").Code == 2);
        Assert.Equal(before, (File.ReadAllText(cfg), File.GetLastWriteTimeUtc(cfg)));
    }

    [Fact]
    public void A_retrained_result_keeps_the_config_it_ran_with_in_run_json_also_in_previous()
    {
        using var study = new Study().Write("", Root).Write(Leaf, "lr: 0.01\n");
        Assert.Equal(0, study.Run("run").Code);
        var trial = study.Trial(Leaf, 0);
        study.Write(Leaf, "lr: 0.01\ndropout: 0.25\n");
        Assert.Contains("stale", study.Run("status", "--trials").Output);
        Assert.Null(RunRecord.TryRead(trial)!.Config!["dropout"]);      // run.json says what the result ran with
        Assert.Equal(0, study.Run("run", "--rerun-stale").Code);
        var previous = Assert.Single(Directory.GetDirectories(Path.Combine(trial, TrialFiles.Previous)));
        var old = RunRecord.TryRead(previous)!.Config!;
        Assert.Equal(0.01, old["lr"]!.GetValue<double>());
        Assert.Null(old["dropout"]);
        Assert.Equal(0.25, RunRecord.TryRead(trial)!.Config!["dropout"]!.GetValue<double>());
    }

    [Theory]
    [InlineData(50, 32)]
    [InlineData(100, 64)]
    public void Final_metrics_are_the_epoch_logs_values_everywhere(int nVal, int batch)
    {
        using var study = new Study().Write("", Root + $"n_val: {nVal}\nbatch_size: {batch}\n").Write(Leaf, "lr: 0.01\n");
        var (code, output) = study.Run("run");
        Assert.True(code == 0, output);
        var trial = study.Trial(Leaf, 0);
        var lastVal = File.ReadAllLines(Path.Combine(trial, TrialFiles.EpochLog)).Last(l => l.Contains(",val,")).Split(',');
        var header = File.ReadAllLines(Path.Combine(trial, TrialFiles.EpochLog))[0].Split(',').ToList();
        var epochAcc = double.Parse(lastVal[header.IndexOf("acc")], CultureInfo.InvariantCulture);
        // The unweighted mean over batches, as the epoch log reduces it (not the sample-weighted accuracy).
        var batches = File.ReadAllLines(Path.Combine(trial, TrialFiles.BatchLog)).Where(l => l.StartsWith("1,val,")).Select(l => double.Parse(l.Split(',')[5], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(batches.Average(), epochAcc, 12);
        Assert.Equal(epochAcc, RunRecord.TryRead(trial)!.Final["val_acc"]);
        Assert.Contains(epochAcc.ToString("F4", CultureInfo.InvariantCulture), output);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u0001\u0002garbage")]
    public void A_damaged_batch_log_shows_as_damaged_and_rerun_damaged_retrains_it_keeping_the_bad_file(string content)
    {
        using var study = new Study().Write("", Root).Write(Leaf, "lr: [0.01, 0.02]\n");
        Assert.Equal(0, study.Run("run").Code);
        var trial = study.Trial(Leaf, 1);
        File.WriteAllText(Path.Combine(trial, TrialFiles.BatchLog), content);
        var status = study.Run("status", "--trials").Output;
        Assert.Contains("damaged  " + Leaf + "/trial_001", status);
        Assert.Contains("complete " + Leaf + "/trial_000", status);
        Assert.Contains("1 damaged", study.Run("run").Output);
        var (code, output) = study.Run("run", "--rerun-damaged");
        Assert.True(code == 0, output);
        Assert.True(study.IsComplete(Leaf, 1));
        var previous = Assert.Single(Directory.GetDirectories(Path.Combine(trial, TrialFiles.Previous)));
        Assert.Equal(content, File.ReadAllText(Path.Combine(previous, TrialFiles.BatchLog)));
    }

    [Theory]
    [InlineData(false, 100_000)] // a 100 KB name that is no PHASE_COLUMN
    [InlineData(true, 7_000)]    // a log's own column (as long as a header the readers take), offered when the metric asked for is missing
    public void A_long_metric_name_is_cut_when_echoed(bool inTheLog, int length)
    {
        var huge = new string('x', length);
        using var study = new Study().Write("", "command: python3 train.py\nseed: 0\n").Write("sweep/clusters/softmax/sgd", "lr: 0.1");
        Assert.Equal(0, study.Run("expand").Code);
        File.WriteAllText(Path.Combine(study.Trial("sweep/clusters/softmax/sgd", 0), TrialFiles.BatchLog), $"epoch,mode,batch,loss,c{huge}\n1,val,0,0.5,1\n");
        var (code, output) = study.Run("report", "--metric", inTheLog ? "val_missing" : huge + "!");
        Assert.Equal(2, code);
        Assert.Contains(inTheLog ? "their epoch logs offer:" : "is not a metric", output);
        var echoed = inTheLog ? "val_c" + huge : huge + "!";
        Assert.Contains($"({echoed.Length.ToString("N0", CultureInfo.InvariantCulture)} characters)", output);
        Assert.InRange(output.Length, 50, 2000);
    }

    [Fact]
    public void The_trials_of_a_deleted_leaf_are_orphans_in_status()
    {
        using var study = new Study().Write("", Root).Write(Leaf, "lr: 0.01\n").Write("sweep/synthetic/mlp/sgd", "lr: [0.1, 0.2]\n");
        Assert.Equal(0, study.Run("run").Code);
        Directory.Delete(Path.Combine(study.Root, "cfg", "sweep", "synthetic", "mlp", "sgd"), true);
        var status = study.Run("status", "--trials").Output;
        Assert.Contains("orphan   sweep/synthetic/mlp/sgd/trial_000", status);
        Assert.Contains("orphan   sweep/synthetic/mlp/sgd/trial_001", status);
    }

    [Fact]
    public void A_trial_whose_folder_vanishes_mid_run_fails_alone_and_the_worker_trains_the_next()
    {
        using var study = new Study().Write("", "seed: 0\nepochs: 30\nbatch_size: 32\nhidden: [64]\nn_train: 3000\n").Write(Leaf, "lr: [0.01, 0.02, 0.03]\n");
        // One worker, so trials 1 and 2 are still untouched while trial 0 trains.
        using var run = study.Start("run", "--workers", "1");
        Study.WaitUntilTraining(study.Trial(Leaf, 0));
        File.Delete(Path.Combine(study.Trial(Leaf, 1), TrialFiles.Config));
        Directory.Delete(study.Trial(Leaf, 2), true);
        var output = run.StandardOutput.ReadToEnd() + run.StandardError.ReadToEnd();
        Assert.True(run.WaitForExit(TimeSpan.FromMinutes(2)));
        Assert.Equal(1, run.ExitCode);
        Assert.True(study.IsComplete(Leaf, 0), output);
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.Contains("trial_001", output);
        Assert.Equal(RunStatus.Failed, RunRecord.TryRead(study.Trial(Leaf, 1))?.Status);
    }
}
