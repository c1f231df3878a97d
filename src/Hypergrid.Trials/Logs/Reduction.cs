namespace Hypergrid.Trials.Logs;

/// <summary>How a batch-log column becomes one value per (epoch, phase) in the epoch log.</summary>
public enum Reduction
{
    /// <summary>epoch and mode: what rows are grouped by.</summary>
    Key,
    /// <summary>batch: an ordinal, left out of the epoch log (n_batches counts the rows instead).</summary>
    Drop,
    Mean,
    Last,
    Median,
    Max,
}
