using System.Security.Cryptography;
using System.Text;

namespace Hypergrid.Config.Trials;

/// <summary>The names of the files a trial folder holds, and the config hash that detects drift.</summary>
public static class TrialFiles
{
    public const string Config = "cfg.yaml";
    public const string BatchLog = "batch_log.csv";
    public const string PartialLog = "batch_log.partial.csv";
    public const string EpochLog = "epoch_log.csv";
    public const string Run = "run.json";
    public const string Claim = "claim.json";
    public const string WorkerLog = "worker.log";

    /// <summary>sha256 of the config's YAML lines; the generated header comment does not count, so a new parent file alone is no drift.</summary>
    public static string ConfigHash(string configText)
    {
        var body = string.Join('\n', configText.Split('\n').Where(l => !l.StartsWith('#')));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
    }
}
