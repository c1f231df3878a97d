using System.Diagnostics;
using Hypergrid.Training.Checkpoints;
using Hypergrid.Training.Data;
using Hypergrid.Training.Logging;
using Hypergrid.Trials;
using Hypergrid.Trials.Logs;
using Hypergrid.Training.Models;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Hypergrid.Training;

/// <summary>Trains one trial: every batch of every epoch is logged, followed by a full val pass each epoch.</summary>
public static class TrainingLoop
{
    /// <summary>Reports where training is, for progress bars; called once per batch.</summary>
    public delegate void Progress(int epoch, int epochs, int batch, int batches, double loss);

    /// <summary>
    /// Trains the trial to the end (true), or to <see cref="TrainingOptions.StopAfterEpoch"/> when that comes first (false:
    /// paused, with a checkpoint of the next epoch's start); every metric leaves through <paramref name="sink"/>.
    /// Throws when a loss is not finite.
    /// </summary>
    public static bool Run(TrialSpec spec, DataBundle data, IBatchSink sink, TrainingOptions? options = null)
    {
        options ??= new TrainingOptions();
        Native.LibTorchLoader.EnsureLoaded();
        GuardPadding(spec);
        random.manual_seed(spec.Seed);
        var settings = spec.TrainerFactory.Settings;
        var device = torch.device(spec.Device);
        using var model = spec.ModelFactory.Create(data.Shape, data.Classes);
        model.to(device);
        // One buffer for all parameters and one for all gradients: the step, the norm and the zeroing are a few native calls.
        using var flat = Optimizers.FlatParameters.Adopt(model.parameters());
        using var optimizer = spec.TrainerFactory.Create(flat);
        var solver = model as ISolverModel;
        using var trainX = tensor(data.TrainX).reshape([data.TrainCount, .. data.Shape.Select(d => (long)d)]).to(device);
        using var trainY = tensor(data.TrainY).to(device);
        using var valX = tensor(data.ValX).reshape([data.ValCount, .. data.Shape.Select(d => (long)d)]).to(device);
        using var valY = tensor(data.ValY).to(device);

        var batches = (data.TrainCount + settings.BatchSize - 1) / settings.BatchSize;
        using var run = new RunState(options.Checkpoints, model, optimizer, sink, settings.Epochs, batches);
        var (firstEpoch, firstBatch) = run.Resume();
        for (var epoch = firstEpoch; epoch <= settings.Epochs; epoch++)
        {
            model.train();
            solver?.StartEpoch(epoch - 1, settings.Epochs);
            var order = DataOrder(spec.Seed, epoch, data.TrainCount);
            Diagnostics.EpochBoundaryTrace.Mark("order", epoch);
            for (var b = epoch == firstEpoch ? firstBatch : 0; b < batches; b++)
            {
                // A stop request is honoured at a batch boundary, after a checkpoint of exactly this point.
                if (options.Cancel.IsCancellationRequested) run.Stop(epoch, b, solver, options.Cancel);
                if (b > 0 && run.Due) run.Save(epoch, b, solver);
                using var scope = NewDisposeScope();
                var step = (epoch - 1) * batches + b;
                var lr = settings.Schedule.At(step, epoch - 1, settings.Epochs * batches);
                var idx = tensor(order.AsSpan(b * settings.BatchSize, Math.Min(settings.BatchSize, data.TrainCount - b * settings.BatchSize)).ToArray()).to(device);
                var y = trainY.index_select(0, idx);
                flat.ZeroGrad();
                var logits = model.forward(trainX.index_select(0, idx));
                var loss = nn.functional.cross_entropy(logits, y);
                loss.backward();
                double? gradNorm = settings.ClipGrad is { } clip ? flat.ClipGradNorm(clip)
                    : spec.BatchMetrics.Contains("grad_norm") ? flat.GradNorm() : null;
                optimizer.Step(lr);
                var row = Row(spec, solver, epoch, "train", b, run.Seconds, loss, logits, y, lr, gradNorm);
                Log(sink, row);
                if (b == 0) Diagnostics.EpochBoundaryTrace.Mark("first", epoch);
                options.Progress?.Invoke(epoch, settings.Epochs, b, batches, row.Loss);
            }
            // Val does not change the model or draw random numbers: a stop during it resumes at its start.
            var trainEnd = run.Enabled ? sink.Written() : default;
            var (valLoss, valAcc, _) = Validate(spec, model, solver, valX, valY, sink, epoch, () => run.Seconds,
                settings.Schedule.At(epoch * batches - 1, epoch - 1, settings.Epochs * batches),
                () => run.Stop(epoch, batches, solver, options.Cancel, trainEnd), options.Cancel);
            Diagnostics.EpochBoundaryTrace.Mark("val", epoch);
            run.EpochDone(valLoss, valAcc);
            run.Save(epoch + 1, 0, solver);
            Diagnostics.EpochBoundaryTrace.Mark("copied", epoch);
            if (options.StopAfterEpoch is { } stop && epoch >= stop && epoch < settings.Epochs)
            {
                sink.Flush();
                run.Wait();
                Diagnostics.EpochBoundaryTrace.Save();
                return false;
            }
        }
        run.Wait();
        Diagnostics.EpochBoundaryTrace.Save();
        if (options.WeightsPath is { } weights) AtomicFile.Write(weights, stream => model.save_safetensors(stream, leaveOpen: true));
        return true;
    }

