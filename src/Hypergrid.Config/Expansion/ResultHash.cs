namespace Hypergrid.Config.Expansion;

/// <summary>
/// The hashes a result is compared by. A result records the hash of its effective values (with its schema's defaults
/// written out: <c>dropout: 0.0</c> written explicitly is the trial it was); results from before that recorded only the
/// hash of the values as written, and are compared by that.
/// </summary>
public static class ResultHash
{
    /// <summary>The hash of the effective values: the schema's defaults written out (the values themselves without a schema).</summary>
    public static string Effective(TrialConfig config, IConfigSchema? schema) => (schema?.Effective(config) ?? config).ParamsSha256();

    /// <summary>What a trial's current config hashes to, in the form the result in question recorded.</summary>
    public static Func<Trials.RunRecord?, string?> Current(TrialConfig config, IConfigSchema? schema) =>
        run => run?.EffectiveSha256 is not null ? Effective(config, schema) : config.ParamsSha256();
}
