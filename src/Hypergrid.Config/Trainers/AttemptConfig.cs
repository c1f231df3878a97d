using System.Security.Cryptography;
using System.Text;
using Hypergrid.Config.Expansion;
using Hypergrid.Trials;
using Hypergrid.Trials.Lifecycle;

namespace Hypergrid.Config.Trainers;

/// <summary>
/// How every backend reads the trial it trains: the cfg.yaml another process wrote (the only place a trial's config is
/// parsed from text), checked by the backend, and what run.json records of it (the file's hash, the hyperparameter
/// hashes, the config as checked), so that the built-in trainer and a program record it alike.
/// </summary>
public static class AttemptConfig
{
    /// <summary>
    /// The trial's config as <paramref name="check"/> returns it (null: the problems it added to the list, thrown as a
    /// <see cref="ConfigException"/>), recorded in <paramref name="life"/>'s run record; <paramref name="schema"/> writes
    /// out the defaults of the effective hash (null: the values as checked).
    /// </summary>
    public static TrialConfig ReadConfig(this TrialAttempt life, Func<TrialConfig, List<ConfigError>, TrialConfig?> check, IConfigSchema? schema)
    {
        var cfgPath = Path.GetFullPath(Path.Combine(life.TrialDir, TrialFiles.Config));
        var text = File.ReadAllText(cfgPath);
        var errors = new List<ConfigError>();
        var loaded = TrialConfig.Load(cfgPath, errors);
        var config = loaded is null ? null : check(loaded, errors);
        if (config is null) throw new ConfigException(errors);
        life.Update(r => r with
        {
            CfgSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
            ParamsSha256 = config.ParamsSha256(),
            EffectiveSha256 = ResultHash.Effective(config, schema),
            Config = config.ToJson(),
        });
        return config;
    }
}
