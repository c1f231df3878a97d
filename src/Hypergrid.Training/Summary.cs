namespace Hypergrid.Training;

/// <summary>Order statistics of small per-batch arrays.</summary>
public static class Summary
{
    /// <summary>Min, median (mean of the middle two for even counts) and max.</summary>
    public static (double Min, double Med, double Max) MinMedMax(float[] values)
    {
        if (values.Length == 0) return (double.NaN, double.NaN, double.NaN);
        var sorted = (float[])values.Clone();
        Array.Sort(sorted);
        var n = sorted.Length;
        var med = n % 2 == 1 ? sorted[n / 2] : ((double)sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return (sorted[0], med, sorted[^1]);
    }
}
