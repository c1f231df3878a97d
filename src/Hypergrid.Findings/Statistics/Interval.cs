namespace Hypergrid.Findings.Statistics;

/// <summary>A two-sided interval of a statistic, low &lt;= high.</summary>
public readonly record struct Interval(double Low, double High);
