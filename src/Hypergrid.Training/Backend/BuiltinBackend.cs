using System.Collections.Concurrent;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Programs;
using Hypergrid.Config.Trainers;
using Hypergrid.Training.Native;
using Hypergrid.Trials;
using Hypergrid.Trials.Lifecycle;
using TorchSharp;

namespace Hypergrid.Training.Backend;

/// <summary>
/// Hypergrid's own trainers (TorchSharp): libtorch is loaded by the first trial it trains, so a worker of programs never
/// pays for it. Registered by the CLI; the orchestration (Hypergrid.Running) does not reference this project.
/// </summary>
public sealed class BuiltinBackend : ITrainerBackend
{
    public static readonly BuiltinBackend Instance = new();

    private BuiltinBackend() { }

    public string Name => "built-in";

    public bool Trains(TrialConfig config) => !ProgramSchema.IsProgram(config);

    public int Epochs(TrialConfig config) => TrialSpec.Parse(config, [], out _) is { } spec ? spec.TrainerFactory.Settings.Epochs : int.MaxValue;

    public Dictionary<string, string> Versions()
    {
        LibTorchLoader.EnsureLoaded();
        return TrialExecutor.Versions();
    }

    public RunRecord Train(TrialAttempt life, TrainerRun run)
    {
        LibTorchLoader.EnsureLoaded();
        torch.set_num_threads(run.Threads);
        return TrialExecutor.Execute(life, run);
    }

    public string? DescribeData(TrialConfig config, string dataDir) => Spec(config).Data.Describe(dataDir);

    // What a data source says depends on the source and the data folder, not the trial: each is loaded once per process.
    private readonly ConcurrentDictionary<(Data.IDataSource, string), string> checksums = new();

    public string? DataChecksum(TrialConfig config, string dataDir) =>
        checksums.GetOrAdd((Spec(config).Data, dataDir), key => key.Item1.Load(key.Item2).Checksum);

    /// <summary>A checkpoint, in the latest attempt or kept in the trial folder.</summary>
    public bool HasProgress(string trialDir) => Attempt.LiveCheckpoint(trialDir) is not null;

    /// <summary>Every checkpoint is something to continue from (one made for other values is said and not used when the trial starts).</summary>
    public bool CanContinue(string trialDir) => true;

    public bool CanTimeBatches => true;

    /// <inheritdoc />
    public string? StartWarning => null;

    public IReadOnlyList<string>? Command(TrialConfig config) => null;

    public double? SecondsPerBatch(TrialConfig config, string dataDir, int threads, TimeSpan budget)
    {
        var spec = Spec(config);
        return Calibration.SecondsPerBatch(spec, spec.Data.Load(dataDir), threads, budget);
    }

    // The trial was checked during expansion; this only builds its components from the typed values.
    private static TrialSpec Spec(TrialConfig config) =>
        TrialSpec.Parse(config, [], out _) ?? throw new InvalidOperationException("a trial passed its check but does not parse");
}
