using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Hypergrid.Bench;

/// <summary>
/// What is allocated while it listens (HYPERGRID_BENCH_ALLOC=1), by type: the runtime's allocation samples (one about
/// every 100 KB, naming the type that crossed it), so the bytes per type are an estimate good to a few percent at a first
/// answer's gigabyte. Printed at the end, largest first.
/// </summary>
internal sealed class AllocWatch : EventListener
{
    private readonly ConcurrentDictionary<string, long> bytes = new();
    public volatile bool On;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!On || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        var type = e.Payload[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is >= 0 and var i ? Convert.ToInt64(e.Payload[i]) : Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount")]);
        bytes.AddOrUpdate(type, amount, (_, b) => b + amount);
    }

    public void Print(int trials)
    {
        var total = bytes.Values.Sum();
        Console.WriteLine($"    allocated (sampled) {total / 1048576.0:F0} MB, {total / Math.Max(1, trials):N0} B per trial; by type:");
        foreach (var (k, v) in bytes.OrderByDescending(kv => kv.Value).Take(30))
            Console.WriteLine($"    {v / 1048576.0,8:F1} MB {v / Math.Max(1, trials),6:N0} B/trial  {k}");
    }
}
