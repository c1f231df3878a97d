using System.Diagnostics;
using System.Text;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Running;
using Hypergrid.Training;
using Hypergrid.Training.Backend;
using Hypergrid.Training.Checkpoints;
using Hypergrid.Training.Data;
using Hypergrid.Training.Logging;
using Hypergrid.Training.Native;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;
using static TorchSharp.torch;

namespace Hypergrid.Bench;

/// <summary>What checkpoints cost the shipped CNN at the defaults, against training with them off; and how fast a resume starts.</summary>
public static class CheckpointBench
{
    // The shipped sweep's CNN (cfg/sweep/mnist/cnn) with Adam, on the MNIST sample: 8,000 train / 2,000 val digits.
    private const string Yaml = "mode: sweep\ndataset: mnist\nmodel: cnn\ntrainer: adam\nseed: 0\nepochs: 3\nchannels: [16, 32]\nfc: 64\nlr: 0.001\n";

    public static void Run()
    {
        LibTorchLoader.EnsureLoaded();
        set_num_threads(1);
        var spec = TrainBench.Spec(Yaml);
        var data = spec.Data.Load("data");
        var dir = Directory.CreateTempSubdirectory("hypergrid-bench-ckpt-").FullName;
        try
        {
            Console.WriteLine($"checkpoint: shipped CNN (conv16-conv32-fc64, Adam, batch 128), {data.TrainCount} train / {data.ValCount} val, 1 thread, {spec.TrainerFactory.Settings.Epochs} epochs a run");
            Training(spec, data, dir);
            Startup(spec, data, dir);
        }
        finally { Directory.Delete(dir, true); }
    }

    private static void Training(TrialSpec spec, DataBundle data, string dir)
    {
        var log = Path.Combine(dir, "log.csv");
        var checkpoint = Path.Combine(dir, TrialFiles.Checkpoint);
        double Once(bool on)
        {
            if (File.Exists(log)) File.Delete(log);
            using var sink = new BatchLogWriter(log);
            var options = new TrainingOptions { Checkpoints = on ? new Checkpointing(checkpoint, new CheckpointHeader()) { Every = spec.CheckpointEvery } : null };
            var sw = Stopwatch.StartNew();
            TrainingLoop.Run(spec, data, sink, options);
            return sw.Elapsed.TotalSeconds;
        }
        Once(true); // warm-up
        var off = new List<double>();
        var on = new List<double>();
        // Alternated, so a slow spell of the host hits both alike.
        for (var round = 0; round < 4; round++)
        {
            off.Add(Once(false));
            on.Add(Once(true));
        }
        off.Sort();
        on.Sort();
        var ratio = on[on.Count / 2] / off[off.Count / 2];
        Console.WriteLine($"  training, median of 4 alternated runs: checkpoints off {Measure.Fmt(off[2])}, at the defaults (each epoch end) {Measure.Fmt(on[2])} -> {ratio:F3}x ({(ratio - 1) * 100:+0.0;-0.0}%); target <= +2%");

        // The direct cost of one checkpoint (model, Adam state, generator; temp file, fsync, rename) against an epoch.
        using var model = spec.ModelFactory.Create(data.Shape, data.Classes);
        using var flat = Hypergrid.Training.Optimizers.FlatParameters.Adopt(model.parameters());
            using var optimizer = spec.TrainerFactory.Create(flat);
        var (best, median) = Measure.Seconds(20, () => { }, () => CheckpointFile.Write(checkpoint, new CheckpointHeader(), model, optimizer));
        var epoch = off[2] / spec.TrainerFactory.Settings.Epochs;
        Console.WriteLine($"  one checkpoint ({new FileInfo(checkpoint).Length / 1024.0:F0} KiB): {Measure.Fmt(median)} median, {Measure.Fmt(best)} best -> {median / epoch * 100:F2}% of an epoch ({Measure.Fmt(epoch)})");
    }

    /// <summary>Resume start-up with a 1,000,000-row partial log (rows past the checkpoint to cut) against a fresh start.</summary>
    private static void Startup(TrialSpec spec, DataBundle data, string dir)
    {
        const int rows = 1_000_000;
        var trial = Path.Combine(dir, "trial_000");
        Directory.CreateDirectory(trial);
        var partial = Path.Combine(trial, TrialFiles.PartialLog);
        var template = new CheckpointHeader { ParamsSha256 = "bench", Versions = new() { ["hypergrid"] = "bench" } };
        void Prepare()
        {
            Attempt.RemoveUpTo(trial, int.MaxValue);
            var text = new StringBuilder(BatchLogSchema.Header).Append('\n');
            for (var i = 0; i < rows; i++) text.Append("2,train,").Append(i % 63).Append(",1234.5678,0.123456,0.96875,0.001,,,,,,,,0.4567\n");
            var upTo = Encoding.UTF8.GetByteCount(text.ToString());
            for (var i = 0; i < 50; i++) text.Append("2,train,").Append(i).Append(",1240.1,0.2,0.9,0.001,,,,,,,,0.5\n"); // written after the checkpoint by an attempt that died
            File.WriteAllText(partial, text.ToString());
            using var model = spec.ModelFactory.Create(data.Shape, data.Classes);
            using var flat = Hypergrid.Training.Optimizers.FlatParameters.Adopt(model.parameters());
            using var optimizer = spec.TrainerFactory.Create(flat);
            CheckpointFile.Write(Path.Combine(trial, TrialFiles.Checkpoint), template with { Epoch = 2, Batch = 40, Epochs = 3, Batches = 63, Rows = rows, Bytes = upTo }, model, optimizer);
        }
        var said = new List<string>();
        var resume = Measure.Seconds(5, Prepare, () =>
        {
            // The next attempt starts from copies of the last one's checkpoint and log (a stalled writer keeps the originals).
            var attempt = Attempt.Begin(trial, carry: true, out _);
            var from = TrialExecutor.Resumable(trial, attempt, template, said.Add) ?? throw new InvalidOperationException(string.Join("; ", said));
            using (new BatchLogWriter(attempt.PartialLog, new LogPosition(from.Header.Rows, from.Header.Bytes))) { }
            using var model = spec.ModelFactory.Create(data.Shape, data.Classes);
            using var flat = Hypergrid.Training.Optimizers.FlatParameters.Adopt(model.parameters());
            using var optimizer = spec.TrainerFactory.Create(flat);
            from.Restore(model, optimizer);
        });
        var fresh = Measure.Seconds(5, () => File.Delete(partial), () =>
        {
            using (new BatchLogWriter(partial)) { }
            using var model = spec.ModelFactory.Create(data.Shape, data.Classes);
            using var flat = Hypergrid.Training.Optimizers.FlatParameters.Adopt(model.parameters());
            using var optimizer = spec.TrainerFactory.Create(flat);
        });
        Console.WriteLine($"  resume start-up (verify + load the checkpoint, copy and cut a {rows:N0}-row partial log into the new attempt, restore): {Measure.Fmt(resume.Median)} median, {Measure.Fmt(resume.Best)} best; " +
                          $"a fresh start {Measure.Fmt(fresh.Median)} -> {resume.Median / fresh.Median:F1}x; target < 1 s");
    }
}
