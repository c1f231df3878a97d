using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Native;

/// <summary>
/// One Adam step over contiguous float32 CPU buffers in a single pass: each element's parameter, gradient and two
/// moments are read once and written once. libtorch's elementwise calls (mul_, add_, mul_, addcmul_, copy_, sqrt_,
/// div_, add_, addcdiv_) made nine passes over the 0.8 MB buffers of the shipped MLP and took 15% of its train batch
/// (perf, AVX-512 host). Each element gets the operations libtorch's vectorised kernels apply, in the same order and
/// float32 rounding (the moments' adds are fused multiply-adds there, as the compiler contracted them, and here); the vector and the
/// scalar paths do the same per element, so the result does not depend on the vector width or the thread split.
/// </summary>
internal static unsafe class AdamKernel
{
    /// <summary>The step's float32 coefficients, as libtorch converts the scalars of the unfused calls.</summary>
    public readonly record struct Coefficients(float Decay, float Beta1, float Keep1, float Beta2, float Keep2, float Root2, float Eps, float StepSize)
    {
        /// <summary>Adam's step <paramref name="step"/> (1-based) at learning rate <paramref name="lr"/>; decay is 1 without weight decay.</summary>
        public static Coefficients For(long step, double lr, double beta1, double beta2, double eps, double weightDecay) => new(
            (float)(1 - lr * weightDecay), (float)beta1, (float)(1 - beta1), (float)beta2, (float)(1 - beta2),
            (float)Math.Sqrt(1 - Math.Pow(beta2, step)), (float)eps, (float)(-lr / (1 - Math.Pow(beta1, step))));
    }

    /// <summary>Whether the fused step can run on these buffers (CPU, float32, contiguous); otherwise libtorch's calls do.</summary>
    public static bool Applies(params Tensor[] buffers) => buffers.All(t => Kernels.Addressable(t, ScalarType.Float32));

    /// <summary>p, m and v updated in place from g; all of the same length.</summary>
    public static void Step(Tensor p, Tensor g, Tensor m, Tensor v, Coefficients c)
    {
        float* pp = Kernels.Floats(p), gp = Kernels.Floats(g), mp = Kernels.Floats(m), vp = Kernels.Floats(v);
        var decay = c.Decay != 1f;
        Kernels.Parallel(p.numel(), 1 << 15, (from, to) => Run(pp + from, gp + from, mp + from, vp + from, to - from, c, decay));
    }

    // Optimised from its first call: the first epoch runs it 60-odd times, before tiering would reach it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(float* p, float* g, float* m, float* v, long n, Coefficients c, bool decay)
    {
        long i = 0;
        // 256-bit vectors on AVX-512 hosts too: the pass is bound by memory, not by the width of its arithmetic.
        if (Vector256.IsHardwareAccelerated)
        {
            var k = (B1: Vector256.Create(c.Beta1), K1: Vector256.Create(c.Keep1), B2: Vector256.Create(c.Beta2), K2: Vector256.Create(c.Keep2),
                R2: Vector256.Create(c.Root2), Eps: Vector256.Create(c.Eps), S: Vector256.Create(c.StepSize), D: Vector256.Create(c.Decay));
            for (; i + 8 <= n; i += 8)
            {
                var gi = Vector256.Load(g + i);
                var pi = Vector256.Load(p + i);
                if (decay) pi *= k.D;
                var mi = Vector256.FusedMultiplyAdd(gi, k.K1, Vector256.Load(m + i) * k.B1);
                var vi = Vector256.FusedMultiplyAdd(k.K2 * gi, gi, Vector256.Load(v + i) * k.B2);
                var denom = Vector256.Sqrt(vi) / k.R2 + k.Eps;
                mi.Store(m + i);
                vi.Store(v + i);
                (pi + k.S * mi / denom).Store(p + i);
            }
        }
        for (; i < n; i++)
        {
            var gi = g[i];
            var pi = decay ? p[i] * c.Decay : p[i];
            var mi = MathF.FusedMultiplyAdd(gi, c.Keep1, m[i] * c.Beta1);
            var vi = MathF.FusedMultiplyAdd(c.Keep2 * gi, gi, v[i] * c.Beta2);
            var denom = MathF.Sqrt(vi) / c.Root2 + c.Eps;
            m[i] = mi;
            v[i] = vi;
            p[i] = pi + c.StepSize * mi / denom;
        }
    }
}
