using Hypergrid.Trials.Logs;

namespace Hypergrid.Training;

/// <summary>Order statistics of small per-batch arrays.</summary>
public static class Summary
{
    /// <summary>Min, median (mean of the middle two for even counts) and max.</summary>
    public static (double Min, double Med, double Max) MinMedMax(IReadOnlyCollection<float> values)
    {
        if (values.Count == 0) return (double.NaN, double.NaN, double.NaN);
        var list = values.Select(v => (double)v).ToList();
        return (list.Min(), Median.Of(list), list.Max());
    }
}
