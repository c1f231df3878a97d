using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Native;

/// <summary>
/// ReLU then 2x2 max-pool (stride 2, no padding, floor), forward and backward, on contiguous float32 CPU tensors, with
/// the very numbers of libtorch's <c>max_pool2d(relu(x), 2)</c>: libtorch's plain-layout max-pool scans each window with
/// a data-dependent branch and ran at a fifth of memory speed (it was 22–40% of a CNN's time). Here, in two vectorised
/// stages: A applies the ReLU and picks, in each row, the left or the right of each pair of columns (the right only when
/// larger or NaN), over the whole tensor at once when the width is even; B picks the upper or lower row's winner the same
/// way. That is the first maximum in libtorch's scan order (the last NaN when a window holds NaNs), so the gradient goes
/// where libtorch sends it, and ReLU's gradient is closed where the output is &lt;= 0. A code byte per choice is kept for
/// the backward pass: stage A's bit per pair, then per window bit 0 (lower row) and bit 1 (ReLU closed: output &lt;= 0).
/// </summary>
internal static unsafe class PoolKernels
{
    private const int Dead = 2;

    /// <summary>Bytes of the code buffer for an input of this shape.</summary>
    public static long CodeBytes(long planes, long h, long w) => planes * h * (w / 2) + planes * (h / 2) * (w / 2);

    /// <summary>output (planes, h/2, w/2) and code from x (planes, h, w); all contiguous, on the CPU.</summary>
    public static void Forward(Tensor x, Tensor output, Tensor code, long planes, long h, long w)
    {
        long oh = h / 2, ow = w / 2, pairs = planes * h * ow;
        using var rowWinners = empty([pairs], dtype: ScalarType.Float32);
        float* xp = Kernels.Floats(x), mp = Kernels.Floats(rowWinners), op = Kernels.Floats(output);
        byte* cp = Kernels.Bytes(code), windowCodes = cp + pairs;
        if (w % 2 == 0) Kernels.Parallel(pairs, 4096, (from, to) => PickPairs(xp + 2 * from, mp + from, cp + from, to - from));
        else Kernels.Parallel(planes * h, 64, (from, to) => { for (var r = from; r < to; r++) PickPairs(xp + r * w, mp + r * ow, cp + r * ow, ow); });
        Kernels.Parallel(planes * oh, 256, (from, to) =>
        {
            for (var r = from; r < to; r++)
            {
                var upper = mp + (r / oh * h + 2 * (r % oh)) * ow;
                PickRows(upper, upper + ow, op + r * ow, windowCodes + r * ow, ow);
            }
        });
    }

    /// <summary>The gradient of x (planes, h, w) from the output's gradient g (planes, h/2, w/2) and the forward's code.</summary>
    public static void Backward(Tensor g, Tensor code, Tensor grad, long planes, long h, long w)
    {
        long oh = h / 2, ow = w / 2, pairs = planes * h * ow;
        // An odd last row belongs to no window: its gradient is zero, as are the rows' pairs that nothing wrote.
        using var rowGrads = h % 2 == 0 ? empty([pairs], dtype: ScalarType.Float32) : zeros([pairs], dtype: ScalarType.Float32);
        float* gp = Kernels.Floats(g), rp = Kernels.Floats(rowGrads), dp = Kernels.Floats(grad);
        byte* cp = Kernels.Bytes(code), windowCodes = cp + pairs;
        Kernels.Parallel(planes * oh, 256, (from, to) =>
        {
            for (var r = from; r < to; r++)
            {
                var upper = rp + (r / oh * h + 2 * (r % oh)) * ow;
                SplitRows(gp + r * ow, windowCodes + r * ow, upper, upper + ow, ow);
            }
        });
        if (w % 2 == 0) Kernels.Parallel(pairs, 4096, (from, to) => SplitPairs(rp + from, cp + from, dp + 2 * from, to - from));
        else Kernels.Parallel(planes * h, 64, (from, to) => { for (var r = from; r < to; r++) SplitPairs(rp + r * ow, cp + r * ow, dp + r * w, ow); });
    }

    // After the ReLU: dst[k] = src[2k + 1] if larger than src[2k] or NaN, else src[2k]; code[k] = 1 when the right one was taken.
    private static void PickPairs(float* src, float* dst, byte* code, long n)
    {
        long k = 0;
        if (Avx2.IsSupported)
            for (; k + 8 <= n; k += 8)
            {
                Vector256<float> lo = Avx.LoadVector256(src + 2 * k), hi = Avx.LoadVector256(src + 2 * k + 8);
                // Even and odd elements, in the lane order 0 1 4 5 2 3 6 7 (put back by the 64-bit permute below).
                Vector256<float> left = Relu(Avx.Shuffle(lo, hi, 0b10_00_10_00)), right = Relu(Avx.Shuffle(lo, hi, 0b11_01_11_01));
                var take = Vector256.GreaterThan(right, left) | ~Vector256.Equals(right, right);
                Avx2.Permute4x64(Vector256.ConditionalSelect(take, right, left).AsDouble(), 0b11_01_10_00).AsSingle().Store(dst + k);
                StoreCodes(code + k, Avx2.Permute4x64(take.AsDouble(), 0b11_01_10_00).AsInt32() & Vector256<int>.One);
            }
        for (; k < n; k++)
        {
            float a = Relu(src[2 * k]), b = Relu(src[2 * k + 1]);
            var take = b > a || float.IsNaN(b);
            dst[k] = take ? b : a;
            code[k] = take ? (byte)1 : (byte)0;
        }
    }

