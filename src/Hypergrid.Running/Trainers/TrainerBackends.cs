using Hypergrid.Config.Expansion;
using Hypergrid.Config.Trainers;
using Hypergrid.Trials;

namespace Hypergrid.Running.Trainers;

/// <summary>
/// The trainer backends, asked in order: the program backend (a config with <c>command</c>), then the built-in
/// trainers, which also take a trial whose cfg.yaml does not read (they say why it fails). An explicit list: the
/// built-in backend is registered by whoever links the training code (the CLI), so a program-only study never loads it.
/// </summary>
public static class TrainerBackends
{
    private static readonly List<ITrainerBackend> Registered = [Programs.ProgramBackend.Instance];
    private static ITrainerBackend? builtin;
    private static IConfigSchema? schema;

    /// <summary>Registers the built-in trainers and the schema that checks trials against their registries (once, at start-up).</summary>
    public static void RegisterBuiltin(ITrainerBackend backend, IConfigSchema trialSchema) => (builtin, schema) = (backend, trialSchema);

    /// <summary>The schema expansion checks trials with (the built-in registries' and the program keys').</summary>
    public static IConfigSchema Schema => schema ?? throw NotRegistered();

    private static InvalidOperationException NotRegistered() => new("no built-in trainer backend is registered (the CLI registers it at start-up)");

    /// <summary>The backend of a trial's config (null: a config that does not read, which the built-in trainers report).</summary>
    public static ITrainerBackend For(TrialConfig? config) =>
        (config is null ? null : Registered.FirstOrDefault(b => b.Trains(config))) ?? builtin ?? throw NotRegistered();

    /// <summary>The backend of a trial folder, from its cfg.yaml.</summary>
    public static ITrainerBackend For(string trialDir) => For(TrialConfig.Load(Path.Combine(trialDir, TrialFiles.Config), []));
}
