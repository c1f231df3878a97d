namespace Hypergrid.Config;

/// <summary>Thrown with every error found, so a user fixes a tree in one pass.</summary>
public sealed class ConfigException(IReadOnlyList<ConfigError> errors)
    : Exception(string.Join("\n", errors.Select(e => e.ToString())))
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;

    /// <summary>Throws when any error was collected.</summary>
    public static void ThrowIfAny(IReadOnlyCollection<ConfigError> errors)
    {
        if (errors.Count > 0) throw new ConfigException(errors.ToList());
    }
}
