using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Optimizers;

/// <summary>
/// Adam, and AdamW with decoupled weight decay, over flat parameters: the same arithmetic as TorchSharp's optim.Adam /
/// optim.AdamW, element for element: on the CPU in one pass of <see cref="Native.AdamKernel"/>, elsewhere in nine
/// native calls per step whatever the number of parameter tensors.
/// </summary>
public sealed class FlatAdam(FlatParameters flat, double beta1, double beta2, double eps, double weightDecay) : IStepper
{
    private readonly Tensor m = zeros_like(flat.Values);
    private readonly Tensor v = zeros_like(flat.Values);
    private readonly Tensor denom = zeros_like(flat.Values);

    // Every Scalar passed to libtorch is held by a field or a 'using' until the call returns: a temporary made by an
    // implicit conversion is unreachable once its handle is read, and its finalizer may free it while libtorch still
    // reads it (libtorch's "Expected false to be true ... Scalar.h" inside addcmul_ or mul_). That includes the alpha of 1
    // TorchSharp makes for add_(x) without one: alpha is always passed.
    private readonly Scalar beta1Scalar = beta1.ToScalar(), keep1 = (1 - beta1).ToScalar();
    private readonly Scalar beta2Scalar = beta2.ToScalar(), keep2 = (1 - beta2).ToScalar(), epsScalar = eps.ToScalar(), one = 1.0.ToScalar();
    private readonly bool fusable = Native.AdamKernel.Applies(flat.Values, flat.Grads);
    private long step;

    /// <summary>Whether a CPU step runs the one-pass kernel (false: libtorch's calls, for tests and the bench to compare).</summary>
    public static bool Fused { get; set; } = true;

    public void Step(double lr)
    {
        var p = flat.Values;
        var g = flat.Grads;
        step++;
        if (fusable && Fused)
        {
            Native.AdamKernel.Step(p, g, m, v, Native.AdamKernel.Coefficients.For(step, lr, beta1, beta2, eps, weightDecay));
            return;
        }
        if (weightDecay > 0)
        {
            using var decay = (1 - lr * weightDecay).ToScalar();
            p.mul_(decay);
        }
        var bias1 = 1 - Math.Pow(beta1, step);
        var bias2 = 1 - Math.Pow(beta2, step);
        m.mul_(beta1Scalar).add_(g, alpha: keep1);
        v.mul_(beta2Scalar).addcmul_(g, g, value: keep2);
        // denom = sqrt(v) / sqrt(bias2) + eps, into a buffer kept across steps (no allocation per step).
        denom.copy_(v).sqrt_();
        using var root2 = Math.Sqrt(bias2).ToScalar();
        using var stepSize = (-lr / bias1).ToScalar();
        denom.div_(root2).add_(epsScalar, one);
        p.addcdiv_(m, denom, value: stepSize);
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write("adam");
        writer.Write(step);
        TensorBytes.Write(writer, m);
        TensorBytes.Write(writer, v);
    }

    public void Load(BinaryReader reader)
    {
        if (reader.ReadString() != "adam") throw new InvalidDataException("the optimizer state is not Adam's");
        step = reader.ReadInt64();
        TensorBytes.Read(reader, m);
        TensorBytes.Read(reader, v);
    }

    public void Dispose()
    {
        m.Dispose();
        v.Dispose();
        denom.Dispose();
        foreach (var s in new[] { beta1Scalar, keep1, beta2Scalar, keep2, epsScalar, one }) s.Dispose();
    }
}
