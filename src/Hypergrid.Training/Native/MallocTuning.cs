using System.Runtime.InteropServices;

namespace Hypergrid.Training.Native;

/// <summary>
/// glibc's allocator returns a freed block of more than its (dynamic) thresholds to the kernel, and the next batch's tensor
/// of the same size is faulted in page by page again: on an AVX-512 host a fifth of a CNN's time went to the page-fault
/// handler. Before libtorch allocates anything, the mmap threshold is set to its largest value (32 MiB: tensors below it
/// come from the heap) and the trim threshold to 2 GiB (the heap keeps what it freed), so a batch reuses the last batch's
/// pages. Every process that trains applies it: workers, Slurm tasks and an in-process run. HYPERGRID_MALLOC_TUNING=0
/// leaves glibc's defaults; run.json records which it was.
/// For models whose convolutions oneDNN pads (<see cref="GuardPadding"/>) it also sets glibc's perturb byte: memory is
/// filled with 0x5A when allocated and 0xA5 when freed, so a read of memory nobody wrote sees finite numbers (1.5e16,
/// -2.9e-16), never a NaN left by an earlier tensor. libtorch's oneDNN convolutions read the padding of channel blocks
/// that a reorder leaves unwritten (6 or 8 channels padded to 16 on AVX-512) and multiply it by zero weights: garbage
/// that happened to be NaN or infinite made the gradients NaN in about one backward pass in twenty, and a trial
/// "diverge" at random. Finite garbage times zero is zero. The filling costs time (a quarter of the MLP's speed when it
/// was on for every model), so only those models pay it.
/// </summary>
public static partial class MallocTuning
{
    private const int TrimThreshold = -1, MmapThreshold = -3, Perturb = -6; // mallopt's M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_PERTURB
    public const int PerturbByte = 0xA5;
    public const int MmapBytes = 32 << 20;                    // glibc's largest mmap threshold on 64-bit
    public const int TrimBytes = int.MaxValue;

    private static string thresholds = "not applied";
    private static bool applied, perturbing;

    /// <summary>What is done, for run.json: "mmap_threshold=32MiB trim_threshold=2GiB" (and " perturb=0xA5" while a padded model trains), or why not.</summary>
    public static string Outcome => perturbing ? thresholds + " perturb=0xA5" : thresholds;

    /// <summary>Applies the thresholds unless HYPERGRID_MALLOC_TUNING=0 (glibc on Linux only).</summary>
    public static void ApplyFromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("HYPERGRID_MALLOC_TUNING") == "0") { thresholds = "glibc defaults (HYPERGRID_MALLOC_TUNING=0)"; return; }
        applied = Set(tuned: true);
        thresholds = applied ? "mmap_threshold=32MiB trim_threshold=2GiB" : "not applied: mallopt refused (not glibc?)";
    }

    /// <summary>Sets the tuned thresholds, or glibc's initial ones (128 KiB each); false when mallopt is missing or refuses.</summary>
    public static bool Set(bool tuned) =>
        Mallopt(MmapThreshold, tuned ? MmapBytes : 128 << 10) && Mallopt(TrimThreshold, tuned ? TrimBytes : 128 << 10);

    /// <summary>
    /// Turns the perturb byte on for a model oneDNN pads (before it trains) and off for any other, when the tuning is on;
    /// a worker trains its trials one after another, so the setting is the current trial's.
    /// </summary>
    public static void GuardPadding(bool padded)
    {
        if (applied && Mallopt(Perturb, padded ? PerturbByte : 0)) perturbing = padded;
    }

    private static bool Mallopt(int param, int value)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try { return mallopt(param, value) == 1; }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    /// <summary>This process's minor page faults so far (field 10 of /proc/self/stat).</summary>
    public static long MinorFaults()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[7], System.Globalization.CultureInfo.InvariantCulture);
    }

    [LibraryImport("libc")]
    private static partial int mallopt(int param, int value);
}
