using Hypergrid.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Models;

/// <summary>ReLU then 2x2 max-pool as one autograd node, computed by <see cref="PoolKernels"/>; the backward pass reads the kept codes.</summary>
internal sealed class ReluMaxPoolFunction : autograd.SingleTensorFunction<ReluMaxPoolFunction>
{
    public override string Name => "ReluMaxPool2x2";

    /// <summary>Forward and backward passes run so far in this process (tests show the fused path is the one taken).</summary>
    internal static long Forwards, Backwards;

    /// <summary>x: contiguous float32 (N, C, H, W) on the CPU, H and W at least 2.</summary>
    public static Tensor Apply(Tensor x)
    {
        if (is_grad_enabled() && x.requires_grad) return apply(x);
        var (output, code) = Run(x);
        code.Dispose();
        return output;
    }

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var x = (Tensor)vars[0];
        var (output, code) = Run(x);
        ctx.save_for_backward([code]);
        ctx.save_data("shape", x.shape);
        // TorchSharp hands libtorch this tensor's handle only; held by the node, its wrapper cannot be finalized before
        // libtorch took its own reference (outside a dispose scope nothing else holds it).
        ctx.save_data("output", new Holder(output));
        return output;
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad)
    {
        Interlocked.Increment(ref Backwards);
        var shape = (long[])ctx.get_data("shape");
        // An odd last row or column belongs to no window: its gradient is zero; everything else is written.
        var input = shape[2] % 2 == 0 && shape[3] % 2 == 0 ? empty(shape, dtype: ScalarType.Float32) : zeros(shape, dtype: ScalarType.Float32);
        using var g = grad.contiguous();
        PoolKernels.Backward(g, ctx.get_saved_variables()[0], input, shape[0] * shape[1], shape[2], shape[3]);
        ctx.save_data("input gradient", new Holder(input)); // as the output above: libtorch copies it after this returns
        return [input];
    }

    /// <summary>A reference the context keeps (it refuses tensors as data, to steer them to save_for_backward).</summary>
    private sealed record Holder(Tensor Tensor);

    private static (Tensor Output, Tensor Code) Run(Tensor x)
    {
        Interlocked.Increment(ref Forwards);
        long n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        var output = empty([n, c, h / 2, w / 2], dtype: ScalarType.Float32);
        var code = empty([PoolKernels.CodeBytes(n * c, h, w)], dtype: ScalarType.Byte);
        PoolKernels.Forward(x, output, code, n * c, h, w);
        return (output, code);
    }
}
