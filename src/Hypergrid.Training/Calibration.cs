using System.Diagnostics;
using Hypergrid.Training.Data;
using Hypergrid.Training.Optimizers;
using static TorchSharp.torch;

namespace Hypergrid.Training;

/// <summary>How long a trial's training batch takes with a given number of threads, measured on its first batches.</summary>
public static class Calibration
{
    /// <summary>The median seconds of a full training step (forward, backward, optimizer) after one warm-up, within about <paramref name="budget"/>.</summary>
    public static double SecondsPerBatch(TrialSpec spec, DataBundle data, int threads, TimeSpan budget)
    {
        Native.LibTorchLoader.EnsureLoaded();
        var before = get_num_threads();
        set_num_threads(threads);
        try
        {
            random.manual_seed(spec.Seed);
            var settings = spec.TrainerFactory.Settings;
            using var model = spec.ModelFactory.Create(data.Shape, data.Classes);
            model.train();
            using var flat = FlatParameters.Adopt(model.parameters());
            using var optimizer = spec.TrainerFactory.Create(flat);
            var size = Math.Min(settings.BatchSize, data.TrainCount);
            var features = data.Shape.Aggregate(1L, (a, b) => a * b);
            if (size * features > data.TrainX.Length) throw new InvalidDataException($"a batch of {size} samples of {features} features is more than the {data.TrainX.Length} values the data holds");
            using var x = tensor(data.TrainX.AsSpan(0, (int)(size * features)).ToArray()).reshape([size, .. data.Shape.Select(d => (long)d)]);
            using var y = tensor(data.TrainY.AsSpan(0, size).ToArray());
            var times = new List<double>();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 64 && (i < 4 || clock.Elapsed < budget); i++)
            {
                using var scope = NewDisposeScope();
                var step = Stopwatch.StartNew();
                flat.ZeroGrad();
                var loss = nn.functional.cross_entropy(model.forward(x), y);
                loss.backward();
                optimizer.Step(settings.Schedule.Lr);
                _ = loss.item<float>();
                if (i > 0) times.Add(step.Elapsed.TotalSeconds);
            }
            times.Sort();
            return times[times.Count / 2];
        }
        finally { set_num_threads(before); }
    }
}
