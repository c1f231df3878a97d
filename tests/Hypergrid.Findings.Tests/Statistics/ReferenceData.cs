namespace Hypergrid.Findings.Tests.Statistics;

/// <summary>The samples the statistics are checked on, with the scipy 1.10 calls that gave the expected numbers beside each test.</summary>
internal static class ReferenceData
{
    // R's sleep data: extra hours of sleep of the same ten patients under two drugs (paired).
    public static readonly double[] Drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    public static readonly double[] Drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    // Five seeds of two settings' validation accuracy.
    public static readonly double[] X = [0.912, 0.905, 0.921, 0.899, 0.915];
    public static readonly double[] Y = [0.930, 0.925, 0.928, 0.936, 0.931];
}
