using System.Diagnostics;
using Hypergrid.Tests;
using Hypergrid.Trials;

namespace Hypergrid.Running.Tests;

/// <summary>
/// Data is part of a result's identity, through real runs: a checkpoint made on the npm sample never continues on IDX
/// files placed in data/ later, and a result trained on other data than data/ holds now is stale.
/// </summary>
public class DataIdentityTests
{
    private const string Leaf = "sweep/mnist/mlp/adam";
    private const string Root = "seed: 0\nepochs: 3\nhidden: [16]\nbatch_size: 16\ntrain_limit: 4000\nval_samples: 500\ncheckpoint_minutes: 0.002\n";

    /// <summary>Four small IDX files (600 train, 100 val digits of noise) in the study's data/ folder.</summary>
    internal static void WriteIdx(string dataDir, int train = 600, int val = 100, bool truncate = false)
    {
        Directory.CreateDirectory(dataDir);
        var random = new Random(5);
        void Images(string name, int n)
        {
            var b = new byte[16 + n * 784];
            foreach (var (at, v) in new[] { (0, 2051), (4, n), (8, 28), (12, 28) }) System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(at), v);
            random.NextBytes(b.AsSpan(16));
            File.WriteAllBytes(Path.Combine(dataDir, name), truncate ? b[..(b.Length / 2)] : b);
        }
        void Labels(string name, int n)
        {
            var b = new byte[8 + n];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(b, 2049);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), n);
            for (var i = 0; i < n; i++) b[8 + i] = (byte)random.Next(10);
            File.WriteAllBytes(Path.Combine(dataDir, name), b);
        }
        Images("train-images-idx3-ubyte", train);
        Labels("train-labels-idx1-ubyte", train);
        Images("t10k-images-idx3-ubyte", val);
        Labels("t10k-labels-idx1-ubyte", val);
    }

    [Fact]
    public void A_checkpoint_made_on_the_sample_never_continues_on_IDX_files_placed_later()
    {
        using var study = new Study().Write("", Root).Write(Leaf, "lr: 0.001");
        var trial = study.Trial(Leaf, 0);
        using (var run = study.Start("sweep", "--workers", "1"))
        {
            Study.WaitForCheckpoint(trial, after: 50);
            Process.GetProcessById(Claim.TryRead(trial)!.Pid).Kill();
            Assert.True(run.WaitForExit(TimeSpan.FromMinutes(1)));
        }
        WriteIdx(Path.Combine(study.Root, "data"));
        var (code, output) = study.Run("sweep", "--workers", "1");
        Assert.True(code == 0, output);
        Assert.Contains("checkpoint.bin not used: it was made on other data", output);
        Assert.Contains("IDX files", RunRecord.TryRead(trial)!.Data!.Source);
    }

    [Fact]
    public void A_result_trained_on_other_data_than_data_holds_now_is_stale_and_retrained_with_rerun_stale()
    {
        using var study = new Study().Write("", Root.Replace("epochs: 3", "epochs: 1")).Write(Leaf, "lr: [0.001, 0.002]");
        Assert.Equal(0, study.Run("sweep").Code);
        WriteIdx(Path.Combine(study.Root, "data"));
        var (code, output) = study.Run("sweep");
        Assert.True(code == 0, output);
        Assert.Contains("2 of them stale", output);
        var again = study.Run("sweep", "--rerun-stale");
        Assert.True(again.Code == 0, again.Output);
        Assert.Contains("IDX files", RunRecord.TryRead(study.Trial(Leaf, 1))!.Data!.Source);
        Assert.Contains("nothing to train", study.Run("sweep").Output);
    }

    [Fact]
    public void Truncated_IDX_files_fail_the_trial_with_one_line_naming_the_file()
    {
        using var study = new Study().Write("", Root.Replace("epochs: 3", "epochs: 1")).Write(Leaf, "lr: 0.001");
        WriteIdx(Path.Combine(study.Root, "data"), truncate: true);
        var (code, output) = study.Run("sweep");
        Assert.Equal(1, code);
        Assert.DoesNotContain("IndexOutOfRange", output);
        Assert.Matches(@"train-images-idx3-ubyte: says 600 images but holds \d+ \(truncated\)", RunRecord.TryRead(study.Trial(Leaf, 0))!.Error);
    }
}
