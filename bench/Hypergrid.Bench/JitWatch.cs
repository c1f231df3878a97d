using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Hypergrid.Bench;

/// <summary>Which methods the JIT compiles while it listens (HYPERGRID_BENCH_JIT=1): counts by namespace and tier, printed at the end.</summary>
internal sealed class JitWatch : EventListener
{
    private readonly ConcurrentDictionary<string, int> counts = new();
    public volatile bool On;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!On || e.EventName != "MethodLoadVerbose_V2" && e.EventName != "MethodLoadVerbose_V1" && e.EventName != "MethodLoadVerbose") return;
        var ns = e.Payload?[e.PayloadNames!.IndexOf("MethodNamespace")] as string ?? "?";
        var flags = Convert.ToInt64(e.Payload?[e.PayloadNames!.IndexOf("MethodFlags")] ?? 0L);
        var tier = (flags >> 7) & 0x7; // 1 MinOptJitted, 2 Optimized, 3 QuickJitted, 4 OptimizedTier1, 5 ReadyToRun, 6 PGO instrumented...
        var key = $"{(ns.StartsWith("Hypergrid", StringComparison.Ordinal) ? ns.Split('[')[0] : ns.Split('.', 3) is var p && p.Length > 1 ? p[0] + "." + p[1] : ns)} tier{tier}";
        counts.AddOrUpdate(key, 1, (_, c) => c + 1);
    }

    public void Print()
    {
        foreach (var (k, v) in counts.OrderByDescending(kv => kv.Value).Take(25)) Console.WriteLine($"    {v,6} {k}");
    }
}
