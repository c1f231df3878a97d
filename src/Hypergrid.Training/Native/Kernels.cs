using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Native;

/// <summary>What the C# kernels share: a tensor's memory as a pointer, and work split over libtorch's thread count.</summary>
internal static unsafe class Kernels
{
    /// <summary>Whether a tensor's memory can be handed to a C# kernel: on the CPU, contiguous, and addressable by a span.</summary>
    public static bool Addressable(Tensor t, ScalarType type) =>
        t.device_type == DeviceType.CPU && t.dtype == type && t.is_contiguous() && t.numel() * t.ElementSize <= int.MaxValue;

    /// <summary>Runs body over [0, n) in chunks of at least grain, on as many threads as libtorch is told to use.</summary>
    public static void Parallel(long n, long grain, Action<long, long> body)
    {
        var threads = (int)Math.Min(get_num_threads(), Math.Max(1, n / (grain * 16)));
        if (threads <= 1) { body(0, n); return; }
        var chunk = (n + threads - 1) / threads;
        System.Threading.Tasks.Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads },
            t => body(t * chunk, Math.Min(n, (t + 1) * chunk)));
    }

    public static float* Floats(Tensor t) => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(t.bytes));

    public static byte* Bytes(Tensor t) => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(t.bytes));
}
