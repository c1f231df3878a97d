using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace Hypergrid.Training.Native;

/// <summary>
/// libtorch-cpu as TorchSharp ships it links Intel MKL statically, and MKL takes its slow code paths on x86 CPUs whose
/// vendor is not Intel: it asks <c>mkl_serv_intel_cpu_true()</c>, which answers from a cached cpuid check. On such a CPU
/// the cache is set to "yes" once, after libtorch is loaded and before MKL's first dispatch, so MKL picks its code path
/// by the instruction sets the CPU has (what an LD_PRELOAD of <c>int mkl_serv_intel_cpu_true(void){return 1;}</c> does).
/// Only a data word of the loaded library is written, only when the function's code is the expected cached-answer
/// form; otherwise nothing is done and the outcome says why. HYPERGRID_MKL_VENDOR_OVERRIDE=0 turns it off.
/// </summary>
public static unsafe class MklVendor
{
    public const string Switch = "HYPERGRID_MKL_VENDOR_OVERRIDE";

    /// <summary>The CPU's vendor string (GenuineIntel, AuthenticAMD, …), or "not x86".</summary>
    public static string CpuVendor()
    {
        if (!X86Base.IsSupported) return "not x86";
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        Span<int> words = [ebx, edx, ecx];
        return Encoding.ASCII.GetString(MemoryMarshal.AsBytes(words));
    }

    /// <summary>Applies the override to the libtorch_cpu.so loaded from <paramref name="nativeDir"/>; returns what was done.</summary>
    internal static string Apply(string nativeDir)
    {
        var vendor = CpuVendor();
        if (vendor is "not x86" or "GenuineIntel") return $"not needed ({vendor})";
        if (Environment.GetEnvironmentVariable(Switch) == "0") return $"off ({Switch}=0) on {vendor}";
        if (!NativeLibrary.TryLoad(Path.Combine(nativeDir, "libtorch_cpu.so"), out var library)) return "not applied: libtorch_cpu.so did not load";
        if (!NativeLibrary.TryGetExport(library, "mkl_serv_intel_cpu_true", out var function)) return "not applied: this libtorch exports no mkl_serv_intel_cpu_true";
        var code = (byte*)function;
        // mov eax, [rip + disp32]; test eax, eax; js <compute>: the answer is cached in a word the check fills once.
        if (code[0] != 0x8B || code[1] != 0x05 || code[6] != 0x85 || code[7] != 0xC0 || code[8] != 0x78)
            return "not applied: mkl_serv_intel_cpu_true is not the cached-answer code this override knows";
        var cached = (int*)(code + 6 + *(int*)(code + 2));
        *cached = 1;
        return IntelCpuTrue() == 1 ? $"Intel code paths enabled on {vendor}" : "not applied: the check still answers no";
    }

    /// <summary>What MKL's vendor check answers in this process (libtorch loaded): 1 for Intel's code paths.</summary>
    public static int IntelCpuTrue()
    {
        LibTorchLoader.EnsureLoaded();
        var dir = LibTorchLoader.NativeFolder ?? throw new InvalidOperationException("libtorch is not loaded from a known folder");
        var library = NativeLibrary.Load(Path.Combine(dir, "libtorch_cpu.so"));
        return ((delegate* unmanaged<int>)NativeLibrary.GetExport(library, "mkl_serv_intel_cpu_true"))();
    }
}
