namespace Hypergrid.Config.Expansion;

/// <summary>
/// What the registries know about a trial's keys (Hypergrid.Training implements it): expansion asks it about
/// every trial, so 'expand' reports every mistake a run would, and it gives each value its declared type.
/// </summary>
public interface IConfigSchema
{
    /// <summary>
    /// Checks one resolved config (datasets, models, trainers, their keys, types and ranges). Returns the config
    /// with every value in its declared type (<c>hidden: 8</c> becomes <c>[8]</c>, <c>lr: 1</c> becomes <c>1.0</c>),
    /// or null after adding each problem, at the cfg/ file and line that set the key, to <paramref name="errors"/>.
    /// </summary>
    TrialConfig? Check(TrialConfig config, List<ConfigError> errors);

    /// <summary>The config in declared types with every key it leaves out written with its default: what a trial really runs with.</summary>
    TrialConfig Effective(TrialConfig config);
}
