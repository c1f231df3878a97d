using Hypergrid.Config.Expansion;
using Hypergrid.Trials;
using Hypergrid.Trials.Lifecycle;

namespace Hypergrid.Running.Trainers;

/// <summary>
/// What trains a trial: Hypergrid's built-in trainers, or the user's program (the <c>command</c> key). Chosen once per
/// trial (<see cref="TrainerBackends.For(TrialConfig?)"/>); the attempt's life (run.json, the commit of results,
/// checkpoints kept or dropped) is <see cref="TrialAttempt"/>'s, which every backend goes through, so "is this a
/// program?" is asked in one place.
/// </summary>
public interface ITrainerBackend
{
    /// <summary>"built-in" or "program": what run.json and messages call it.</summary>
    string Name { get; }

    /// <summary>Whether this backend trains a trial of this config.</summary>
    bool Trains(TrialConfig config);

    /// <summary>The epochs a trial trains in all (int.MaxValue: unbounded, a program without an <c>epochs</c> key).</summary>
    int Epochs(TrialConfig config);

    /// <summary>The versions an attempt records in run.json (what can change its numbers).</summary>
    Dictionary<string, string> Versions();

    /// <summary>Trains a claimed trial; every state change and the commit go through <paramref name="life"/>.</summary>
    RunRecord Train(TrialAttempt life, WorkerSettings settings, AttemptProgress? progress, CancellationToken cancel);
}
