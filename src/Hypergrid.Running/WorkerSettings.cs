namespace Hypergrid.Running;

/// <summary>What a worker process needs besides its trial list.</summary>
public sealed record WorkerSettings(string DataDir, int Threads, string RunId);
