using Hypergrid.Trials.Logs;

namespace Hypergrid.Training.Logging;

/// <summary>Where the training loop's per-batch metrics go: the one way metrics leave the loop.</summary>
public interface IBatchSink
{
    void Write(in BatchRow row);

    /// <summary>Makes every row written so far durable and says how many there are and where they end (for a checkpoint).</summary>
    LogPosition Flush();
}

/// <summary>Rows of a batch log (header excluded) and the byte length they end at.</summary>
public readonly record struct LogPosition(long Rows, long Bytes);
