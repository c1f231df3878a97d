using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Optimizers;

/// <summary>
/// A model's parameters and their gradients laid out in two contiguous buffers: each parameter (and its .grad) becomes a
/// view into them, so an optimizer step, a gradient norm or a zeroing is a handful of native calls over all parameters
/// instead of several per parameter (what PyTorch's foreach and fused kernels achieve). Autograd accumulates into an
/// existing .grad in place, so the views stay the gradients.
/// </summary>
public sealed class FlatParameters : IDisposable
{
    private FlatParameters(Tensor values, Tensor grads, int count)
    {
        Values = values;
        Grads = grads;
        Count = count;
    }

    /// <summary>All parameter values, one after the other, in the order the module lists them.</summary>
    public Tensor Values { get; }

    /// <summary>All gradients, laid out as <see cref="Values"/>.</summary>
    public Tensor Grads { get; }

    /// <summary>How many parameter tensors share the buffers.</summary>
    public int Count { get; }

    /// <summary>Moves every parameter's storage into one buffer (values kept) and gives each a zeroed gradient view.</summary>
    public static FlatParameters Adopt(IEnumerable<TorchSharp.Modules.Parameter> parameters)
    {
        var list = parameters.ToList();
        if (list.Count == 0) throw new ArgumentException("the model has no parameters");
        var total = list.Sum(p => p.numel());
        var device = list[0].device;
        var values = zeros(total, list[0].dtype, device);
        var grads = zeros(total, list[0].dtype, device);
        using (no_grad())
        {
            long at = 0;
            foreach (var p in list)
            {
                var n = p.numel();
                using var valueView = values.narrow(0, at, n).view(p.shape);
                valueView.copy_(p);
                p.set_(valueView);
                p.grad = grads.narrow(0, at, n).view(p.shape);
                at += n;
            }
        }
        return new FlatParameters(values, grads, list.Count);
    }

    public void ZeroGrad() => Grads.zero_();

    /// <summary>The global L2 norm of the gradients: one reduction.</summary>
    public double GradNorm()
    {
        using var norm = Grads.norm();
        return norm.item<float>();
    }

    /// <summary>
    /// Scales the gradients so their global norm is at most <paramref name="max"/>, as <c>clip_grad_norm_</c> does
    /// (coefficient max / (norm + 1e-6) when below 1); returns the norm before clipping.
    /// </summary>
    public double ClipGradNorm(double max)
    {
        var norm = GradNorm();
        var coefficient = max / (norm + 1e-6);
        if (coefficient < 1)
        {
            using var scale = coefficient.ToScalar(); // held until libtorch used it (see FlatAdam)
            Grads.mul_(scale);
        }
        return norm;
    }

    public void Dispose()
    {
        Values.Dispose();
        Grads.Dispose();
    }
}
