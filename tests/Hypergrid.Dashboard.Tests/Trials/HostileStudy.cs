using System.Diagnostics;
using Hypergrid.Trials;
using Hypergrid.Trials.Code;

namespace Hypergrid.Dashboard.Tests.Trials;

/// <summary>
/// A small study of every kind of trial folder a list meets: results, a diverged (NaN) one, a failed run, damaged ones
/// (an empty batch log, a FIFO for one, a log whose run.json says failed), a stale one, a program's result, a running
/// one, strays (trial_0000, trial_01), a leaf named with %, a leaf and a trial folder that are links within out/log, a
/// leaf that is a link out of it, a cfg.yaml linked within and a batch log linked out.
/// </summary>
public static class HostileStudy
{
    public const string Leaf = "sweep/mnist/mlp/adam";

    /// <summary>Writes it into <paramref name="tree"/>.</summary>
    public static void Write(LogTree tree)
    {
        for (var i = 0; i < 4; i++) tree.AddComplete($"{Leaf}/trial_{i:D3}", $"seed: {i}\nlr: 0.001\n", epochs: 2, batches: 2);
        var diverged = tree.AddComplete($"{Leaf}/trial_004", "seed: 4\nlr: 0.001\n", epochs: 2, batches: 2);
        Rewrite(diverged, r => r with { Final = new() { ["val_loss"] = double.NaN, ["val_acc"] = 0.1 } });
        var failed = tree.AddTrial($"{Leaf}/trial_005", "seed: 5\n");
        new RunRecord { Status = RunStatus.Failed, Error = "CUDA <b>out</b> of memory" }.Write(failed);
        File.WriteAllText(Path.Combine(tree.AddComplete($"{Leaf}/trial_006", "seed: 6\n", 1, 1), TrialFiles.BatchLog), "");
        var fifo = Path.Combine(tree.AddComplete($"{Leaf}/trial_007", "seed: 7\n", 1, 1), TrialFiles.BatchLog);
        File.Delete(fifo);
        using (var p = Process.Start("mkfifo", fifo)) p.WaitForExit();
        Rewrite(tree.AddComplete($"{Leaf}/trial_008", "seed: 8\n", 1, 1), r => r with { Status = RunStatus.Failed, Error = "killed" });
        var stale = tree.AddComplete($"{Leaf}/trial_009", "seed: 9\nlr: 0.001\n", 1, 1);
        File.WriteAllText(Path.Combine(stale, TrialFiles.Config), File.ReadAllText(Path.Combine(stale, TrialFiles.Config)).Replace("lr: 0.001", "lr: 0.5"));
        var linkedCfg = tree.AddComplete($"{Leaf}/trial_010", "seed: 0\nlr: 0.001\n", 1, 1);
        File.Delete(Path.Combine(linkedCfg, TrialFiles.Config));
        File.CreateSymbolicLink(Path.Combine(linkedCfg, TrialFiles.Config), "../trial_000/cfg.yaml");
        var outside = Path.Combine(tree.Root, "outside.csv");
        File.WriteAllText(outside, "epoch,mode,batch,loss\n1,train,0,0.5\n");
        var linkedOut = tree.AddComplete($"{Leaf}/trial_011", "seed: 11\n", 1, 1);
        File.Delete(Path.Combine(linkedOut, TrialFiles.BatchLog));
        File.CreateSymbolicLink(Path.Combine(linkedOut, TrialFiles.BatchLog), outside);
        tree.AddRunning($"{Leaf}/trial_012", "seed: 12\n", 1, 1);
        // A program's result: its code judged on every scan.
        File.WriteAllText(Path.Combine(tree.Root, "train.py"), "print('v1')\n");
        var program = tree.AddComplete($"{Leaf}/trial_013", "seed: 13\n", 1, 1);
        var files = CodeIdentity.Hash(tree.Root, ["train.py"]);
        Rewrite(program, r => r with { Code = new CodeRecord { Sha256 = CodeIdentity.Combine(files), Files = files, Root = tree.Root } });
        // Every field the list shows from run.json: GPUs, infinities and a null among the final metrics, text beyond ASCII.
        Rewrite(tree.AddComplete($"{Leaf}/trial_015", "seed: 15\n", 1, 1), r => r with
        {
            Gpus = ["0", "1"], Seconds = null, Data = new DataRecord("mnist ü", "über 😀 <b>", 100, 20, "x"),
            Final = new() { ["val_loss"] = 0.25, ["val_acc"] = double.NegativeInfinity, ["best_val_acc"] = null, ["train_loss"] = double.PositiveInfinity },
        });
        // Strays beside the trials, with files a trial would have.
        tree.AddComplete($"{Leaf}/trial_0000", "seed: 0\n", 1, 1);
        tree.AddComplete($"{Leaf}/trial_01", "seed: 1\n", 1, 1);
        tree.AddComplete("sweep/mnist/mlp/a%20b/trial_000", "seed: 0\nnote: \"50% <script>\"\n", 1, 1);
        // Links within out/log: a leaf and a trial folder; a leaf out of it.
        Directory.CreateSymbolicLink(tree.Trial("sweep/mnist/mlp/linked"), "adam");
        Directory.CreateSymbolicLink(tree.Trial($"{Leaf}/trial_014"), "trial_001");
        var away = Path.Combine(tree.Root, "away", "trial_000");
        Directory.CreateDirectory(away);
        File.Copy(Path.Combine(tree.Trial($"{Leaf}/trial_000"), TrialFiles.BatchLog), Path.Combine(away, TrialFiles.BatchLog));
        File.Copy(Path.Combine(tree.Trial($"{Leaf}/trial_000"), TrialFiles.Run), Path.Combine(away, TrialFiles.Run));
        Directory.CreateSymbolicLink(tree.Trial("sweep/mnist/mlp/out"), Path.Combine(tree.Root, "away"));
    }

    /// <summary>Trials of it the index keeps: the results, the diverged one and the damaged ones with a regular batch log, in every leaf that lists them.</summary>
    public const int Indexed = 10 + 10 + 1; // adam: 000-004, 006, 008, 009, 014 (a link to 001), 015; linked/: the same ten; a%20b: one

    /// <summary>run.json rewritten through <paramref name="change"/>.</summary>
    public static void Rewrite(string dir, Func<RunRecord, RunRecord> change) => change(RunRecord.TryRead(dir)!).Write(dir);
}
