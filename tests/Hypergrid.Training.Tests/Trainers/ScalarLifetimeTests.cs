using Hypergrid.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Tests.Trainers;

/// <summary>
/// No native crash: the flat optimizers hand libtorch Scalars that stay alive until it has used them. Many steps with
/// checkpoints (save and load of the whole state) while another thread forces collections and finalizers all the time
/// end exactly where the same steps end without that pressure, for every optimizer, with clipping.
/// </summary>
public class ScalarLifetimeTests
{
    static ScalarLifetimeTests() => Hypergrid.Training.Native.LibTorchLoader.EnsureLoaded();

    public static TheoryData<string> Optimizers => ["adam", "adamw", "sgd-nesterov-wd"];

    private const int Steps = 40_000;

    private static float[] Train(string name, bool pressure)
    {
        random.manual_seed(3);
        // Small tensors: each native call is short, so more of them fit in the test, and each is a chance for the race.
        var parameters = new[] { randn(8, 4), randn(4), randn(3, 8) }.Select(t => new TorchSharp.Modules.Parameter(t)).ToArray();
        using var flat = FlatParameters.Adopt(parameters);
        IStepper Make() => name switch
        {
            "adam" => new FlatAdam(flat, 0.9, 0.999, 1e-8, 0),
            "adamw" => new FlatAdam(flat, 0.9, 0.99, 1e-6, 0.05),
            _ => new FlatSgd(flat, 0.8, true, 0.01),
        };
        var stepper = Make();
        random.manual_seed(11);
        using var stop = new CancellationTokenSource();
        // Two threads forcing collections and finalizers on a 2-core machine: the training thread is often descheduled
        // right after it handed a Scalar's handle to libtorch, which is when a finalizer could free it.
        var collector = pressure ? Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }))) : Task.CompletedTask;
        try
        {
            for (var step = 0; step < Steps; step++)
            {
                using (var g = randn(flat.Grads.shape)) flat.Grads.copy_(g);
                flat.ClipGradNorm(5.0);
                stepper.Step(1e-3 * (1 + step % 7));
                if (step % 5000 != 4999) continue;
                // A checkpoint: the whole state out and into a fresh optimizer.
                using var buffer = new MemoryStream();
                using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) stepper.Save(w);
                stepper.Dispose();
                stepper = Make();
                buffer.Position = 0;
                using var r = new BinaryReader(buffer);
                stepper.Load(r);
            }
        }
        finally
        {
            stop.Cancel();
            collector.Wait();
            stepper.Dispose();
        }
        return flat.Values.data<float>().ToArray();
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Thousands_of_steps_under_constant_collections_neither_crash_nor_change_a_bit(string name) =>
        Assert.Equal(Train(name, pressure: false), Train(name, pressure: true));
}