    /// <summary>
    /// Loads saved weights and measures loss and accuracy on a split in order, in eval mode, batch by batch as the
    /// val pass does: the means over batches are the epoch log's val_loss and val_acc for the val split.
    /// </summary>
    public static (double Loss, double Acc, int Batches) Evaluate(TrialSpec spec, DataBundle data, byte[] weights, bool trainSplit)
    {
        Native.LibTorchLoader.EnsureLoaded();
        GuardPadding(spec); // the forward pass reads the padding too
        var device = torch.device(spec.Device);
        using var model = spec.ModelFactory.Create(data.Shape, data.Classes);
        try
        {
            using var stream = new MemoryStream(weights, writable: false);
            model.load_safetensors(stream);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever the library throws for a file that is not this model's weights (truncated, other shapes, other names).
            throw new InvalidDataException($"model.safetensors does not load into the '{spec.Model}' model this trial was trained with: {ex.Message}");
        }
        model.to(device);
        var (xs, ys, n) = trainSplit ? (data.TrainX, data.TrainY, data.TrainCount) : (data.ValX, data.ValY, data.ValCount);
        using var x = tensor(xs).reshape([n, .. data.Shape.Select(d => (long)d)]).to(device);
        using var y = tensor(ys).to(device);
        return Validate(spec, model, model as ISolverModel, x, y, Discard.Instance, 0, () => 0, 0, () => { }, CancellationToken.None);
    }

    // The perturb byte for the models whose convolutions oneDNN pads, off for any other (see MallocTuning).
    private static void GuardPadding(TrialSpec spec) => Native.MallocTuning.GuardPadding(spec.ModelFactory is Cnn.Factory { PaddedByOneDnn: true });

    /// <summary>Where an evaluation's rows go: nowhere (only their means are wanted).</summary>
    private sealed class Discard : IBatchSink
    {
        public static readonly Discard Instance = new();
        public void Write(in BatchRow row) { }
        public LogPosition Flush() => default;
    }

    /// <summary>
    /// The order of the training samples in an epoch: a shuffle seeded by the trial seed and the epoch alone, so a
    /// resumed trial reconstructs it without any saved generator.
    /// </summary>
    public static int[] DataOrder(long seed, int epoch, int count)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(EpochSeed(seed, epoch)).Shuffle(order);
        return order;
    }

    // splitmix64 of (seed, epoch): neighbouring seeds and epochs give unrelated orders.
    private static int EpochSeed(long seed, int epoch)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)epoch + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    // Every logged loss is checked, val included: a trial that diverges on its last step is not complete.
    private static void Log(IBatchSink sink, in BatchRow row)
    {
        sink.Write(row);
        if (!double.IsFinite(row.Loss))
            throw new TrainingDivergedException($"loss became {row.Loss} at epoch {row.Epoch} {row.Phase} batch {row.Batch}; lower lr or set clip_grad");
    }

    // Returns the epoch's val loss and accuracy as the epoch log reduces them (unweighted means over batches), and the batch count.
    private static (double Loss, double Acc, int Batches) Validate(TrialSpec spec, nn.Module<Tensor, Tensor> model, ISolverModel? solver, Tensor x, Tensor y,
        IBatchSink sink, int epoch, Func<double> seconds, double lr, Action stop, CancellationToken cancel)
    {
        model.eval();
        using var _ = no_grad();
        var n = (int)y.shape[0];
        var size = spec.TrainerFactory.Settings.BatchSize;
        double lossSum = 0, accSum = 0;
        var b = 0;
        for (var start = 0; start < n; b++, start += size)
        {
            if (cancel.IsCancellationRequested) stop();
            using var scope = NewDisposeScope();
            var count = Math.Min(size, n - start);
            var yb = y.narrow(0, start, count);
            var logits = model.forward(x.narrow(0, start, count));
            var loss = nn.functional.cross_entropy(logits, yb);
            var row = Row(spec, solver, epoch, "val", b, seconds(), loss, logits, yb, lr, null);
            Log(sink, row);
            lossSum += row.Loss;
            accSum += row.Acc;
        }
        return b == 0 ? (double.NaN, double.NaN, 0) : (lossSum / b, accSum / b, b);
    }

    private static BatchRow Row(TrialSpec spec, ISolverModel? solver, int epoch, string phase, int batch, double seconds,
        Tensor loss, Tensor logits, Tensor y, double lr, double? gradNorm)
    {
        var acc = Native.Accuracy.Of(logits, y);
        var row = new BatchRow(epoch, phase, batch, seconds, loss.item<float>(), acc, lr,
            IterBudget: solver?.IterBudget, GradNorm: gradNorm);
        if (solver?.LastStats is not { } stats) return row;
        if (spec.BatchMetrics.Contains("error"))
        {
            var (min, med, max) = Summary.MinMedMax(stats.Residuals);
            row = row with { ErrorMin = min, ErrorMed = med, ErrorMax = max };
        }
        if (spec.BatchMetrics.Contains("iter"))
        {
            var (min, med, max) = Summary.MinMedMax(stats.Iterations.Select(i => (float)i).ToList());
            row = row with { IterMin = min, IterMed = med, IterMax = max };
        }
        return row;
    }
}
