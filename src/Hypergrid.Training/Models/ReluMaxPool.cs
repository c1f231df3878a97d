using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Models;

/// <summary>
/// ReLU then 2x2 max-pool, the numbers of <c>max_pool2d(relu(x), 2)</c> bit for bit, forward and backward. On the CPU with
/// float32 it runs as one vectorised node (<see cref="ReluMaxPoolFunction"/>), several times faster than libtorch's
/// plain-layout max-pool; elsewhere (CUDA, other types), or with HYPERGRID_FUSED_POOL=0, it is libtorch's two operators.
/// </summary>
public sealed class ReluMaxPool : nn.Module<Tensor, Tensor>
{
    /// <summary>False when HYPERGRID_FUSED_POOL=0: libtorch's ReLU and max-pool, for comparison.</summary>
    public static bool Fused { get; set; } = Environment.GetEnvironmentVariable("HYPERGRID_FUSED_POOL") != "0";

    /// <summary>Which computation runs, for run.json (the numbers are the same either way).</summary>
    public static string Outcome => !Fused ? "libtorch relu and max_pool2d (HYPERGRID_FUSED_POOL=0)"
        : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "fused relu and 2x2 max-pool (AVX2)" : "fused relu and 2x2 max-pool (portable)";

    public ReluMaxPool() : base("relu_max_pool") { }

    public override Tensor forward(Tensor x)
    {
        if (Fused && x.dim() == 4 && x.dtype == ScalarType.Float32 && x.device_type == DeviceType.CPU && x.shape[2] >= 2 && x.shape[3] >= 2 &&
            x.numel() * sizeof(float) <= int.MaxValue)
        {
            using var c = x.contiguous();
            return ReluMaxPoolFunction.Apply(c);
        }
        using var r = nn.functional.relu(x);
        return nn.functional.max_pool2d(r, [2L]);
    }
}
