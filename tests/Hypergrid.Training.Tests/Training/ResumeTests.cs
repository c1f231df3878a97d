using Hypergrid.Training.Checkpoints;
using Hypergrid.Training.Logging;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;
using static Hypergrid.Tests.BatchLogs;

namespace Hypergrid.Training.Tests.Training;

/// <summary>
/// Exact resume: a trial stopped (a stop request) or crashed (rows written past its last checkpoint, as kill -9
/// leaves them) at random batches and continued from its checkpoint writes the same batch log as a run that was
/// never interrupted, in every column but time.
/// </summary>
public sealed class ResumeTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hypergrid-resume-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private const string Base = "mode: sweep\nseed: 5\nepochs: 3\n";
    private const string Synthetic = "dataset: synthetic\nbatch_size: 32\n";

    // Every model and trainer, with dropout, clipping, warm-up, every schedule, AdamW and the deq's budget schedule.
    private const string Mlp = Synthetic + "model: mlp\ntrainer: adam\nhidden: [32, 16]\ndropout: 0.3\nlr: 0.01\nwarmup_steps: 10\nschedule: cosine\nmin_lr: 0.001\nbatch_metrics: [grad_norm]\n";

    public static TheoryData<string> Configs => new()
    {
        Mlp,
        Synthetic + "model: mlp\ntrainer: sgd\nhidden: [24]\ndropout: 0.2\nlr: 0.05\nnesterov: true\nschedule: step\ngamma: 0.5\nclip_grad: 0.5\n",
        // 1,000 real digits to train on, 16 batches an epoch as the synthetic set has.
        "dataset: mnist\nval_samples: 9000\nbatch_size: 64\nmodel: cnn\ntrainer: adam\nchannels: [4]\nfc: 16\ndropout: 0.25\nweight_decay: 0.01\nwarmup_steps: 5\n",
        Synthetic + "model: deq\ntrainer: adam\nwidth: 12\niter_budget: 4\niter_budget_end: 8\nbackward: unroll\nbatch_metrics: [error, iter]\nclip_grad: 1\n",
    };

    private string[] Uninterrupted(TrialSpec spec)
    {
        var path = Path.Combine(dir, "straight.csv");
        using (var sink = new BatchLogWriter(path)) TrainingLoop.Run(spec, spec.Data.Load("data"), sink);
        return WithoutTime(path);
    }

    private Checkpointing Checkpoints(CheckpointFile? from, TimeSpan every) =>
        new(Path.Combine(dir, TrialFiles.Checkpoint), new CheckpointHeader { ParamsSha256 = "x" }) { ResumeFrom = from, Every = every };

    /// <summary>Runs attempts until one finishes; each attempt is stopped or crashed at the next of the given row counts.</summary>
    private string[] Interrupted(TrialSpec spec, int[] rowsPerAttempt, bool crash, TimeSpan every)
    {
        var path = Path.Combine(dir, "interrupted.csv");
        var data = spec.Data.Load("data");
        var attempts = 0;
        foreach (var rows in rowsPerAttempt.Append(int.MaxValue))
        {
            attempts++;
            var from = File.Exists(Path.Combine(dir, TrialFiles.Checkpoint)) ? CheckpointFile.Read(Path.Combine(dir, TrialFiles.Checkpoint)) : null;
            using var writer = from is null ? new BatchLogWriter(path) : new BatchLogWriter(path, new LogPosition(from.Header.Rows, from.Header.Bytes));
            using var stop = new CancellationTokenSource();
            var written = 0;
            IBatchSink sink = crash ? new DyingSink(writer, rows) : writer;
            var options = new TrainingOptions
            {
                Checkpoints = Checkpoints(from, every),
                Cancel = stop.Token,
                Progress = (_, _, _, _, _) => { if (!crash && ++written >= rows) stop.Cancel(); },
            };
            try
            {
                TrainingLoop.Run(spec, data, sink, options);
                break;
            }
            catch (OperationCanceledException) when (!crash) { }
            catch (SinkCrash) when (crash) { }
        }
        Assert.Equal(rowsPerAttempt.Length + 1, attempts);
        return WithoutTime(path);
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void A_trial_stopped_at_random_batches_resumes_to_the_same_log(string yaml)
    {
        var spec = TrainingLoopTests.Spec(Base + yaml);
        var expected = Uninterrupted(spec);
        var random = new Random(yaml.Length);
        // Stop requests land in train batches of all three epochs (16 train batches per epoch here).
        var stops = new[] { random.Next(1, 16), random.Next(1, 16), random.Next(1, 16) };
        Assert.Equal(expected, Interrupted(spec, stops, crash: false, every: TimeSpan.FromHours(1)));
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void A_trial_killed_at_random_batches_resumes_from_its_last_checkpoint_to_the_same_log(string yaml)
    {
        var spec = TrainingLoopTests.Spec(Base + yaml);
        var expected = Uninterrupted(spec);
        var random = new Random(yaml.Length + 1);
        // Checkpoints at every batch boundary and a crash a few rows later: rows past the checkpoint are cut and written again.
        var crashes = new[] { random.Next(5, 20), random.Next(5, 20), random.Next(5, 20) };
        Assert.Equal(expected, Interrupted(spec, crashes, crash: true, every: TimeSpan.Zero));
    }

    [Fact]
    public void A_crash_between_checkpoints_loses_only_the_rows_after_the_last_one()
    {
        var spec = TrainingLoopTests.Spec(Base + Mlp);
        var expected = Uninterrupted(spec);
        // Epoch-end checkpoints only: a crash in epoch 2 resumes at epoch 2 batch 0, a crash during val at the val pass.
        Assert.Equal(expected, Interrupted(spec, [16 + 8 + 5, 16 + 8 + 16 + 3], crash: true, every: TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_stop_during_the_val_pass_resumes_at_the_val_pass()
    {
        var spec = TrainingLoopTests.Spec(Base + Mlp);
        var path = Path.Combine(dir, "val.csv");
        using var stop = new CancellationTokenSource();
        var sink = new StopInVal(new BatchLogWriter(path), stop, afterValRows: 3);
        Assert.Throws<OperationCanceledException>(() => TrainingLoop.Run(spec, spec.Data.Load("data"), sink,
            new TrainingOptions { Checkpoints = Checkpoints(null, TimeSpan.FromHours(1)), Cancel = stop.Token }));
        sink.Inner.Dispose();
        var header = CheckpointHeader.TryRead(Path.Combine(dir, TrialFiles.Checkpoint))!;
        Assert.Equal("epoch 1 val", header.ResumesAt);
        Assert.Equal(16, header.Rows);
    }

    private sealed class StopInVal(BatchLogWriter inner, CancellationTokenSource stop, int afterValRows) : IBatchSink
    {
        private int val;
        public BatchLogWriter Inner => inner;
        public void Write(in BatchRow row)
        {
            inner.Write(row);
            if (row.Phase == "val" && ++val == afterValRows) stop.Cancel();
        }
        public LogPosition Flush() => inner.Flush();
    }

    // A checkpoint headed by this format and closed by sha256 (formats 1 and 2) or by xxh3-128 (format 3).
    private string Closed(int format, bool sha256)
    {
        var file = Path.Combine(dir, TrialFiles.Checkpoint);
        var body = new MemoryStream();
        new CheckpointHeader { Format = format, ParamsSha256 = "x" }.WriteTo(body);
        body.Write(new byte[64]);
        var bytes = body.ToArray();
        File.WriteAllBytes(file, [.. bytes, .. sha256 ? System.Security.Cryptography.SHA256.HashData(bytes) : System.IO.Hashing.XxHash128.Hash(bytes)]);
        return file;
    }

    [Theory]
    [InlineData(2)] // the format before: closed by a sha256
    [InlineData(1)]
    public void A_checkpoint_of_an_earlier_format_is_refused_as_that_format_not_as_damage(int format)
    {
        var error = Assert.Throws<InvalidDataException>(() => CheckpointFile.Read(Closed(format, sha256: true)));
        Assert.Equal($"it has format {format}, this build reads {CheckpointHeader.FormatVersion}", error.Message);
    }

    [Theory]
    [InlineData(2)] // a format-3 checkpoint whose header was damaged into reading as an earlier format
    [InlineData(1)]
    public void A_header_that_reads_as_an_earlier_format_without_that_formats_checksum_is_damage(int format) =>
        Assert.Contains("checksum does not match", Assert.Throws<InvalidDataException>(() => CheckpointFile.Read(Closed(format, sha256: false))).Message);

    [Fact]
    public void A_truncated_or_altered_checkpoint_is_refused_with_a_reason()
    {
        var spec = TrainingLoopTests.Spec("mode: sweep\nseed: 5\nepochs: 1\n" + Synthetic + "model: mlp\ntrainer: adam\nhidden: [8]\n");
        var path = Path.Combine(dir, "log.csv");
        using (var sink = new BatchLogWriter(path))
            TrainingLoop.Run(spec, spec.Data.Load("data"), sink, new TrainingOptions { Checkpoints = Checkpoints(null, TimeSpan.Zero) });
        var file = Path.Combine(dir, TrialFiles.Checkpoint);
        var bytes = File.ReadAllBytes(file);
        Assert.True(CheckpointFile.Read(file).Header.Bytes > 0, "the intact checkpoint reads and points into the log");
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => CheckpointFile.Read(file)).Message);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(file, bytes);
        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => CheckpointFile.Read(file)).Message);
        File.WriteAllBytes(file, "not a checkpoint"u8.ToArray());
        Assert.Contains("not a Hypergrid checkpoint", Assert.Throws<InvalidDataException>(() => CheckpointFile.Read(file)).Message);
    }
}
