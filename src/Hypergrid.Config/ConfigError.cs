using Hypergrid.Config.Yaml;

namespace Hypergrid.Config;

/// <summary>A mistake in the user's config: where, which key, what is wrong, and what to do.</summary>
public sealed record ConfigError(SourceMark Where, string? Key, string Problem, string Hint)
{
    public override string ToString()
    {
        var key = Key is null ? "" : $"key '{Visible.Text(Key)}' ";
        return $"{Where}: {key}{Problem}\n  hint: {Hint}";
    }
}
