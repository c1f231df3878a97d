using Hypergrid.Trials.Posix;

namespace Hypergrid.Running.Devices;

/// <summary>The GPUs one trial holds while it trains; disposing it lets them go (a dead worker's go with it).</summary>
public sealed class DeviceLease(IReadOnlyList<string> ids, IReadOnlyList<AppendFile> locks) : IDisposable
{
    /// <summary>The trial's GPUs as CUDA names them (empty: none).</summary>
    public IReadOnlyList<string> Ids => ids;

    public void Dispose()
    {
        foreach (var l in locks) l.Dispose();
    }
}
