using Hypergrid.Config.Expansion;
using Hypergrid.Training;
using Hypergrid.Training.Native;
using Hypergrid.Trials;
using Hypergrid.Trials.Lifecycle;
using TorchSharp;

namespace Hypergrid.Running.Trainers;

/// <summary>
/// Hypergrid's own trainers (TorchSharp): libtorch is loaded by the first trial it trains, so a worker of programs never
/// pays for it. Registered by the CLI (<see cref="TrainerBackends.RegisterBuiltin"/>).
/// </summary>
public sealed class BuiltinBackend : ITrainerBackend
{
    public static readonly BuiltinBackend Instance = new();

    private BuiltinBackend() { }

    public string Name => "built-in";

    public bool Trains(TrialConfig config) => !Config.Programs.ProgramSchema.IsProgram(config);

    public int Epochs(TrialConfig config) => TrialSpec.Parse(config, [], out _) is { } spec ? spec.TrainerFactory.Settings.Epochs : int.MaxValue;

    public Dictionary<string, string> Versions()
    {
        LibTorchLoader.EnsureLoaded();
        return TrialExecutor.Versions();
    }

    public RunRecord Train(TrialAttempt life, WorkerSettings settings, AttemptProgress? progress, CancellationToken cancel)
    {
        LibTorchLoader.EnsureLoaded();
        torch.set_num_threads(settings.Threads);
        return TrialExecutor.Execute(life, settings, progress, cancel);
    }
}
