using Hypergrid.Trials.Logs;

namespace Hypergrid.Training.Logging;

/// <summary>Where the training loop's per-batch metrics go: the one way metrics leave the loop.</summary>
public interface IBatchSink
{
    void Write(in BatchRow row);
}
