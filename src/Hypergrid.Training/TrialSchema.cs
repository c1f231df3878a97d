using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Programs;

namespace Hypergrid.Training;

/// <summary>The registries as the expansion's schema: every trial is checked and typed while the tree is expanded.</summary>
public sealed class TrialSchema : IConfigSchema
{
    public static readonly TrialSchema Instance = new();

    public TrialConfig? Check(TrialConfig config, List<ConfigError> errors)
    {
        // A trial with a command is trained by the user's program: its names and keys are the program's own.
        if (ProgramSchema.IsProgram(config)) return ProgramSchema.Check(config, errors);
        TrialSpec.Parse(config, errors, out var normalized);
        return normalized;
    }

    public TrialConfig Effective(TrialConfig config)
    {
        if (ProgramSchema.IsProgram(config)) return ProgramSchema.Effective(config);
        TrialSpec.Parse(config, [], out _, out var effective);
        return effective;
    }
}
