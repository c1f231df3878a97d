using Hypergrid.Config;
using Hypergrid.Config.Expansion;

namespace Hypergrid.Training;

/// <summary>The registries as the expansion's schema: every trial is checked and typed while the tree is expanded.</summary>
public sealed class TrialSchema : IConfigSchema
{
    public static readonly TrialSchema Instance = new();

    public TrialConfig? Check(TrialConfig config, List<ConfigError> errors)
    {
        TrialSpec.Parse(config, errors, out var normalized);
        return normalized;
    }

    public TrialConfig Effective(TrialConfig config)
    {
        TrialSpec.Parse(config, [], out _, out var effective);
        return effective;
    }
}
