using System.Diagnostics;
using Hypergrid.Training.Data;
using Hypergrid.Training.Logging;
using Hypergrid.Trials.Logs;
using Hypergrid.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training;

/// <summary>Trains one trial: every batch of every epoch is logged, followed by a full val pass each epoch.</summary>
public static class TrainingLoop
{
    /// <summary>Reports where training is, for progress bars; called once per batch.</summary>
    public delegate void Progress(int epoch, int epochs, int batch, int batches, double loss);

    /// <summary>Trains the trial to the end; every metric leaves through <paramref name="sink"/>. Throws when a loss is not finite.</summary>
    public static void Run(TrialSpec spec, DataBundle data, IBatchSink sink, Progress? progress = null, CancellationToken cancel = default)
    {
        Native.LibTorchLoader.EnsureLoaded();
        random.manual_seed(spec.Seed);
        var settings = spec.TrainerFactory.Settings;
        var device = torch.device(spec.Device);
        using var model = spec.ModelFactory.Create(data.Shape, data.Classes);
        model.to(device);
        using var optimizer = spec.TrainerFactory.Create(model.parameters());
        var solver = model as ISolverModel;
        var parameters = model.parameters().ToArray();
        using var trainX = tensor(data.TrainX).reshape([data.TrainCount, .. data.Shape.Select(d => (long)d)]).to(device);
        using var trainY = tensor(data.TrainY).to(device);
        using var valX = tensor(data.ValX).reshape([data.ValCount, .. data.Shape.Select(d => (long)d)]).to(device);
        using var valY = tensor(data.ValY).to(device);

        var shuffle = new Random((int)spec.Seed);
        var order = Enumerable.Range(0, data.TrainCount).ToArray();
        var batches = (data.TrainCount + settings.BatchSize - 1) / settings.BatchSize;
        var clock = Stopwatch.StartNew();
        for (var epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            model.train();
            solver?.StartEpoch(epoch - 1, settings.Epochs);
            shuffle.Shuffle(order);
            for (var b = 0; b < batches; b++)
            {
                cancel.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var step = (epoch - 1) * batches + b;
                var lr = settings.Schedule.At(step, epoch - 1, settings.Epochs * batches);
                foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
                var idx = tensor(order.AsSpan(b * settings.BatchSize, Math.Min(settings.BatchSize, data.TrainCount - b * settings.BatchSize)).ToArray()).to(device);
                var y = trainY.index_select(0, idx);
                optimizer.zero_grad();
                var logits = model.forward(trainX.index_select(0, idx));
                var loss = nn.functional.cross_entropy(logits, y);
                loss.backward();
                double? gradNorm = settings.ClipGrad is { } clip
                    ? nn.utils.clip_grad_norm_(parameters, clip)
                    : spec.BatchMetrics.Contains("grad_norm") ? GradNorm(parameters) : null;
                optimizer.step();
                var row = Row(spec, solver, epoch, "train", b, clock, loss, logits, y, lr, gradNorm);
                Log(sink, row);
                progress?.Invoke(epoch, settings.Epochs, b, batches, row.Loss);
            }
            Validate(spec, model, solver, valX, valY, sink, epoch, clock, settings.Schedule.At(epoch * batches - 1, epoch - 1, settings.Epochs * batches));
        }
    }

    // Every logged loss is checked, val included: a trial that diverges on its last step is not complete.
    private static void Log(IBatchSink sink, in BatchRow row)
    {
        sink.Write(row);
        if (!double.IsFinite(row.Loss))
            throw new TrainingDivergedException($"loss became {row.Loss} at epoch {row.Epoch} {row.Phase} batch {row.Batch}; lower lr or set clip_grad");
    }

    private static void Validate(TrialSpec spec, nn.Module<Tensor, Tensor> model, ISolverModel? solver, Tensor x, Tensor y,
        IBatchSink sink, int epoch, Stopwatch clock, double lr)
    {
        model.eval();
        using var _ = no_grad();
        var n = (int)y.shape[0];
        var size = spec.TrainerFactory.Settings.BatchSize;
        for (int b = 0, start = 0; start < n; b++, start += size)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(size, n - start);
            var yb = y.narrow(0, start, count);
            var logits = model.forward(x.narrow(0, start, count));
            var loss = nn.functional.cross_entropy(logits, yb);
            Log(sink, Row(spec, solver, epoch, "val", b, clock, loss, logits, yb, lr, null));
        }
    }

    private static BatchRow Row(TrialSpec spec, ISolverModel? solver, int epoch, string phase, int batch, Stopwatch clock,
        Tensor loss, Tensor logits, Tensor y, double lr, double? gradNorm)
    {
        var acc = logits.argmax(1).eq(y).to_type(ScalarType.Float32).mean().item<float>();
        var row = new BatchRow(epoch, phase, batch, clock.Elapsed.TotalSeconds, loss.item<float>(), acc, lr,
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

    private static double GradNorm(TorchSharp.Modules.Parameter[] parameters)
    {
        using var scope = NewDisposeScope();
        var total = zeros(1, device: parameters.Length > 0 ? parameters[0].device : null);
        foreach (var p in parameters)
            if (p.grad is { } g) total += g.pow(2).sum();
        return Math.Sqrt(total.item<float>());
    }
}
