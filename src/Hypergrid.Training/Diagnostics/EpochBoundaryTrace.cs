using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Hypergrid.Training.Diagnostics;

/// <summary>
/// For <c>bench train</c>: times the parts of the epoch boundary when HYPERGRID_BOUNDARY_TRACE names a file. Each mark is
/// a label, the epoch, the time and the calling thread's CPU time (microseconds), kept in memory and appended to the file
/// as CSV when a run ends; the CPU time tells a part's own work from time its thread did not run. Unset, a mark is one
/// check of a static field.
/// </summary>
internal static partial class EpochBoundaryTrace
{
    private static readonly string? Path = Environment.GetEnvironmentVariable("HYPERGRID_BOUNDARY_TRACE") is { Length: > 0 } p && OperatingSystem.IsLinux() ? p : null;
    private static readonly (string Label, int Epoch, long At, long Cpu, int Thread)[] Marks = new (string, int, long, long, int)[Path is null ? 0 : 1 << 14];
    private static int count;

    /// <summary>Marks <paramref name="label"/> now (the first 16,384 marks of a process are kept).</summary>
    public static void Mark(string label, int epoch)
    {
        if (Path is null) return;
        var i = Interlocked.Increment(ref count) - 1;
        if (i < Marks.Length) Marks[i] = (label, epoch, Stopwatch.GetTimestamp(), ThreadCpuNanoseconds(), Environment.CurrentManagedThreadId);
    }

    /// <summary>Appends the marks so far to the file and forgets them.</summary>
    public static void Save()
    {
        if (Path is null) return;
        var n = Math.Min(Interlocked.Exchange(ref count, 0), Marks.Length);
        File.AppendAllLines(Path, Marks.Take(n).Select(m => string.Create(CultureInfo.InvariantCulture,
            $"{m.Label},{m.Epoch},{m.At * 1e6 / Stopwatch.Frequency:F1},{m.Cpu / 1e3:F1},{m.Thread}")));
    }

    private static long ThreadCpuNanoseconds()
    {
        Span<long> time = stackalloc long[2];
        return clock_gettime(ThreadCpuClock, ref MemoryMarshal.GetReference(time)) == 0 ? time[0] * 1_000_000_000 + time[1] : 0;
    }

    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [LibraryImport("libc")]
    private static partial int clock_gettime(int clock, ref long time);
}
