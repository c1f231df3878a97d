using Hypergrid.Config.Expansion;
using Hypergrid.Trials;
using Hypergrid.Trials.Lifecycle;

namespace Hypergrid.Config.Trainers;

/// <summary>
/// What trains a trial: Hypergrid's built-in trainers (in Hypergrid.Training, registered by the CLI), or the user's
/// program (the <c>command</c> key, in Hypergrid.Running). Chosen once per trial; the attempt's life (run.json, the
/// commit of results, checkpoints kept or dropped) is <see cref="TrialAttempt"/>'s, which every backend goes through,
/// so "is this a program?" is asked in one place and the orchestration never builds against a model library.
/// </summary>
public interface ITrainerBackend
{
    /// <summary>"built-in" or "program": what messages call it.</summary>
    string Name { get; }

    /// <summary>Whether this backend trains a trial of this config.</summary>
    bool Trains(TrialConfig config);

    /// <summary>The epochs a trial trains in all (int.MaxValue: unbounded, a program without an <c>epochs</c> key).</summary>
    int Epochs(TrialConfig config);

    /// <summary>The versions an attempt records in run.json (what can change its numbers).</summary>
    Dictionary<string, string> Versions();

    /// <summary>Trains a claimed trial; every state change and the commit go through <paramref name="life"/>.</summary>
    RunRecord Train(TrialAttempt life, TrainerRun run);

    /// <summary>One line about the data a trial of this config trains on (where it comes from), or null.</summary>
    string? DescribeData(TrialConfig config, string dataDir);

    /// <summary>The checksum of the data a trial of this config would train on now; null when the backend does not know its data (a program).</summary>
    string? DataChecksum(TrialConfig config, string dataDir);

    /// <summary>
    /// Whether a trial folder holds progress of this backend's that a --restart moves aside (a checkpoint, or a
    /// program's rows in an attempt).
    /// </summary>
    bool HasProgress(string trialDir);

    /// <summary>Whether a trial folder's progress is something to continue from (a program's rows without a checkpoint are not).</summary>
    bool CanContinue(string trialDir);

    /// <summary>Whether <see cref="SecondsPerBatch"/> can time a trial of this backend here (a program's thread scaling cannot be).</summary>
    bool CanTimeBatches { get; }

    /// <summary>A line the run says once before trials of this backend start (what this host cannot give them), or null.</summary>
    string? StartWarning { get; }

    /// <summary>The command line a trial of this config runs, as arguments (null: none to show, a built-in trainer).</summary>
    IReadOnlyList<string>? Command(TrialConfig config);

    /// <summary>Seconds a training batch of this config takes on <paramref name="threads"/> threads, timed within <paramref name="budget"/>; null when it cannot be timed from here.</summary>
    double? SecondsPerBatch(TrialConfig config, string dataDir, int threads, TimeSpan budget);
}
