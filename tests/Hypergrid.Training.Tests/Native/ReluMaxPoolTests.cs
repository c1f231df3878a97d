using Hypergrid.Training.Models;
using Hypergrid.Training.Native;
using static TorchSharp.torch;

namespace Hypergrid.Training.Tests.Native;

/// <summary>
/// The fused ReLU and 2x2 max-pool gives libtorch's <c>max_pool2d(relu(x), 2)</c> bit for bit: the outputs, and the
/// gradients (which element of a window gets it, ties, NaN windows, -0), for even and odd sizes, narrow and wide rows, on
/// one and two threads; and the fused node is the one that runs.
/// </summary>
public class ReluMaxPoolTests
{
    static ReluMaxPoolTests() => LibTorchLoader.EnsureLoaded();

    /// <summary>Equal bit patterns (NaN payloads and the sign of zero included); else the first element that differs.</summary>
    private static void Same(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var (e, a) = (Bits(expected), Bits(actual));
        var at = Enumerable.Range(0, e.Length).FirstOrDefault(i => e[i] != a[i], -1);
        Assert.True(at < 0, $"{what}: element {at} of {e.Length} is {(at < 0 ? 0 : BitConverter.Int32BitsToSingle(a[at]))}, libtorch's {(at < 0 ? 0 : BitConverter.Int32BitsToSingle(e[at]))}");
    }

    private static int[] Bits(Tensor t) => t.contiguous().data<float>().ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    public static TheoryData<int, int, int, int> Shapes => new()
    {
        { 4, 8, 28, 28 }, { 3, 5, 14, 14 }, { 2, 3, 7, 7 }, { 2, 2, 9, 16 }, { 1, 1, 2, 2 }, { 2, 3, 6, 33 }, { 5, 7, 17, 3 }, { 1, 2, 3, 40 },
        // Large enough to be split over two threads (even width: both stages; odd width: the row by row pass).
        { 32, 16, 32, 32 }, { 8, 16, 17, 33 },
    };

    private static Tensor Input(string kind, long[] shape, Random rng)
    {
        var t = randn(shape);
        switch (kind)
        {
            case "ties": // few distinct values: equal maxima within windows, and zeros after the ReLU
                t = t.mul(2).round().clamp(-1, 2);
                break;
            case "nan":
                var flat = t.view(-1);
                for (var i = 0; i < 12; i++) flat[rng.Next((int)flat.shape[0])] = float.NaN;
                break;
            case "zeros": // -0 and +0 inputs, where only the sign bit tells them apart
                t = zeros(shape).where(t.gt(0), full(shape, -0.0f));
                break;
        }
        return t;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Outputs_and_gradients_equal_libtorch_relu_then_max_pool_bit_for_bit(int n, int c, int h, int w)
    {
        var rng = new Random(n * 1000 + h * 10 + w);
        var before = get_num_threads();
        try
        {
            foreach (var threads in new[] { 1, 2 })
            {
                set_num_threads(threads);
                foreach (var kind in new[] { "randn", "ties", "nan", "zeros" })
                {
                    var input = Input(kind, [n, c, h, w], rng);
                    var theirs = input.clone().requires_grad_();
                    var ours = input.clone().requires_grad_();
                    var expected = nn.functional.max_pool2d(nn.functional.relu(theirs), [2L]);
                    var actual = new ReluMaxPool().forward(ours);
                    Same(expected, actual, $"{kind}, {threads} thread(s), outputs");
                    // Gradients with -0 among them: libtorch's scatter into zeros turns them into +0.
                    var grad = randn_like(expected);
                    grad = grad.where(grad.abs().gt(0.3), grad.mul(-0.0f));
                    expected.backward([grad]);
                    actual.backward([grad]);
                    Same(theirs.grad!, ours.grad!, $"{kind}, {threads} thread(s), gradients");
                    using (no_grad())
                        Same(expected, new ReluMaxPool().forward(input), $"{kind}, {threads} thread(s), without autograd");
                }
            }
        }
        finally { set_num_threads(before); }
    }

    [Fact]
    public void The_fused_node_is_the_one_that_runs_and_the_switch_turns_it_off()
    {
        // Otherwise the equalities here could compare libtorch with itself.
        var x = randn(2, 3, 8, 8).requires_grad_();
        var (forwards, backwards) = (ReluMaxPoolFunction.Forwards, ReluMaxPoolFunction.Backwards);
        new ReluMaxPool().forward(x).sum().backward();
        Assert.Equal((forwards + 1, backwards + 1), (ReluMaxPoolFunction.Forwards, ReluMaxPoolFunction.Backwards));
        try
        {
            ReluMaxPool.Fused = false;
            new ReluMaxPool().forward(x).sum().backward();
            Assert.Equal((forwards + 1, backwards + 1), (ReluMaxPoolFunction.Forwards, ReluMaxPoolFunction.Backwards));
        }
        finally { ReluMaxPool.Fused = true; }
    }

    [Fact]
    public void Outside_a_dispose_scope_with_collections_running_alongside_the_results_stay_libtorch_s()
    {
        // Nothing but the node holds the tensors TorchSharp hands to libtorch by handle; a collection on another thread
        // must not free one before libtorch took its reference.
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() => { while (!stop.IsCancellationRequested) { GC.Collect(); Thread.Sleep(1); } });
        collector.Start();
        try
        {
            for (var i = 0; i < 30; i++)
            {
                var input = randn(16, 8, 28, 28);
                var theirs = input.clone().requires_grad_();
                var ours = input.clone().requires_grad_();
                var expected = nn.functional.max_pool2d(nn.functional.relu(theirs), [2L]);
                var actual = new ReluMaxPool().forward(ours);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var grad = randn_like(expected);
                expected.backward([grad]);
                actual.backward([grad]);
                Same(expected, actual, $"pass {i}, outputs");
                Same(theirs.grad!, ours.grad!, $"pass {i}, gradients");
            }
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
    }
}
