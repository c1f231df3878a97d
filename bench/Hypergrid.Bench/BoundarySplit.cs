using System.Globalization;

namespace Hypergrid.Bench;

/// <summary>
/// The epoch boundary's parts, in milliseconds, from the marks a run writes to HYPERGRID_BOUNDARY_TRACE: on the training
/// thread, the end of the epoch (its summary, the batch log's flush, the checkpoint's copy), the next epoch's data order
/// and its first batch, and the time the training thread did not run in that window (the checkpoint writer or other
/// processes had the CPU); and the checkpoint writer's own CPU time per write, when it started and when it was done.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed record BoundarySplit(List<double> EpochEnd, List<double> Order, List<double> FirstBatch, List<double> OffCpu,
    List<double> WriterCpu, List<double> WriterStart, List<double> WriterDone)
{
    /// <summary>The parts of each boundary before epochs 2..N.</summary>
    public static BoundarySplit FromTrace(string path)
    {
        var marks = File.ReadLines(path).Select(l => l.Split(','))
            .Select(c => (Label: c[0], Epoch: int.Parse(c[1], CultureInfo.InvariantCulture), At: Ms(c[2]), Cpu: Ms(c[3])))
            .GroupBy(m => (m.Label, m.Epoch)).ToDictionary(g => g.Key, g => g.Last());
        var split = new BoundarySplit([], [], [], [], [], [], []);
        for (var e = 2; marks.ContainsKey(("first", e)); e++)
        {
            var (val, copied, order, first) = (marks[("val", e - 1)], marks[("copied", e - 1)], marks[("order", e)], marks[("first", e)]);
            split.EpochEnd.Add(copied.At - val.At);
            split.Order.Add(order.At - copied.At);
            split.FirstBatch.Add(first.At - order.At);
            split.OffCpu.Add(first.At - val.At - (first.Cpu - val.Cpu));
            if (!marks.TryGetValue(("write", e), out var write) || !marks.TryGetValue(("written", e), out var written)) continue;
            split.WriterCpu.Add(written.Cpu - write.Cpu);
            split.WriterStart.Add(write.At - copied.At);
            split.WriterDone.Add(written.At - copied.At);
        }
        return split;
    }

    /// <summary>One line of medians.</summary>
    public string Describe() =>
        $"end of epoch (summary, log flush, checkpoint copy) {M(EpochEnd)}, next data order {M(Order)}, first batch {M(FirstBatch)}; " +
        $"the training thread off the CPU in that window {M(OffCpu)}; the checkpoint writer: {M(WriterCpu)} of CPU per write, " +
        $"started {M(WriterStart)} and done {M(WriterDone)} after the copy";

    private static string M(List<double> v) => $"{AnchorBench.Median(v):F2} ms";

    private static double Ms(string microseconds) => double.Parse(microseconds, CultureInfo.InvariantCulture) / 1000;
}
