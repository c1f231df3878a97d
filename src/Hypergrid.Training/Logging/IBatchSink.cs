using Hypergrid.Trials.Logs;

namespace Hypergrid.Training.Logging;

/// <summary>Where the training loop's per-batch metrics go: the one way metrics leave the loop.</summary>
public interface IBatchSink
{
    void Write(in BatchRow row);

    /// <summary>Makes every row written so far durable and says how many there are and where they end (for a checkpoint).</summary>
    LogPosition Flush();

    /// <summary>
    /// Hands every row written so far to the file (not yet synced to disk) and says where they end: a checkpoint taken
    /// now names this position and calls <see cref="Sync"/> before it becomes the trial's checkpoint.
    /// </summary>
    LogPosition Written() => Flush();

    /// <summary>Syncs to disk at least every row <see cref="Written"/> reported; safe to call from another thread while rows are written.</summary>
    void Sync() { }
}

/// <summary>Rows of a batch log (header excluded) and the byte length they end at.</summary>
public readonly record struct LogPosition(long Rows, long Bytes);
