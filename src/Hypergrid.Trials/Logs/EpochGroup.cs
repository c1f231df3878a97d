using System.Text;

namespace Hypergrid.Trials.Logs;

/// <summary>The running reductions of one (epoch, phase) of a batch log.</summary>
internal sealed class EpochGroup
{
    // An empty median cell; parsed NaNs carry the canonical NaN bits, never these.
    private static readonly long Missing = 0x7FF8_DEAD_BEEF_0001;
    private readonly double[] acc;
    private readonly double[] scaled; // means: the sum scaled by 2^-64, for sums that overflow (ScaledSum)
    private readonly int[] count;
    private readonly int[] slot;   // metric index -> column in the median rows, or -1
    private readonly int width;    // median columns per row
    private double[] rows;         // median values row-major: sequential appends stay in cache

    // batches: how many rows to make room for at once (the size of the groups before: no growing copies).
    public EpochGroup(string epoch, string phase, Reduction[] reductions, int batches = 16)
    {
        Epoch = epoch;
        Phase = phase;
        EpochBytes = Encoding.UTF8.GetBytes(epoch);
        PhaseBytes = Encoding.UTF8.GetBytes(phase);
        acc = new double[reductions.Length];
        scaled = new double[reductions.Length];
        count = new int[reductions.Length];
        slot = new int[reductions.Length];
        for (var m = 0; m < reductions.Length; m++) slot[m] = reductions[m] == Reduction.Median ? width++ : -1;
        rows = new double[width * Math.Max(16, batches)];
    }

    public string Epoch { get; }
    public string Phase { get; }
    public byte[] EpochBytes { get; }
    public byte[] PhaseBytes { get; }
    public int Batches { get; private set; }

    /// <summary>The reduced values (<see cref="EpochTable.Missing"/> where a column had no value), kept until a new row arrives, so a growing log reduces only its open epoch again.</summary>
    public double[]? Reduced { get; set; }

    public void BeginRow()
    {
        Reduced = null;
        if (width > 0)
        {
            var need = (Batches + 1) * width;
            if (need > rows.Length) Array.Resize(ref rows, Math.Max(need, rows.Length * 2));
            rows.AsSpan(Batches * width, width).Fill(BitConverter.Int64BitsToDouble(Missing));
        }
        Batches++;
    }

    public void Add(int m, Reduction r, double v)
    {
        switch (r)
        {
            case Reduction.Mean: acc[m] += v; scaled[m] += v * ScaledSum.Scale; break;
            case Reduction.Last: acc[m] = v; break;
            case Reduction.Max: acc[m] = count[m] == 0 ? v : Math.Max(acc[m], v); break;
            case Reduction.Median: rows[(Batches - 1) * width + slot[m]] = v; break;
        }
        count[m]++;
    }

    public void Merge(EpochGroup later, Reduction[] reductions)
    {
        for (var m = 0; m < reductions.Length; m++)
        {
            if (later.count[m] == 0) continue;
            switch (reductions[m])
            {
                case Reduction.Mean: acc[m] += later.acc[m]; scaled[m] += later.scaled[m]; break;
                case Reduction.Last: acc[m] = later.acc[m]; break;
                case Reduction.Max: acc[m] = count[m] == 0 ? later.acc[m] : Math.Max(acc[m], later.acc[m]); break;
            }
            count[m] += later.count[m];
        }
        if (width > 0)
        {
            var need = (Batches + later.Batches) * width;
            if (need > rows.Length) Array.Resize(ref rows, need);
            later.rows.AsSpan(0, later.Batches * width).CopyTo(rows.AsSpan(Batches * width));
        }
        Batches += later.Batches;
        Reduced = null;
    }

    /// <summary>Each metric reduced (<see cref="EpochTable.Missing"/> where a column had no value), then n_batches.</summary>
    public double[] Reduce(Reduction[] reductions)
    {
        var values = new double[reductions.Length + 1];
        for (var m = 0; m < reductions.Length; m++) values[m] = Value(m, reductions[m]) ?? EpochTable.Missing;
        values[^1] = Batches;
        return values;
    }

    private double? Value(int m, Reduction r)
    {
        if (count[m] == 0) return null;
        return r switch
        {
            Reduction.Mean => ScaledSum.Mean(acc[m], scaled[m], count[m]),
            Reduction.Median => Column(slot[m]) is var column && column.Exists(double.IsNaN) ? double.NaN : Median.Of(column), // NaN, as in a mean or max
            _ => acc[m],
        };
    }

    private List<double> Column(int s)
    {
        var values = new List<double>(Batches);
        for (var i = s; i < Batches * width; i += width)
            if (BitConverter.DoubleToInt64Bits(rows[i]) != Missing) values.Add(rows[i]);
        return values;
    }
}
