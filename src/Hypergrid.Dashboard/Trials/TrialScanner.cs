using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;
using Hypergrid.Trials;

namespace Hypergrid.Dashboard.Trials;

/// <summary>
/// Lists every trial under out/log as its <see cref="TrialRecord"/> and the config to show: for a result, the
/// config it was trained with (run.json); otherwise the cfg.yaml it will train with. A trial folder is re-read only
/// when its modification time changes (every write in a trial is a create or rename); a claimed trial's
/// liveness is checked on each call. That keeps the list of 1,000 trials a matter of milliseconds.
/// </summary>
public sealed class TrialScanner(string logRoot)
{
    private readonly ConcurrentDictionary<string, (DateTime Stamp, TrialRecord Record, JsonObject? Config, string? ParamsSha256)> cache = new();

    public string LogRoot => logRoot;

    public IReadOnlyList<(TrialRecord Record, JsonObject? Config)> Scan()
    {
        var result = new List<(TrialRecord, JsonObject?)>();
        if (!Directory.Exists(logRoot)) return result;
        foreach (var dir in TrialDirs())
        {
            var stamp = Directory.GetLastWriteTimeUtc(dir);
            if (!cache.TryGetValue(dir, out var entry) || entry.Stamp != stamp)
            {
                var (config, hash) = ReadConfig(dir);
                var record = TrialRecord.Read(dir, TrialId.FromDirectory(dir), hash);
                entry = (stamp, record, record.TrainedConfig ?? config, hash);
                cache[dir] = entry;
            }
            else if (File.Exists(Path.Combine(dir, TrialFiles.Claim)))
            {
                entry.Record = TrialRecord.Read(dir, entry.Record.Id, entry.ParamsSha256);
            }
            result.Add((entry.Record, entry.Config));
        }
        return result;
    }

    // out/log/<mode>/<dataset>/<model>/<trainer>/trial_###, folders only where their real path stays under out/log.
    private IEnumerable<string> TrialDirs()
    {
        IEnumerable<string> level = [logRoot];
        for (var depth = 0; depth < 4; depth++) level = level.SelectMany(Directory.EnumerateDirectories).Order(StringComparer.Ordinal);
        return level.SelectMany(d => Directory.EnumerateDirectories(d)
                .Select(t => (Dir: t, Ok: TrialFiles.TryParseFolder(Path.GetFileName(t), out var n), Number: n))
                .Where(t => t.Ok).OrderBy(t => t.Number).Select(t => t.Dir))
            .Where(d => SafeFiles.Resolve(logRoot, d, folder: true) is not null);
    }

    private (JsonObject? Config, string? ParamsSha256) ReadConfig(string dir)
    {
        var bytes = SafeFiles.ReadAll(logRoot, Path.Combine(dir, TrialFiles.Config));
        if (bytes is null) return (null, null);
        var file = Path.GetRelativePath(logRoot, dir) + "/" + TrialFiles.Config;
        var map = YamlLoader.LoadMapping(System.Text.Encoding.UTF8.GetString(bytes), file, new List<ConfigError>());
        if (map is null) return (null, null);
        var config = TrialConfig.FromMap(map, file);
        return (config.ToJson(), config.ParamsSha256());
    }
}
