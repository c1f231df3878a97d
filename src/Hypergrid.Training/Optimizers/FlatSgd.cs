using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Optimizers;

/// <summary>SGD with momentum, Nesterov momentum and L2 weight decay over flat parameters, as TorchSharp's optim.SGD computes it.</summary>
public sealed class FlatSgd(FlatParameters flat, double momentum, bool nesterov, double weightDecay) : IStepper
{
    private readonly Tensor buffer = zeros_like(flat.Values);
    private readonly Tensor update = zeros_like(flat.Values);
    // Scalars are held until libtorch has used them (see FlatAdam): fields for constants, 'using' for the step's own.
    private readonly Scalar momentumScalar = momentum.ToScalar(), decayScalar = weightDecay.ToScalar(), one = 1.0.ToScalar();
    private bool started;

    public void Step(double lr)
    {
        var p = flat.Values;
        // d = g + wd * p, into a kept buffer (the gradient itself stays as autograd left it).
        update.copy_(flat.Grads);
        if (weightDecay != 0) update.add_(p, alpha: decayScalar);
        if (momentum != 0)
        {
            // The first step's buffer is the update itself, as TorchSharp's (and PyTorch's) SGD starts it.
            if (!started) buffer.copy_(update);
            else buffer.mul_(momentumScalar).add_(update, alpha: one);
            started = true;
            if (nesterov) update.add_(buffer, alpha: momentumScalar);
            else update.copy_(buffer);
        }
        using var step = (-lr).ToScalar();
        p.add_(update, alpha: step);
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write("sgd");
        writer.Write(started);
        TensorBytes.Write(writer, buffer);
    }

    public void Load(BinaryReader reader)
    {
        if (reader.ReadString() != "sgd") throw new InvalidDataException("the optimizer state is not SGD's");
        started = reader.ReadBoolean();
        TensorBytes.Read(reader, buffer);
    }

    public void Dispose()
    {
        buffer.Dispose();
        update.Dispose();
        foreach (var s in new[] { momentumScalar, decayScalar, one }) s.Dispose();
    }
}
