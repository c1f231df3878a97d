using System.Security.Cryptography;
using Hypergrid.Config.Yaml;
using Hypergrid.Trials;

namespace Hypergrid.Config.Expansion;

/// <summary>
/// The hyperparameter hash a trial's cfg.yaml asks for now, read from out/log by a process that did not write it (the
/// dashboard, a report). When the file is the very text the result ran with (run.json's cfg_sha256) the answer is the
/// result's own hash and no YAML is parsed: a report of 10,000 trials reads them in a second.
/// </summary>
public static class CurrentParams
{
    public static string? Of(string logRoot, string trialDir, RunRecord? run, IConfigSchema? schema = null)
    {
        var bytes = SafeFiles.ReadAll(logRoot, Path.Combine(trialDir, TrialFiles.Config));
        if (bytes is null) return null;
        if ((run?.EffectiveSha256 ?? run?.ParamsSha256) is { } ran && run!.CfgSha256 == Convert.ToHexStringLower(SHA256.HashData(bytes))) return ran;
        var file = Path.Combine(trialDir, TrialFiles.Config);
        var map = YamlLoader.LoadMapping(System.Text.Encoding.UTF8.GetString(bytes), file, []);
        return map is null ? null : ResultHash.Current(TrialConfig.FromMap(map, file), schema)(run);
    }
}
