using Hypergrid.Training.Logging;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Training.Tests.Training;

/// <summary>Thrown by <see cref="DyingSink"/> where a process would have been killed.</summary>
internal sealed class SinkCrash : Exception;

/// <summary>
/// A sink that dies after a number of rows, like a process killed mid-epoch (what it wrote stays on disk); until then it
/// is the batch log writer, positions and syncs included.
/// </summary>
internal sealed class DyingSink(BatchLogWriter inner, int rowsLeft) : IBatchSink
{
    private int left = rowsLeft;

    public void Write(in BatchRow row)
    {
        if (left-- == 0) throw new SinkCrash();
        inner.Write(row);
    }

    public LogPosition Flush() => inner.Flush();
    public LogPosition Written() => inner.Written();
    public void Sync() => inner.Sync();
}
