using Hypergrid.Training.Native;
using static TorchSharp.torch;

namespace Hypergrid.Training.Tests.Native;

/// <summary>
/// The allocator keeps freed tensor memory: a batch-sized tensor freed and allocated again faults no new pages, where
/// glibc's initial thresholds fault every page of it in again, each time. The tuning is on by default and recorded.
/// </summary>
public class MallocTuningTests
{
    static MallocTuningTests() => LibTorchLoader.EnsureLoaded();

    /// <summary>On a thread of its own: glibc gives it an arena of its own, where a thread that ran other tests (which
    /// leave memory in its arena) serves 16 MiB from what it holds whatever the thresholds.</summary>
    private static long FaultsOfRepeatedAllocations(bool tuned)
    {
        long faults = -1;
        var thread = new Thread(() => faults = FaultsOnThisThread(tuned));
        thread.Start();
        thread.Join();
        return faults;
    }

    private static long FaultsOnThisThread(bool tuned)
    {
        Assert.True(MallocTuning.Set(tuned));
        // glibc settles within a few allocations of a size (measured: about ten); a training loop makes thousands.
        for (var i = 0; i < 12; i++)
            using (var warm = empty(4 << 20)) warm.fill_(HeldScalars.One);
        var before = MallocTuning.MinorFaults();
        for (var i = 0; i < 20; i++)
        {
            using var t = empty(4 << 20); // 16 MiB: a CNN's activations of a batch are of this size
            t.fill_(HeldScalars.One);
        }
        return MallocTuning.MinorFaults() - before;
    }

    [Fact]
    public void A_tensor_freed_and_allocated_again_reuses_its_pages_with_the_tuning_and_faults_them_in_again_without()
    {
        try
        {
            var untuned = FaultsOfRepeatedAllocations(tuned: false);
            var tuned = FaultsOfRepeatedAllocations(tuned: true);
            Assert.True(untuned > 20 * 2000, $"glibc's thresholds: {untuned} minor faults for 20 allocations of 16 MiB");
            Assert.True(tuned < untuned / 20, $"tuned: {tuned} minor faults, untuned: {untuned}");
        }
        finally
        {
            MallocTuning.ApplyFromEnvironment();
        }
    }

    [Fact]
    public void The_tuning_is_applied_when_libtorch_loads_unless_switched_off()
    {
        Assert.StartsWith(Environment.GetEnvironmentVariable("HYPERGRID_MALLOC_TUNING") == "0"
            ? "glibc defaults (HYPERGRID_MALLOC_TUNING=0)" : "mmap_threshold=32MiB trim_threshold=2GiB", MallocTuning.Outcome);
    }

    [Theory]
    [InlineData("model: cnn\nchannels: [6, 8]\nfc: 16\n", true)]
    [InlineData("model: cnn\nchannels: [16, 32]\nfc: 16\n", false)]
    [InlineData("model: mlp\nhidden: [16]\n", false)]
    public void Training_a_model_whose_channels_onednn_pads_turns_the_perturb_byte_on_and_any_other_turns_it_off(string model, bool padded)
    {
        if (Environment.GetEnvironmentVariable("HYPERGRID_MALLOC_TUNING") == "0") return;
        var spec = Training.TrainingLoopTests.Spec("mode: sweep\nseed: 0\nepochs: 1\ndataset: mnist\nval_samples: 9000\nbatch_size: 100\ntrainer: adam\n" + model);
        MallocTuning.GuardPadding(!padded); // the opposite first: the run must change it
        using (var sink = new Hypergrid.Training.Logging.BatchLogWriter(Path.Combine(Directory.CreateTempSubdirectory("hypergrid-perturb-").FullName, "b.csv")))
            TrainingLoop.Run(spec, spec.Data.Load("data"), sink);
        Assert.Equal(padded, MallocTuning.Outcome.EndsWith(" perturb=0xA5"));
    }

    [Fact]
    public void A_cnn_whose_channels_onednn_pads_gets_no_nan_gradient_from_memory_an_earlier_tensor_left_nan()
    {
        // 6 and 8 channels are padded to 16 in oneDNN's blocked layouts on AVX-512 (to 8 on AVX2); the padding a reorder
        // leaves unwritten is multiplied by zero weights. Before the perturb byte, NaNs freed just before made about one
        // backward pass in twenty NaN (3 and 10 of 60 measured on an AMD EPYC with AVX-512). Both pooling paths are run.
        var before = get_num_threads();
        var nan = new List<string>();
        try
        {
            set_num_threads(1);
            MallocTuning.GuardPadding(true); // as training this model does
            using var x = randn(64, 1, 28, 28);
            using var y = randint(0, 10, 64, dtype: ScalarType.Int64);
            for (var i = 0; i < 120; i++)
            {
                Hypergrid.Training.Models.ReluMaxPool.Fused = i % 2 == 0;
                using var scope = NewDisposeScope();
                using (var junk = full(64 * 16 * 28 * 28, float.NaN)) { } // an earlier tensor's NaNs, freed
                manual_seed(1);
                using var model = new Hypergrid.Training.Models.Cnn([1, 28, 28], [6, 8], 16, 0, 10);
                nn.functional.cross_entropy(model.forward(x), y).backward();
                if (model.parameters().Any(p => p.grad!.isnan().any().item<bool>())) nan.Add($"pass {i}");
            }
        }
        finally
        {
            Hypergrid.Training.Models.ReluMaxPool.Fused = true;
            MallocTuning.GuardPadding(false);
            set_num_threads(before);
        }
        Assert.True(nan.Count == 0, $"NaN gradients in {string.Join(", ", nan)} of 120");
    }
}
