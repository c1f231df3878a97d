namespace Hypergrid.Running;

/// <summary>What a worker process needs besides its trial list.</summary>
public sealed record WorkerSettings(string DataDir, int Threads, string RunId)
{
    /// <summary>The folder that holds cfg/: where a trial's own program runs (null: the worker's current folder).</summary>
    public string? ProgramDir { get; init; }
}
