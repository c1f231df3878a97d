using System.Runtime.CompilerServices;
using System.Text;

namespace Hypergrid.Trials.Logs;

/// <summary>The running reductions of one (epoch, phase) of a batch log.</summary>
internal sealed class EpochGroup
{
    private readonly double[] acc;
    private readonly double[] scaled; // means: the sum scaled by 2^-64, for sums that overflow (ScaledSum)
    private readonly int[] count;
    private readonly int[] slot;   // metric index -> its column of median values, or -1
    private readonly int width;    // median columns
    // Median values column by column, each column holding only the values its metric had (count[m] of them): a median is
    // selected in place in its column, with nothing gathered or skipped. Order within a column does not matter to a
    // median, so selecting (which reorders) leaves the column good for the rows still to come.
    private double[] columns;
    private int capacity;          // values a column has room for

    // batches: how many rows to make room for at once (the size of the groups before: no growing copies); spare: the
    // median values of a group reduced and let go before, whose room this one takes when it is enough (values not read).
    public EpochGroup(string epoch, string phase, Reduction[] reductions, int batches = 16, double[]? spare = null)
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
        capacity = width > 0 ? Math.Max(16, batches) : 0;
        if (spare is not null && width > 0 && spare.Length >= width * capacity)
        {
            columns = spare;
            capacity = spare.Length / width;
        }
        else columns = GC.AllocateUninitializedArray<double>(width * capacity); // every value is written before it is read
    }

    public string Epoch { get; }
    public string Phase { get; }
    public byte[] EpochBytes { get; }
    public byte[] PhaseBytes { get; }
    public int Batches { get; private set; }

    /// <summary>The reduced values (<see cref="EpochTable.Missing"/> where a column had no value), kept until a new row arrives, so a growing log reduces only its open epoch again.</summary>
    public double[]? Reduced { get; set; }

    /// <summary>Median values this thread's reductions selected over (tests: the work of a log stays linear in its rows).</summary>
    [ThreadStatic] internal static long ValuesSelected;

    /// <summary>Whether the group let its median values go (<see cref="LetGo"/>): it cannot take rows again.</summary>
    public bool LetGone { get; private set; }

    /// <summary>
    /// Gives up the group's median values once it is reduced, for the next group to fill (null when it keeps none): a big
    /// log then needs the room of one group, not of all, and the next group's values land where the cache already is.
    /// </summary>
    public double[]? LetGo()
    {
        if (width == 0) return null;
        var given = columns;
        columns = [];
        LetGone = true;
        return given;
    }

    /// <summary>Whether the group's rows came back after another group's (a phase recurring within its epoch): not reduced on closing, only at the end.</summary>
    public bool Recurs { get; set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per row of a big log
    public void BeginRow()
    {
        Reduced = null;
        if (Batches == capacity && width > 0) Grow(Batches + 1);
        Batches++;
    }

    // Room for at least this many values in every column (doubling), each column's values moved to its new place.
    private void Grow(int need)
    {
        var bigger = Math.Max(need, capacity * 2);
        var moved = GC.AllocateUninitializedArray<double>(width * bigger);
        for (var m = 0; m < slot.Length; m++)
            if (slot[m] >= 0) columns.AsSpan(slot[m] * capacity, count[m]).CopyTo(moved.AsSpan(slot[m] * bigger));
        columns = moved;
        capacity = bigger;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // once per cell of a big log
    public void Add(int m, Reduction r, double v)
    {
        switch (r)
        {
            case Reduction.Mean: acc[m] += v; scaled[m] += v * ScaledSum.Scale; break;
            case Reduction.Last: acc[m] = v; break;
            case Reduction.Max: acc[m] = count[m] == 0 ? v : Math.Max(acc[m], v); break;
            case Reduction.Median: columns[slot[m] * capacity + count[m]] = v; break;
        }
        count[m]++;
    }

    /// <summary>Each metric reduced (<see cref="EpochTable.Missing"/> where a column had no value), then n_batches.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // an epoch log's first build runs it before tiering could
    public double[] Reduce(Reduction[] reductions)
    {
        var values = new double[reductions.Length + 1];
        for (var m = 0; m < reductions.Length; m++) if (slot[m] >= 0) ValuesSelected += count[m];
        for (var m = 0; m < reductions.Length; m++)
            values[m] = count[m] == 0 ? EpochTable.Missing : reductions[m] switch
            {
                Reduction.Mean => ScaledSum.Mean(acc[m], scaled[m], count[m]),
                Reduction.Median => MedianOf(Column(m)),
                _ => acc[m],
            };
        values[^1] = Batches;
        return values;
    }

    private Span<double> Column(int m) => columns.AsSpan(slot[m] * capacity, count[m]);

    // NaN when a value is NaN, as in a mean or max.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double MedianOf(Span<double> column)
    {
        foreach (var v in column) if (double.IsNaN(v)) return double.NaN;
        return Median.Of(column);
    }
}