    // The window: the lower row's winner if larger or NaN, else the upper's; closed (no gradient) when it is <= 0.
    private static void PickRows(float* upper, float* lower, float* dst, byte* code, long n)
    {
        long k = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
            for (; ; k += 8)
            {
                if (k + 8 > n) k = n - 8; // the last vector overlaps the one before it and writes the same values again
                Vector256<float> a = Vector256.Load(upper + k), b = Vector256.Load(lower + k);
                var take = Vector256.GreaterThan(b, a) | ~Vector256.Equals(b, b);
                var v = Vector256.ConditionalSelect(take, b, a);
                v.Store(dst + k);
                StoreCodes(code + k, (take.AsInt32() & Vector256<int>.One) | (Vector256.LessThanOrEqual(v, Vector256<float>.Zero).AsInt32() & Vector256.Create(Dead)));
                if (k + 8 == n) return;
            }
        for (; k < n; k++)
        {
            float a = upper[k], b = lower[k];
            var take = b > a || float.IsNaN(b);
            var v = take ? b : a;
            dst[k] = v;
            code[k] = (byte)((take ? 1 : 0) | (v <= 0 ? Dead : 0));
        }
    }

    // The rows' gradients: g to the row the window took (none when the ReLU was closed). g + 0 turns -0 into +0, as
    // libtorch's scatter into zeros does.
    private static void SplitRows(float* g, byte* code, float* upper, float* lower, long n)
    {
        long k = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
            for (; ; k += 8)
            {
                if (k + 8 > n) k = n - 8;
                var c = LoadCodes(code + k);
                var v = Vector256.AndNot(Vector256.Load(g + k) + Vector256<float>.Zero, Vector256.Equals(c & Vector256.Create(Dead), Vector256.Create(Dead)).AsSingle());
                var lowerTaken = Vector256.Equals(c & Vector256<int>.One, Vector256<int>.One).AsSingle();
                Vector256.AndNot(v, lowerTaken).Store(upper + k);
                (v & lowerTaken).Store(lower + k);
                if (k + 8 == n) return;
            }
        for (; k < n; k++)
        {
            var v = (code[k] & Dead) != 0 ? 0f : g[k] + 0f;
            var lowerTaken = (code[k] & 1) != 0;
            upper[k] = lowerTaken ? 0f : v;
            lower[k] = lowerTaken ? v : 0f;
        }
    }

    // The input's gradient: each pair's gradient to the column its row took.
    private static void SplitPairs(float* g, byte* code, float* dst, long n)
    {
        long k = 0;
        if (Avx2.IsSupported)
            for (; k + 8 <= n; k += 8)
            {
                var v = Vector256.Load(g + k);
                var rightTaken = Vector256.Equals(LoadCodes(code + k), Vector256<int>.One).AsSingle();
                Vector256<float> left = Vector256.AndNot(v, rightTaken), right = v & rightTaken;
                Vector256<float> lo = Avx.UnpackLow(left, right), hi = Avx.UnpackHigh(left, right); // l0 r0 l1 r1 | l4 r4 l5 r5, l2 r2 l3 r3 | l6 r6 l7 r7
                Avx.Permute2x128(lo, hi, 0x20).Store(dst + 2 * k);
                Avx.Permute2x128(lo, hi, 0x31).Store(dst + 2 * k + 8);
            }
        for (; k < n; k++)
        {
            var rightTaken = code[k] != 0;
            dst[2 * k] = rightTaken ? 0f : g[k];
            dst[2 * k + 1] = rightTaken ? g[k] : 0f;
        }
    }

    // libtorch's ReLU, max(0, a) as x86's max instruction has it: a when a is NaN or a zero of either sign.
    private static Vector256<float> Relu(Vector256<float> a) => Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256<float>.Zero), Vector256<float>.Zero, a);

    private static float Relu(float a) => a < 0 ? 0f : a;

    // Eight small ints (0..3) as eight bytes, and back.
    private static void StoreCodes(byte* dst, Vector256<int> codes)
    {
        var shorts = Vector128.Narrow(codes.GetLower(), codes.GetUpper());
        Unsafe.WriteUnaligned(dst, Vector128.Narrow(shorts, shorts).AsUInt64().ToScalar());
    }

    private static Vector256<int> LoadCodes(byte* src)
    {
        var shorts = Vector128.WidenLower(Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(src)).AsByte());
        return Vector256.Create(Vector128.WidenLower(shorts), Vector128.WidenUpper(shorts)).AsInt32();
    }
}
