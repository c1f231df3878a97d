namespace Hypergrid.Config;

/// <summary>Thrown with every error found, so a user fixes a tree in one pass.</summary>
public sealed class ConfigException(IReadOnlyList<ConfigError> errors)
    : Exception(string.Join("\n", errors.Select(e => e.ToString())))
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;

    /// <summary>Throws when any error was collected.</summary>
    /// <summary>Throws when any error was collected: each once, sorted by file, line and column, so a user reads a tree top to bottom.</summary>
    public static void ThrowIfAny(IReadOnlyCollection<ConfigError> errors)
    {
        if (errors.Count > 0)
            throw new ConfigException(errors.Distinct().OrderBy(e => e.Where.File, StringComparer.Ordinal).ThenBy(e => e.Where.Line).ThenBy(e => e.Where.Column).ToList());
    }
}
