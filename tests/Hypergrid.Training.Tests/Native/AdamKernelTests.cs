using Hypergrid.Training.Native;
using Hypergrid.Training.Optimizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Hypergrid.Training.Tests.Native;

/// <summary>
/// The one-pass Adam step gives what libtorch's nine calls give (the path it replaces) within float rounding, with and
/// without weight decay, for lengths that end in the vector body and in the scalar tail; and its result does not depend
/// on where the buffer is split into vectors, tail and threads.
/// </summary>
public class AdamKernelTests
{
    static AdamKernelTests() => LibTorchLoader.EnsureLoaded();

    private static FlatParameters Flat(long n, int seed)
    {
        random.manual_seed(seed);
        return FlatParameters.Adopt([new Parameter(randn(n))]);
    }

    // Steps with a new random gradient each, and a learning rate that changes; returns p, m and v (m and v as Save writes them).
    private static float[][] Run(long n, double weightDecay, bool fused, int steps = 25)
    {
        var before = FlatAdam.Fused;
        FlatAdam.Fused = fused;
        try
        {
            using var flat = Flat(n, 3);
            using var adam = new FlatAdam(flat, 0.9, 0.999, 1e-8, weightDecay);
            for (var s = 0; s < steps; s++)
            {
                random.manual_seed(100 + s);
                using var g = randn(n).mul(s % 5 == 0 ? 1e-3 : 1.0);
                flat.Grads.copy_(g);
                adam.Step(0.01 * (1 + s % 3));
            }
            using var state = new MemoryStream();
            using (var w = new BinaryWriter(state, System.Text.Encoding.UTF8, leaveOpen: true)) adam.Save(w);
            state.Position = 0;
            using var m = zeros(n);
            using var v = zeros(n);
            using var r = new BinaryReader(state);
            Assert.Equal("adam", r.ReadString());
            Assert.Equal(steps, r.ReadInt64());
            TensorBytes.Read(r, m);
            TensorBytes.Read(r, v);
            return [flat.Values.data<float>().ToArray(), m.data<float>().ToArray(), v.data<float>().ToArray()];
        }
        finally { FlatAdam.Fused = before; }
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(7, 0.0)]
    [InlineData(16, 0.05)]
    [InlineData(17, 0.0)]
    [InlineData(1029, 0.05)]
    [InlineData(70_001, 0.0)]
    public void The_one_pass_step_gives_libtorchs_calls_within_float_rounding(long n, double weightDecay)
    {
        var fused = Run(n, weightDecay, fused: true);
        var calls = Run(n, weightDecay, fused: false);
        foreach (var (name, k) in new[] { ("parameters", 0), ("first moments", 1), ("second moments", 2) })
        {
            // Relative to each value, or to the buffer's scale (root mean square) for smaller values: a step that takes a
            // value near zero keeps the rounding error of its larger terms.
            var floor = Math.Sqrt(calls[k].Average(b => (double)b * b));
            var worst = fused[k].Zip(calls[k], (a, b) => Math.Abs(a - b) / Math.Max(floor, Math.Abs(b))).Max();
            Assert.True(worst < 1e-5, $"{name}: largest relative difference {worst:G3} after 25 steps");
        }
        // The steps moved the parameters well beyond that tolerance: the comparison is not of two untouched buffers.
        using var start = Flat(n, 3);
        Assert.True(fused[0].Zip(start.Values.data<float>().ToArray(), (a, b) => Math.Abs(a - b)).Max() > 1e-2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(13)]
    public void A_step_over_a_buffer_equals_steps_over_its_pieces_bit_for_bit(long cut)
    {
        // Moving the cut moves elements between the vector body and the scalar tail of a piece.
        const long n = 1000;
        var c = AdamKernel.Coefficients.For(3, 0.01, 0.9, 0.999, 1e-8, 0.01);
        Tensor[] Buffers(int seed) { random.manual_seed(seed); return [randn(n), randn(n), randn(n), rand(n)]; }
        var whole = Buffers(9);
        var pieces = Buffers(9);
        AdamKernel.Step(whole[0], whole[1], whole[2], whole[3], c);
        foreach (var (from, length) in new[] { (0L, cut), (cut, n - cut) })
        {
            var views = pieces.Select(t => t.narrow(0, from, length)).ToArray();
            AdamKernel.Step(views[0], views[1], views[2], views[3], c);
        }
        foreach (var k in new[] { 0, 2, 3 })
            Assert.Equal(whole[k].data<float>().ToArray().Select(BitConverter.SingleToInt32Bits), pieces[k].data<float>().ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void A_step_on_two_threads_equals_one_on_one_thread_bit_for_bit()
    {
        const long n = 1 << 21; // enough for two threads' chunks
        var before = get_num_threads();
        try
        {
            var results = new List<float[]>();
            foreach (var threads in new[] { 1, 2 })
            {
                set_num_threads(threads);
                results.Add(Run(n, 0.0, fused: true, steps: 3)[0]);
            }
            Assert.Equal(results[0].Select(BitConverter.SingleToInt32Bits), results[1].Select(BitConverter.SingleToInt32Bits));
        }
        finally { set_num_threads(before); }
    }
}
