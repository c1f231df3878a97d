namespace Hypergrid.Running;

/// <summary>Starts workers on a manifest of trials and waits for them (local processes, or a Slurm job array).</summary>
public interface ILauncher
{
    string Name { get; }

    /// <summary>Starts the workers; returns true when it waited for them to finish, false when they run on detached.</summary>
    Task<bool> LaunchAsync(LaunchRequest request, IRunDisplay display, CancellationToken cancel);
}

/// <summary>One launch: the manifest, how many workers, the settings each worker gets, where to keep launcher files.</summary>
public sealed record LaunchRequest(string Manifest, int Workers, WorkerSettings Settings, WorkerCommand Command, string RunDir, IReadOnlyList<Hypergrid.Config.Expansion.Trial> Trials);
