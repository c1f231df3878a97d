using Hypergrid.Config.Expansion;
using Hypergrid.Config.Programs;
using Hypergrid.Config.Yaml;
using Hypergrid.Config.Trainers;
using Hypergrid.Trials;
using Hypergrid.Trials.Lifecycle;

namespace Hypergrid.Running.Programs;

/// <summary>The user's own program (a config with <c>command</c>): no libtorch, its framework's versions are its own business.</summary>
public sealed class ProgramBackend : ITrainerBackend
{
    public static readonly ProgramBackend Instance = new();

    private ProgramBackend() { }

    public string Name => "program";

    public bool Trains(TrialConfig config) => ProgramSchema.IsProgram(config);

    /// <summary>A program's <c>epochs</c> key; unbounded without one.</summary>
    public int Epochs(TrialConfig config) => config["epochs"] is CfgScalar { Integer: { } e and > 0 and < int.MaxValue } ? (int)e : int.MaxValue;

    public Dictionary<string, string> Versions() => new()
    {
        ["hypergrid"] = typeof(ProgramBackend).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            is [System.Reflection.AssemblyInformationalVersionAttribute v, ..] ? v.InformationalVersion : typeof(ProgramBackend).Assembly.GetName().Version?.ToString() ?? "?",
        ["dotnet"] = Environment.Version.ToString(),
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
    };

    public RunRecord Train(TrialAttempt life, TrainerRun run) => ProgramExecutor.Execute(life, run);

    /// <summary>A program's data is its own business.</summary>
    public string? DescribeData(TrialConfig config, string dataDir) => null;

    public string? DataChecksum(TrialConfig config, string dataDir) => null;

    /// <summary>A checkpoint kept in the trial folder, or rows in an attempt.</summary>
    public bool HasProgress(string trialDir) => Attempt.LiveCheckpoint(trialDir) is not null || Attempt.Latest(trialDir) is { HasProgress: true };

    /// <summary>Only an attempt with a checkpoint: rows alone are nothing to continue from.</summary>
    public bool CanContinue(string trialDir) => Attempt.Latest(trialDir) is { HasCheckpoint: true };

    /// <summary>A program's thread scaling cannot be timed from here.</summary>
    public bool CanTimeBatches => false;

    /// <inheritdoc />
    public string? StartWarning => ProgramContainment.Namespaced ? null : ProgramContainment.Warning;

    public IReadOnlyList<string>? Command(TrialConfig config) => ProgramSchema.Arguments(config).ToList();

    /// <summary>A program's thread scaling cannot be timed from here.</summary>
    public double? SecondsPerBatch(TrialConfig config, string dataDir, int threads, TimeSpan budget) => null;
}
