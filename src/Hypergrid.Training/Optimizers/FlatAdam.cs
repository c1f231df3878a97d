using static TorchSharp.torch;

namespace Hypergrid.Training.Optimizers;

/// <summary>
/// Adam, and AdamW with decoupled weight decay, over flat parameters: the same arithmetic as TorchSharp's optim.Adam /
/// optim.AdamW, element for element, in seven native calls per step whatever the number of parameter tensors.
/// </summary>
public sealed class FlatAdam(FlatParameters flat, double beta1, double beta2, double eps, double weightDecay) : IStepper
{
    private readonly Tensor m = zeros_like(flat.Values);
    private readonly Tensor v = zeros_like(flat.Values);
    private readonly Tensor denom = zeros_like(flat.Values);
    private long step;

    public void Step(double lr)
    {
        var p = flat.Values;
        var g = flat.Grads;
        step++;
        if (weightDecay > 0) p.mul_(1 - lr * weightDecay);
        var bias1 = 1 - Math.Pow(beta1, step);
        var bias2 = 1 - Math.Pow(beta2, step);
        m.mul_(beta1).add_(g, alpha: 1 - beta1);
        v.mul_(beta2).addcmul_(g, g, value: 1 - beta2);
        // denom = sqrt(v) / sqrt(bias2) + eps, into a buffer kept across steps (no allocation per step).
        denom.copy_(v).sqrt_();
        denom.div_(Math.Sqrt(bias2)).add_(eps);
        p.addcdiv_(m, denom, value: -lr / bias1);
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
    }
}
