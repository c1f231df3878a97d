using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Hypergrid.Bench;

/// <summary>
/// What the runtime does while a watch listens, tallied by name and printed largest first: which methods the JIT compiles,
/// by namespace and tier (HYPERGRID_BENCH_JIT=1), or what is allocated, by type (HYPERGRID_BENCH_ALLOC=1: the runtime's
/// allocation samples, one about every 100 KB naming the type that crossed it, so the bytes per type are an estimate good
/// to a few percent at a first answer's gigabyte).
/// </summary>
internal sealed class RuntimeWatch : EventListener
{
    private const EventKeywords Gc = (EventKeywords)0x1, Jit = (EventKeywords)0x10;
    private readonly ConcurrentDictionary<string, long> tally = new();
    private readonly bool bytes;
    private EventSource? runtime;

    /// <summary>Whether events are tallied (off once <see cref="Print"/> is called).</summary>
    private volatile bool on;

    private RuntimeWatch(EventKeywords keywords, bool bytes)
    {
        this.bytes = bytes;
        // The runtime's source is offered by the base constructor, before this one has said which events it wants.
        if (runtime is not null) EnableEvents(runtime, EventLevel.Verbose, keywords);
        on = true;
    }

    /// <summary>A watch of the JIT, listening from now on, when HYPERGRID_BENCH_JIT=1; else null.</summary>
    public static RuntimeWatch? Compiled() => Asked("HYPERGRID_BENCH_JIT") ? new(Jit, bytes: false) : null;

    /// <summary>A watch of allocations, listening from now on, when HYPERGRID_BENCH_ALLOC=1; else null.</summary>
    public static RuntimeWatch? Allocated() => Asked("HYPERGRID_BENCH_ALLOC") ? new(Gc, bytes: true) : null;

    private static bool Asked(string variable) => Environment.GetEnvironmentVariable(variable) == "1";

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") runtime = source;
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!on || e.Payload is not { } payload || e.PayloadNames is not { } names) return;
        object? Field(string name) => names.IndexOf(name) is >= 0 and var i ? payload[i] : null;
        if (bytes && e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true)
            Add(Field("TypeName") as string ?? "?", Convert.ToInt64(Field("AllocationAmount64") ?? Field("AllocationAmount")));
        else if (!bytes && e.EventName is "MethodLoadVerbose_V2" or "MethodLoadVerbose_V1" or "MethodLoadVerbose")
        {
            var ns = Field("MethodNamespace") as string ?? "?";
            var tier = (Convert.ToInt64(Field("MethodFlags") ?? 0L) >> 7) & 0x7; // 1 MinOptJitted, 2 Optimized, 3 QuickJitted, 4 OptimizedTier1, 5 ReadyToRun, 6 PGO instrumented...
            Add($"{(ns.StartsWith("Hypergrid", StringComparison.Ordinal) ? ns.Split('[')[0] : ns.Split('.', 3) is var p && p.Length > 1 ? p[0] + "." + p[1] : ns)} tier{tier}", 1);
        }
    }

    private void Add(string key, long amount) => tally.AddOrUpdate(key, amount, (_, v) => v + amount);

    /// <summary>Stops listening and prints the tally, largest first (bytes also per trial of <paramref name="trials"/>).</summary>
    public void Print(int trials)
    {
        on = false;
        if (!bytes)
        {
            foreach (var (k, v) in tally.OrderByDescending(kv => kv.Value).Take(25)) Console.WriteLine($"    {v,6} {k}");
            return;
        }
        var total = tally.Values.Sum();
        Console.WriteLine($"    allocated (sampled) {total / 1048576.0:F0} MB, {total / Math.Max(1, trials):N0} B per trial; by type:");
        foreach (var (k, v) in tally.OrderByDescending(kv => kv.Value).Take(30))
            Console.WriteLine($"    {v / 1048576.0,8:F1} MB {v / Math.Max(1, trials),6:N0} B/trial  {k}");
    }
}
