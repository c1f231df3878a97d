namespace Hypergrid.Trials.Logs;

/// <summary>One column of batch_log.csv: its name, how the epoch log reduces it, and where a row keeps its value.</summary>
public sealed record BatchColumn(string Name, Reduction Reduction, Func<BatchRow, double?>? Value, string Meaning);
